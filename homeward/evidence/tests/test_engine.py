"""The evidence engine on generated data with a known effect: pure, no database."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from homeward.evidence.engine import (
    Estimate,
    EvidenceError,
    estimate_panel,
    estimate_person,
    run_panel_csv,
    summarise_groups,
    verdict,
)

PANEL = {"outcome": "y", "unit": "person", "period": "week", "treatment": "home"}


def make_panel(
    rng: np.random.Generator,
    *,
    n_units: int = 30,
    n_periods: int = 8,
    effect: float = 0.3,
    share: bool = False,
) -> pd.DataFrame:
    """A panel where the average home effect is ``effect``.

    People differ in level, noise and their own home effect (so clustering matters),
    and in how often they work from home (so the person effects matter).
    """
    unit = np.repeat(np.arange(n_units), n_periods)
    period = np.tile(np.arange(n_periods), n_units)
    propensity = rng.uniform(0.1, 0.6, n_units)[unit]
    if share:
        home = np.round(rng.uniform(0, 1, unit.size) * propensity * 10) / 5
        home = np.clip(home, 0, 1)
    else:
        home = (rng.random(unit.size) < propensity).astype(float)
    level = rng.normal(size=n_units)[unit] + 2 * propensity
    own_effect = effect + 0.5 * rng.normal(size=n_units)[unit]
    noise = rng.uniform(0.5, 1.5, n_units)[unit] * rng.normal(size=unit.size)
    y = own_effect * home + level + rng.normal(size=n_periods)[period] + noise
    return pd.DataFrame({"person": unit, "week": period, "home": home, "y": y})


def make_person(
    rng: np.random.Generator, *, n_days: int, effect: float = 2.0, p_home: float = 0.4
) -> pd.DataFrame:
    """Working days of one person with a weekday pattern, a trend and a home effect."""
    dates = pd.bdate_range("2025-01-06", periods=n_days)
    home = (rng.random(n_days) < p_home).astype(int)
    weekday_level = np.array([1.0, 0.0, 0.5, 0.0, -1.0])[dates.day_of_week]
    trend = 0.02 * np.arange(n_days)
    tickets = 20 + effect * home + weekday_level + trend + rng.normal(0, 2, n_days)
    return pd.DataFrame({"date": dates, "home": home, "tickets": tickets})


# --- the panel model ---------------------------------------------------------------


def test_panel_recovers_known_effect() -> None:
    df = make_panel(np.random.default_rng(1), n_units=300, n_periods=20, effect=0.5)
    est = estimate_panel(df, **PANEL)
    assert est.estimate == pytest.approx(0.5, abs=0.1)
    assert est.ci_low < 0.5 < est.ci_high
    assert est.p_value < 0.001
    assert (est.n_obs, est.n_units, est.n_periods) == (6000, 300, 20)
    assert est.n_home + est.n_office == est.n_obs
    assert est.n_home == int((df["home"] > 0).sum())


def test_panel_recovers_effect_of_home_share() -> None:
    df = make_panel(np.random.default_rng(2), n_units=300, n_periods=20, effect=0.5, share=True)
    assert set(np.unique(df["home"])) > {0.0, 1.0}
    est = estimate_panel(df, **PANEL)
    assert est.estimate == pytest.approx(0.5, abs=0.15)
    assert est.n_home == int((df["home"] > 0).sum())


def test_panel_interval_covers_truth_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(20240601)
    reps = 200
    covered = 0
    for _ in range(reps):
        est = estimate_panel(make_panel(rng, effect=0.3), **PANEL)
        covered += est.ci_low <= 0.3 <= est.ci_high
    assert 0.91 <= covered / reps <= 0.99


def test_panel_interval_and_p_value_use_t_with_clusters_minus_one() -> None:
    est = estimate_panel(make_panel(np.random.default_rng(3), n_units=5), **PANEL)
    crit = (est.ci_high - est.estimate) / est.std_error
    assert crit == pytest.approx(2.776, abs=1e-3)  # t(4), not the normal 1.96
    assert "only 5 people" in est.reading


def test_panel_confidence_level_changes_the_interval() -> None:
    df = make_panel(np.random.default_rng(4))
    wide = estimate_panel(df, **PANEL, confidence=0.99)
    narrow = estimate_panel(df, **PANEL, confidence=0.90)
    assert wide.ci_high - wide.ci_low > narrow.ci_high - narrow.ci_low
    assert "99% interval" in wide.reading
    assert wide.estimate == narrow.estimate


def test_panel_drops_rows_with_missing_outcome_or_treatment() -> None:
    df = make_panel(np.random.default_rng(5))
    df.loc[0:4, "y"] = np.nan
    df.loc[5:6, "home"] = np.nan
    df.loc[7, "person"] = None
    est = estimate_panel(df, **PANEL)
    assert est.n_obs == len(df) - 8


def test_panel_leaves_the_input_frame_alone() -> None:
    df = make_panel(np.random.default_rng(6))
    df.loc[0, "y"] = np.nan
    before = df.copy()
    estimate_panel(df, **PANEL)
    pd.testing.assert_frame_equal(df, before)


def test_panel_accepts_text_ids_bool_treatment_and_any_column_names() -> None:
    df = make_panel(np.random.default_rng(7))
    odd = pd.DataFrame(
        {
            "tickets per day": df["y"],
            "person id": "p-" + df["person"].astype(str),
            "week (ISO)": "2025-W" + df["week"].astype(str),
            "at home?": df["home"] > 0,
        }
    )
    est = estimate_panel(
        odd,
        outcome="tickets per day",
        unit="person id",
        period="week (ISO)",
        treatment="at home?",
    )
    assert est.estimate == pytest.approx(estimate_panel(df, **PANEL).estimate)


def test_panel_reading_is_honest_about_zero() -> None:
    rng = np.random.default_rng(8)
    clear = estimate_panel(make_panel(rng, n_units=300, n_periods=20, effect=0.5), **PANEL)
    assert "excludes zero" in clear.reading
    assert "higher than on office days" in clear.reading
    assert "from 300 people over 20 periods" in clear.reading
    unclear = estimate_panel(make_panel(rng, n_units=30, n_periods=8, effect=0.0), **PANEL)
    assert unclear.ci_low < 0 < unclear.ci_high
    assert "includes zero" in unclear.reading
    assert "rough" not in unclear.reading


def test_panel_reading_warns_when_few_people_switch() -> None:
    df = make_panel(np.random.default_rng(14), n_units=40)
    df.loc[df["person"] >= 4, "home"] = 0.0
    est = estimate_panel(df, **PANEL)
    assert "Only 4 people worked both at home and in the office" in est.reading


def test_estimate_to_dict_is_plain_json() -> None:
    est = estimate_panel(make_panel(np.random.default_rng(9)), **PANEL)
    data = json.loads(json.dumps(est.to_dict()))
    keys = {"estimate", "std_error", "ci_low", "ci_high", "n_obs", "n_units", "n_periods"}
    assert keys <= data.keys()
    assert data["n_obs"] == est.n_obs
    assert type(est.to_dict()["estimate"]) is float


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda df: df.drop(columns="y"), "Missing column(s): y"),
        (lambda df: df.assign(y="n/a"), "'y' must hold numbers"),
        (lambda df: df.assign(home=df["home"] * 2), "between 0 and 1"),
        (lambda df: df.assign(y=np.nan), "No rows have both"),
        (lambda df: df[df["person"] == 0], "At least 2 people"),
        (lambda df: df.assign(home=1.0), "never varies"),
        (lambda df: df.assign(home=(df["person"] % 2).astype(float)), "Nobody switches"),
        (lambda df: df.assign(home=df["home"].where(df["person"] == 0, 0.0)), "Only 1 person"),
        (lambda df: df.assign(home=df["home"].where(df["person"] < 2, 0.0)), "Only 2 people"),
        (lambda df: df.assign(home=(df["week"] % 2).astype(float)), "period effects absorb"),
    ],
    ids=[
        "missing column",
        "text outcome",
        "share above 1",
        "no complete rows",
        "one person",
        "constant treatment",
        "constant per person",
        "one switcher",
        "two switchers",
        "constant per period",
    ],
)
def test_panel_refuses_data_it_cannot_use(change, message: str) -> None:
    df = make_panel(np.random.default_rng(10))
    with pytest.raises(EvidenceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        estimate_panel(change(df), **PANEL)


def test_evidence_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="Confidence"):
        estimate_panel(make_panel(np.random.default_rng(11)), **PANEL, confidence=95)


def test_run_panel_csv_reads_the_named_columns(tmp_path) -> None:
    df = make_panel(np.random.default_rng(12)).assign(note="ignored")
    path = tmp_path / "panel.csv"
    df.to_csv(path)
    assert run_panel_csv(path, **PANEL).estimate == pytest.approx(
        estimate_panel(df, **PANEL).estimate
    )


def test_run_panel_csv_reports_missing_file_and_column(tmp_path) -> None:
    with pytest.raises(EvidenceError, match="No such file"):
        run_panel_csv(tmp_path / "absent.csv", **PANEL)
    path = tmp_path / "panel.csv"
    make_panel(np.random.default_rng(13)).drop(columns="week").to_csv(path, index=False)
    with pytest.raises(EvidenceError, match="Missing column"):
        run_panel_csv(path, **PANEL)


# --- the person model -----------------------------------------------------------------


def test_person_recovers_effect_with_many_days() -> None:
    est = estimate_person(
        make_person(np.random.default_rng(20), n_days=400),
        outcome="tickets",
        date="date",
        treatment="home",
    )
    assert est.estimate == pytest.approx(2.0, abs=0.6)
    assert est.ci_low < 2.0 < est.ci_high
    assert (est.n_units, est.n_obs, est.n_periods) == (1, 400, 400)
    assert "weekday dummies and a trend" in est.method
    assert "HC3" in est.method


def test_person_with_few_days_gets_a_wide_honest_interval() -> None:
    rng = np.random.default_rng(21)
    few = estimate_person(
        make_person(rng, n_days=12), outcome="tickets", date="date", treatment="home"
    )
    many = estimate_person(
        make_person(rng, n_days=200), outcome="tickets", date="date", treatment="home"
    )
    assert few.ci_high - few.ci_low > 3 * (many.ci_high - many.ci_low)
    assert "few days" in few.reading
    assert "few days" not in many.reading


def test_person_interval_covers_truth_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(22)
    reps = 300
    covered = 0
    for _ in range(reps):
        df = make_person(rng, n_days=30)
        est = estimate_person(df, outcome="tickets", date="date", treatment="home")
        covered += est.ci_low <= 2.0 <= est.ci_high
    assert 0.91 <= covered / reps <= 0.99


def test_person_without_office_days_is_refused_clearly() -> None:
    df = make_person(np.random.default_rng(23), n_days=30).assign(home=1)
    with pytest.raises(EvidenceError, match="there are 30 home and 0 office days"):
        estimate_person(df, outcome="tickets", date="date", treatment="home")


def test_person_with_fixed_home_weekday_drops_weekday_controls() -> None:
    df = make_person(np.random.default_rng(24), n_days=60)
    df["home"] = (df["date"].dt.day_of_week == 4).astype(int)  # every Friday at home
    est = estimate_person(df, outcome="tickets", date="date", treatment="home")
    assert "fixed weekdays" in est.method
    assert math.isfinite(est.std_error)


def test_person_drops_incomplete_days_and_reads_text_dates() -> None:
    df = make_person(np.random.default_rng(25), n_days=40)
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    df.loc[0, "tickets"] = None
    df.loc[1, "date"] = None
    est = estimate_person(df, outcome="tickets", date="date", treatment="home")
    assert est.n_obs == 38


def test_person_refuses_text_that_is_not_a_date() -> None:
    df = make_person(np.random.default_rng(26), n_days=20).assign(date="soon")
    with pytest.raises(EvidenceError, match="does not hold dates"):
        estimate_person(df, outcome="tickets", date="date", treatment="home")


# --- verdicts ---------------------------------------------------------------------------


def interval(low: float, high: float) -> Estimate:
    mid = (low + high) / 2
    return Estimate(
        estimate=mid,
        std_error=(high - low) / 3.92,
        ci_low=low,
        ci_high=high,
        p_value=0.5,
        n_obs=40,
        n_units=1,
        n_periods=40,
        n_home=10,
        n_office=30,
        method="test",
        reading="",
    )


# Office mean 100 and 5% allowed: home may be at most 5 lower (or 5 higher when lower is better).
VERDICTS = [
    # (low, high, rule, threshold, higher_is_better, baseline, status)
    (-4.0, 3.0, "no_worse_than_pct", 5, True, 100, "pass"),
    (-5.0, 3.0, "no_worse_than_pct", 5, True, 100, "pass"),  # touching the limit
    (-7.0, 3.0, "no_worse_than_pct", 5, True, 100, "inconclusive"),
    (-9.0, -6.0, "no_worse_than_pct", 5, True, 100, "fail"),
    (-9.0, -5.0, "no_worse_than_pct", 5, True, 100, "inconclusive"),
    (-3.0, 4.0, "no_worse_than_pct", 5, False, 100, "pass"),
    (-3.0, 7.0, "no_worse_than_pct", 5, False, 100, "inconclusive"),
    (6.0, 9.0, "no_worse_than_pct", 5, False, 100, "fail"),
    (-4.0, 3.0, "no_worse_than_pct", 5, True, -100, "pass"),  # a negative mean: abs()
    (-1.0, 3.0, "no_worse_than_pct", 5, True, 0, "inconclusive"),  # zero mean: no slack
    (0.5, 3.0, "at_least_baseline", 0, True, None, "pass"),
    (-0.5, 3.0, "at_least_baseline", 0, True, None, "inconclusive"),
    (-3.0, -0.5, "at_least_baseline", 0, True, None, "fail"),
    (-3.0, -0.5, "at_least_baseline", 0, False, None, "pass"),
    (0.5, 3.0, "at_least_baseline", 1, True, None, "inconclusive"),  # must beat by 1
    (-0.5, 3.0, "at_least_baseline", -1, True, None, "pass"),  # may fall short by 1
    (float("-inf"), float("inf"), "at_least_baseline", 0, True, None, "inconclusive"),
]


@pytest.mark.parametrize(
    ("low", "high", "rule", "threshold", "higher_is_better", "baseline", "status"), VERDICTS
)
def test_verdict(low, high, rule, threshold, higher_is_better, baseline, status) -> None:
    result = verdict(
        interval(low, high),
        rule=rule,
        threshold=threshold,
        higher_is_better=higher_is_better,
        baseline=baseline,
    )
    assert result.status == status
    assert result.explanation


def test_verdict_explains_the_limit_in_words() -> None:
    result = verdict(interval(-7, 3), rule="no_worse_than_pct", threshold=5, baseline=100)
    assert result.explanation == (
        "The 95% interval -7.00 to 3.00 spans the limit -5.00 "
        "(home worse by at most 5% of the office mean 100); more days would settle it."
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rule": "better_than_ever"}, "Unknown rule"),
        ({"rule": "no_worse_than_pct", "threshold": 5}, "needs the office mean"),
        ({"rule": "no_worse_than_pct", "threshold": -5, "baseline": 10}, "0 or more"),
        ({"rule": "at_least_baseline", "threshold": float("nan")}, "finite"),
    ],
)
def test_verdict_refuses_bad_criteria(kwargs, message: str) -> None:
    with pytest.raises(EvidenceError, match=message):
        verdict(interval(-1, 1), **kwargs)


# --- summaries --------------------------------------------------------------------------


def test_summarise_groups_skips_blanks() -> None:
    summary = summarise_groups([10, 12, None, float("nan")], [8, 10])
    assert (summary.home_n, summary.office_n) == (2, 2)
    assert (summary.home_mean, summary.office_mean) == (11.0, 9.0)
    assert summary.difference == 2.0
    assert summary.pct_difference == pytest.approx(22.22, abs=0.01)


def test_summarise_groups_handles_empty_and_zero_office_mean() -> None:
    empty = summarise_groups([], [1, 2])
    assert empty.home_mean is None and empty.difference is None
    zero = summarise_groups([1.0], [0.0])
    assert zero.difference == 1.0 and zero.pct_difference is None
