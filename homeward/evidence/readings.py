"""What an estimate means, in plain words: the sentences the evidence engine writes.

Pure Python, no Django (part of the evidence engine).
"""

from __future__ import annotations

import math

# Below these counts an estimate is still given, but its reading says the data are few.
FEW_UNITS = 10
FEW_DAYS = 10


def panel_reading(
    outcome: str,
    coef: float,
    se: float,
    low: float,
    high: float,
    confidence: float,
    *,
    n_units: int,
    n_periods: int,
    switchers: int,
) -> str:
    source = f"from {n_units} people over {n_periods} periods."
    sentences = [_difference_sentence(outcome, coef, se, low, high, confidence, source)]
    sentences.append(_chance_sentence(low, high))
    if n_units < FEW_UNITS:
        sentences.append(
            f"With only {n_units} people the interval is rough; "
            "clustered errors need more people to be reliable."
        )
    elif switchers < FEW_UNITS:
        sentences.append(
            f"Only {switchers} people worked both at home and in the office; the estimate "
            "rests on them, so the interval is rough."
        )
    return " ".join(sentences)


def person_reading(
    outcome: str,
    coef: float,
    se: float,
    low: float,
    high: float,
    confidence: float,
    *,
    n_home: int,
    n_office: int,
) -> str:
    source = f"from {n_home} home and {n_office} office days."
    sentences = [_difference_sentence(outcome, coef, se, low, high, confidence, source)]
    sentences.append(_chance_sentence(low, high))
    if min(n_home, n_office) < FEW_DAYS:
        sentences.append("These are few days, so the interval is wide; more days will narrow it.")
    return " ".join(sentences)


def _difference_sentence(
    outcome: str,
    coef: float,
    se: float,
    low: float,
    high: float,
    confidence: float,
    source: str,
) -> str:
    places = _decimals(se)
    if round(coef, places) == 0:
        change = "about the same as on office days"
    else:
        direction = "higher" if coef > 0 else "lower"
        change = f"{abs(coef):.{places}f} {direction} than on office days"
    interval = f"{pct_label(confidence)} interval {low:.{places}f} to {high:.{places}f}"
    return f"On home days {outcome} was {change} ({interval}), {source}"


def _chance_sentence(low: float, high: float) -> str:
    if low > 0 or high < 0:
        return "The interval excludes zero, so the difference is unlikely to be chance."
    return (
        "The interval includes zero, so these data cannot tell a real difference from chance; "
        "the true difference could be anywhere in it."
    )


def _decimals(se: float) -> int:
    """Decimal places that show the estimate to the precision its error supports."""
    if not math.isfinite(se) or se <= 0:
        return 2
    return min(6, max(1, -math.floor(math.log10(se))))


def pct_label(confidence: float) -> str:
    return f"{confidence * 100:g}%"


def fmt_num(value: float) -> str:
    """Up to 3 significant figures for prose, without scientific notation when avoidable."""
    if value == 0 or not math.isfinite(value):
        return f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0
    places = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:.{min(places, 6)}f}"
