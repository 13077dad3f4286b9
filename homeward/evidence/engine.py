"""The evidence engine: how much better or worse are results on home days?

Pure statistics, no Django. Two models:

- :func:`estimate_panel` for a team (or the Ctrip panel): outcome on the home share
  with unit (person) and period fixed effects, standard errors clustered by unit,
  fitted by :mod:`homeward.evidence.twoway` (pyfixest's compiled demeaning, without
  importing the rest of pyfixest: the command's cold start). The small-sample
  correction matches Stata's
  ``areg y d i.period, absorb(unit) cluster(unit)``, which is how the published
  Ctrip result (Bloom et al. 2015, Table II col. 1) was computed, so the engine
  reproduces 0.232 (0.063) exactly.
- :func:`estimate_person` for one person's daily series: ordinary least squares
  on the home indicator with weekday dummies and a linear trend, HC3 robust
  standard errors and Student-t intervals with the residual degrees of freedom,
  so a short trial gets an honestly wide interval.

:func:`verdict` turns an estimate into pass / fail / inconclusive against a trial's
success criterion; :func:`summarise_groups` gives the plain means used by charts.
Every input problem raises :class:`EvidenceError` (a ``ValueError``) with a message
that can be shown to the person who supplied the data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from os import PathLike
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special

from homeward.evidence.readings import fmt_num, panel_reading, pct_label, person_reading
from homeward.evidence.twoway import NotIdentified, fit_twoway

# Fewer people who switch than this and the clustered interval cannot be trusted at all.
# (Fewer than FEW_UNITS or FEW_DAYS and the estimate is given, its reading saying so.)
MIN_SWITCHERS = 3
# The person model refuses to run with fewer home or office observations than this.
MIN_DAYS_PER_GROUP = 3

# The clustered errors use Stata areg's small-sample correction (see twoway.py): it
# counts the absorbed unit effects in k, which gives the published 0.063 on the Ctrip
# panel (the xtreg-style count, leaving them out, gives 0.0624).

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class EvidenceError(ValueError):
    """The data cannot support an estimate; the message says why, in plain words."""


@dataclass(frozen=True)
class Estimate:
    """The difference home minus office in the outcome, with its interval.

    ``n_home`` counts observations with a home share above zero, ``n_office`` those
    with a share of exactly zero (so they add up to ``n_obs``). For a home share the
    estimate is the difference between an all-home and an all-office period.
    """

    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    n_obs: int
    n_units: int
    n_periods: int
    n_home: int
    n_office: int
    method: str
    reading: str
    confidence: float = 0.95

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (floats and ints only, no numpy scalars)."""
        return asdict(self)

    @property
    def excludes_zero(self) -> bool:
        """True when the whole interval lies on one side of zero."""
        return self.ci_low > 0 or self.ci_high < 0


@dataclass(frozen=True)
class Verdict:
    """A trial criterion judged on an estimate: "pass", "fail" or "inconclusive"."""

    status: Literal["pass", "fail", "inconclusive"]
    explanation: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class GroupSummary:
    """Raw means and counts of home and office values, for charts.

    Means are ``None`` for an empty group; ``pct_difference`` is ``None`` when either
    mean is missing or the office mean is zero.
    """

    home_n: int
    office_n: int
    home_mean: float | None
    office_mean: float | None
    difference: float | None
    pct_difference: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- the panel model ---------------------------------------------------------------


