"""The two-way fixed-effects fit gives pyfixest.feols's estimate and clustered SE."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyfixest as pf
import pytest

from homeward.evidence.twoway import NotIdentified, fit_twoway

AREG_SSC = pf.ssc(k_adj=True, k_fixef="full", G_adj=True, G_df="min")


def _pyfixest(y, d, unit, period) -> tuple[float, float]:
    frame = pd.DataFrame({"y": y, "d": d, "unit": unit, "period": period})
    fit = pf.feols(
        "y ~ d | unit + period",
        data=frame,
        vcov={"CRV1": "unit"},
        ssc=AREG_SSC,
        fixef_rm="none",
    )
    return float(fit.coef()["d"]), float(fit.se()["d"])


@pytest.mark.parametrize("seed, share", [(1, False), (2, True), (3, True)])
def test_fit_matches_pyfixest_feols(seed: int, share: bool) -> None:
    rng = np.random.default_rng(seed)
    n_units, n_periods = 40 + seed * 10, 12 + seed
    unit = np.repeat(np.arange(n_units), n_periods)
    period = np.tile(np.arange(n_periods), n_units)
    keep = rng.random(unit.size) > 0.2  # an unbalanced panel, with gaps
    unit, period = unit[keep], period[keep]
    d = rng.random(unit.size) if share else (rng.random(unit.size) < 0.3).astype(float)
    person = rng.normal(size=n_units)[unit]
    week = rng.normal(size=n_periods)[period]
    y = 0.4 * d + person + week + rng.normal(size=unit.size) * (1 + person**2)
    coef, se = fit_twoway(y, d, unit, period)
    want_coef, want_se = _pyfixest(y, d, unit, period)
    assert coef == pytest.approx(want_coef, rel=1e-7)
    assert se == pytest.approx(want_se, rel=1e-6)


def test_fit_refuses_a_treatment_the_effects_absorb() -> None:
    unit = np.repeat(np.arange(5), 4)
    period = np.tile(np.arange(4), 5)
    d = (unit % 2).astype(float)  # constant within each person
    with pytest.raises(NotIdentified):
        fit_twoway(np.arange(20.0), d, unit, period)