def estimate_panel(
    df: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    period: str,
    treatment: str,
    confidence: float = 0.95,
) -> Estimate:
    """Outcome on home share with unit and period fixed effects, clustered by unit.

    ``treatment`` is the share of the period worked from home (0..1) or a 0/1
    indicator; booleans are accepted. Rows with a missing or non-finite outcome or
    treatment, or a missing unit or period, are dropped first. Singleton units are
    kept (as Stata's areg does); they count in ``n_obs`` and in the
    small-sample correction but do not move the estimate.

    The interval and p-value use Student t with (number of units - 1) degrees of
    freedom, as Stata and fixest do for clustered errors, so a handful of units gives
    a wide interval rather than a falsely precise one.

    Raises EvidenceError for: a missing column, a non-numeric outcome or treatment, a
    treatment outside 0..1, no rows left, fewer than 2 units, a treatment that never
    varies, fewer than 2 units that switch between home and office (with one, the
    clustered interval would be falsely narrow), a treatment that never varies within
    a period (the period effects would absorb it), and any other model the fixed effects
    leave unidentified.
    """
    _check_confidence(confidence)
    _require_columns(df, outcome, unit, period, treatment)
    frame = _panel_frame(df, outcome=outcome, unit=unit, period=period, treatment=treatment)
    n_units = int(frame["unit"].max()) + 1
    n_periods = int(frame["period"].max()) + 1
    switchers = _check_panel_identified(frame, n_units=n_units, n_periods=n_periods)
    coef, se = _fit_panel(frame)
    df_t = n_units - 1
    d = frame["d"].to_numpy()
    n_home = int(np.count_nonzero(d > 0))
    low, high, p_value = _t_interval(coef, se, df_t, confidence)
    n_obs = len(frame)
    reading = panel_reading(
        outcome,
        coef,
        se,
        low,
        high,
        confidence,
        n_units=n_units,
        n_periods=n_periods,
        switchers=switchers,
    )
    return Estimate(
        estimate=coef,
        std_error=se,
        ci_low=low,
        ci_high=high,
        p_value=p_value,
        n_obs=n_obs,
        n_units=n_units,
        n_periods=n_periods,
        n_home=n_home,
        n_office=n_obs - n_home,
        method="two-way fixed effects, SE clustered by unit (areg small-sample correction)",
        reading=reading,
        confidence=confidence,
    )


def run_panel_csv(
    path: str | PathLike[str],
    *,
    outcome: str,
    unit: str,
    period: str,
    treatment: str,
    confidence: float = 0.95,
) -> Estimate:
    """:func:`estimate_panel` on a CSV file, reading only the four named columns.

    Raises EvidenceError when the file cannot be read, is empty, or lacks a column.
    """
    wanted = {outcome, unit, period, treatment}
    try:
        df = pd.read_csv(path, usecols=lambda name: name in wanted)
    except FileNotFoundError:
        raise EvidenceError(f"No such file: {path}") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise EvidenceError(f"Cannot read {path} as CSV: {exc}") from None
    return estimate_panel(
        df,
        outcome=outcome,
        unit=unit,
        period=period,
        treatment=treatment,
        confidence=confidence,
    )


def _panel_frame(
    df: pd.DataFrame, *, outcome: str, unit: str, period: str, treatment: str
) -> pd.DataFrame:
    """A compact private frame: y, d (float), unit and period as 0-based integer codes.

    Only the four columns are copied, once; the caller's frame is never modified.
    """
    y = _numeric(df[outcome], outcome)
    d = _numeric(df[treatment], treatment)
    unit_codes, _ = pd.factorize(df[unit], use_na_sentinel=True)
    period_codes, _ = pd.factorize(df[period], use_na_sentinel=True)
    keep = np.isfinite(y) & np.isfinite(d) & (unit_codes >= 0) & (period_codes >= 0)
    if not keep.any():
        raise EvidenceError(f"No rows have both {outcome!r} and {treatment!r}.")
    y, d = y[keep], d[keep]
    _check_share(d, treatment)
    # Re-code after dropping so that codes are dense and max + 1 counts the levels.
    unit_codes = pd.factorize(unit_codes[keep])[0]
    period_codes = pd.factorize(period_codes[keep])[0]
    return pd.DataFrame({"y": y, "d": d, "unit": unit_codes, "period": period_codes}, copy=False)


def _check_panel_identified(frame: pd.DataFrame, *, n_units: int, n_periods: int) -> int:
    """Raise unless the treatment effect is identified; return the number of switchers.

    A switcher is a unit with both home and office observations (or different shares).
    Clustered errors need at least three: with one, its own residuals would be the whole
    variance; with two, the person effects leave each cluster's score summing to nearly
    zero and the interval comes out falsely exact.
    """
    if n_units < 2:
        raise EvidenceError("At least 2 people (units) are needed for a clustered estimate.")
    d = frame["d"].to_numpy()
    if d.min() == d.max():
        raise EvidenceError("The treatment never varies: every row is equally home or office.")
    switchers = _groups_varying(d, frame["unit"].to_numpy(), n_units)
    if switchers == 0:
        raise EvidenceError(
            "Nobody switches between home and office: each person's treatment is constant, "
            "so the person effects absorb it."
        )
    if switchers < MIN_SWITCHERS:
        raise EvidenceError(
            f"Only {switchers} {'person' if switchers == 1 else 'people'} worked both at home "
            f"and in the office; at least {MIN_SWITCHERS} are needed for an honest interval."
        )
    if _groups_varying(d, frame["period"].to_numpy(), n_periods) == 0:
        raise EvidenceError(
            "Within each period everyone has the same treatment, so the period effects absorb it."
        )
    return switchers


def _groups_varying(values: np.ndarray, codes: np.ndarray, n_groups: int) -> int:
    """How many groups hold at least two different values (vectorised, O(n))."""
    sums = np.bincount(codes, weights=values, minlength=n_groups)
    counts = np.bincount(codes, minlength=n_groups)
    means = sums / counts
    off_mean = np.abs(values - means[codes]) > 1e-12
    return int(np.count_nonzero(np.bincount(codes[off_mean], minlength=n_groups)))


def _fit_panel(frame: pd.DataFrame) -> tuple[float, float]:
    """Coefficient and clustered SE of ``d`` (two-way fixed effects, areg correction)."""
    try:
        return fit_twoway(
            frame["y"].to_numpy(dtype=float),
            frame["d"].to_numpy(dtype=float),
            frame["unit"].to_numpy(),
            frame["period"].to_numpy(),
        )
    except NotIdentified as exc:
        raise EvidenceError(
            "The treatment is fully explained by the person and period effects, "
            f"or the data are too few or degenerate ({exc})."
        ) from None


# --- the person model ----------------------------------------------------------------


def estimate_person(
    df: pd.DataFrame,
    *,
    outcome: str,
    date: str,
    treatment: str,
    confidence: float = 0.95,
) -> Estimate:
    """One person's daily outcome on the home indicator, weekday dummies and a trend.

    ``treatment`` is 1 for a home day and 0 for an office day (a share 0..1 for part
    days is accepted). Rows with a missing outcome, treatment or date are dropped.
    Standard errors are HC3 (the better choice with few observations); when some
    observation has leverage 1 (e.g. the only Saturday) HC3 is undefined and HC1 is
    used instead. Intervals use Student t with the residual degrees of freedom.

    Weekday dummies are dropped when home days always fall on the same weekdays
    (a fixed "Friday at home" pattern): then home and weekday cannot be told apart
    and the comparison is home days against office days with a trend only. The
    ``method`` field says which controls were used.

    Dates must be ISO 8601 text (``2025-01-31``), dates or datetimes.

    Raises EvidenceError for a missing column, unreadable dates, a treatment outside
    0..1, fewer than 3 home or 3 office observations, or too few days to estimate.
    """
    _check_confidence(confidence)
    _require_columns(df, outcome, date, treatment)
    y, d, days = _person_arrays(df, outcome=outcome, date=date, treatment=treatment)
    n_home = int(np.count_nonzero(d > 0))
    n_office = len(d) - n_home
    if n_home < MIN_DAYS_PER_GROUP or n_office < MIN_DAYS_PER_GROUP:
        raise EvidenceError(
            f"Need at least {MIN_DAYS_PER_GROUP} home and {MIN_DAYS_PER_GROUP} office days "
            f"with a result; there are {n_home} home and {n_office} office days."
        )
    X, controls = _person_design(d, days)
    coef, se, df_resid, se_kind = _ols_robust(X, y)
    low, high, p_value = _t_interval(coef, se, df_resid, confidence)
    n_periods = int(np.unique(days).size)
    reading = person_reading(
        outcome, coef, se, low, high, confidence, n_home=n_home, n_office=n_office
    )
    return Estimate(
        estimate=coef,
        std_error=se,
        ci_low=low,
        ci_high=high,
        p_value=p_value,
        n_obs=len(y),
        n_units=1,
        n_periods=n_periods,
        n_home=n_home,
        n_office=n_office,
        method=f"OLS with {controls}, {se_kind} robust SE, t({df_resid})",
        reading=reading,
        confidence=confidence,
    )


def _person_arrays(
    df: pd.DataFrame, *, outcome: str, date: str, treatment: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Outcome, treatment and day number (days since the epoch), complete rows only."""
    y = _numeric(df[outcome], outcome)
    d = _numeric(df[treatment], treatment)
    try:
        # ISO 8601 text, date objects and datetimes; never guess day-first vs month-first.
        dates = pd.to_datetime(df[date], format="ISO8601")
    except (ValueError, TypeError) as exc:
        raise EvidenceError(f"Column {date!r} does not hold dates: {_one_line(exc)}") from None
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)  # the local calendar day is what counts
    days = dates.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))
    keep = np.isfinite(y) & np.isfinite(d) & ~np.isnat(days)
    y, d, days = y[keep], d[keep], days[keep].astype(np.int64)
    _check_share(d, treatment)
    return y, d, days


def _person_design(d: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, str]:
    """The design matrix (home first, then constant, trend, weekday dummies) and a label.

    Weekday dummies are kept only when the home column stays identified with them and
    at least 2 residual degrees of freedom remain; otherwise the trend alone is used.
    """
    n = len(d)
    trend = (days - days.min()) / 7.0  # in weeks, for a well-scaled column
    base = np.column_stack([d, np.ones(n), trend])
    if n - base.shape[1] < 2 or not _full_rank(base):
        raise EvidenceError(
            "Too few days to separate home days from the trend; record more days first."
        )
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    present = np.unique(weekday)
    if present.size == 1:
        return base, "a trend (all days fall on one weekday)"
    full = np.column_stack([base, *((weekday == w).astype(float) for w in present[1:])])
    if n - full.shape[1] < 2:
        return base, "a trend (too few days for weekday controls)"
    if not _full_rank(full):
        return base, "a trend (home days fall on fixed weekdays, so no weekday controls)"
    return full, "weekday dummies and a trend"


def _full_rank(X: np.ndarray) -> bool:
    """True when X has full column rank, so every coefficient (home first) is identified."""
    return bool(np.linalg.matrix_rank(X) == X.shape[1])


def _ols_robust(X: np.ndarray, y: np.ndarray) -> tuple[float, float, int, str]:
    """OLS coefficient and robust SE of the first column; HC3, or HC1 at leverage 1."""
    n, k = X.shape
    xtx_inv = np.linalg.inv(X.T @ X)
    beta = xtx_inv @ (X.T @ y)
    resid = y - X @ beta
    leverage = np.einsum("ij,jk,ik->i", X, xtx_inv, X)
    if np.max(leverage) < 1 - 1e-8:
        weights, kind = (resid / (1 - leverage)) ** 2, "HC3"
    else:
        weights, kind = resid**2 * n / (n - k), "HC1"
    bread_row = xtx_inv[0] @ X.T  # the first row of (X'X)^-1 X'
    var = float(np.sum(bread_row**2 * weights))
    return float(beta[0]), math.sqrt(var), n - k, kind


# --- verdicts and summaries -----------------------------------------------------------


def verdict(
    estimate: Estimate,
    *,
    rule: Literal["no_worse_than_pct", "at_least_baseline"],
    threshold: float = 0.0,
    higher_is_better: bool = True,
    baseline: float | None = None,
) -> Verdict:
    """Judge a trial criterion on the interval, never on the point estimate alone.

    Rules (the estimate is home minus office):

    - ``"no_worse_than_pct"``: home is no worse than office by more than ``threshold``
      percent of ``baseline`` (the office mean, required). The limit is
      ``threshold / 100 * abs(baseline)`` in outcome units. Pass when the whole interval
      is on the good side of the limit (touching it counts), fail when the whole
      interval is beyond it, inconclusive when the interval spans it. A baseline of 0
      gives a limit of 0, the same as ``"at_least_baseline"`` with threshold 0.
    - ``"at_least_baseline"``: home is at least as good as office (the baseline), by a
      margin of ``threshold`` outcome units (default 0; a negative value tolerates a
      shortfall of that size). ``baseline`` is not needed and is ignored. Pass requires
      the whole interval to show it, so a trial with few data is inconclusive.

    ``higher_is_better=False`` is for outcomes such as errors or handling time: "worse"
    then means higher. A non-finite interval is always inconclusive.

    Raises EvidenceError for an unknown rule, a negative percentage, or a missing
    ``baseline`` for ``"no_worse_than_pct"``.
    """
    if rule == "no_worse_than_pct":
        if baseline is None or not math.isfinite(baseline):
            raise EvidenceError("Rule 'no_worse_than_pct' needs the office mean as baseline.")
        if threshold < 0 or not math.isfinite(threshold):
            raise EvidenceError("The percentage for 'no_worse_than_pct' must be 0 or more.")
        margin = threshold / 100 * abs(baseline)
        limit_text = f"home worse by at most {threshold:g}% of the office mean {fmt_num(baseline)}"
    elif rule == "at_least_baseline":
        if not math.isfinite(threshold):
            raise EvidenceError("The margin for 'at_least_baseline' must be a finite number.")
        margin = -threshold
        limit_text = _baseline_rule_text(threshold)
    else:
        raise EvidenceError(f"Unknown rule {rule!r}.")
    return _judge(estimate, margin=margin, higher_is_better=higher_is_better, limit=limit_text)


def _baseline_rule_text(threshold: float) -> str:
    if threshold > 0:
        return f"home better than office by at least {threshold:g}"
    if threshold < 0:
        return f"home worse than office by at most {-threshold:g}"
    return "home at least as good as office"


def _judge(estimate: Estimate, *, margin: float, higher_is_better: bool, limit: str) -> Verdict:
    """Compare the interval with the worst acceptable difference.

    That is ``-margin`` when higher is better (home may fall short by at most margin)
    and ``+margin`` when lower is better (home may exceed office by at most margin).
    """
    low, high = estimate.ci_low, estimate.ci_high
    if not (math.isfinite(low) and math.isfinite(high)):
        return Verdict("inconclusive", "The interval could not be computed, so no verdict.")
    interval = f"{pct_label(estimate.confidence)} interval {fmt_num(low)} to {fmt_num(high)}"
    if higher_is_better:
        worst, passes, fails, side = 0.0 - margin, low >= -margin, high < -margin, "above"
    else:
        worst, passes, fails, side = 0.0 + margin, high <= margin, low > margin, "below"
    bound = f"the limit {fmt_num(worst)} ({limit})"
    if passes:
        return Verdict("pass", f"The whole {interval} is at or {side} {bound}.")
    if fails:
        return Verdict("fail", f"The whole {interval} is beyond {bound}.")
    return Verdict("inconclusive", f"The {interval} spans {bound}; more days would settle it.")


def summarise_groups(
    values_home: Iterable[float | None], values_office: Iterable[float | None]
) -> GroupSummary:
    """Counts and means of raw home and office values; None and NaN are skipped."""
    home = _clean(values_home)
    office = _clean(values_office)
    home_mean = float(home.mean()) if home.size else None
    office_mean = float(office.mean()) if office.size else None
    difference = None if home_mean is None or office_mean is None else home_mean - office_mean
    pct = None
    if difference is not None and office_mean:
        pct = 100 * difference / abs(office_mean)
    return GroupSummary(
        home_n=int(home.size),
        office_n=int(office.size),
        home_mean=home_mean,
        office_mean=office_mean,
        difference=difference,
        pct_difference=pct,
    )


def _clean(values: Iterable[float | None]) -> np.ndarray:
    arr = np.array([np.nan if v is None else v for v in values], dtype=float)
    return arr[np.isfinite(arr)]


# --- shared helpers -------------------------------------------------------------------


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise EvidenceError(f"Confidence must be between 0 and 1, not {confidence}.")


def _require_columns(df: pd.DataFrame, *names: str) -> None:
    missing = [name for name in dict.fromkeys(names) if name not in df.columns]
    if missing:
        raise EvidenceError(f"Missing column(s): {', '.join(missing)}.")


def _numeric(column: pd.Series, name: str) -> np.ndarray:
    """The column as float64 (booleans become 0/1; blanks become NaN)."""
    try:
        return pd.to_numeric(column).to_numpy(dtype=float, na_value=np.nan)
    except (ValueError, TypeError):
        raise EvidenceError(f"Column {name!r} must hold numbers.") from None


def _check_share(d: np.ndarray, name: str) -> None:
    if d.size and (d.min() < 0 or d.max() > 1):
        raise EvidenceError(
            f"Column {name!r} must be a home share between 0 and 1 (or a 0/1 indicator)."
        )


def _t_interval(coef: float, se: float, df_t: int, confidence: float) -> tuple[float, float, float]:
    """Interval bounds and two-sided p-value from Student t with ``df_t`` degrees of freedom."""
    crit = float(special.stdtrit(df_t, 0.5 + confidence / 2))
    if se <= 0:  # a perfect fit: no sampling noise left to test against
        return coef, coef, 0.0 if coef != 0 else 1.0
    p_value = float(2 * special.stdtr(df_t, -abs(coef / se)))
    return coef - crit * se, coef + crit * se, p_value


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
