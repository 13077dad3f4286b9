"""One regressor on person and period fixed effects, errors clustered by person.

A pure engine (no Django). The engine's panel estimate used to call ``pyfixest.feols``,
whose import pulls in pandas' plotting, matplotlib, seaborn and pyfixest's reporting
tables (about 4 s of a cold ``homeward evidence`` call on 2 cores) for a model with one
regressor. Here only pyfixest's compiled demeaning (``pyfixest.core.demean``, the
alternating projections pyfixest itself runs) is imported; the rest is a few lines
of numpy, checked against ``pyfixest.feols`` in the tests:

- y and d are demeaned by both sets of effects (Frisch-Waugh-Lovell), then
  b = sum(d~ y~) / sum(d~ d~) and e = y~ - b d~;
- CRV1: V = c * sum_g (sum_{i in g} d~_i e_i)^2 / (sum d~ d~)^2, with Stata areg's
  small-sample correction c = (N - 1) / (N - K) * G / (G - 1), where K counts the
  regressor and every fixed-effect level but one redundant level (pyfixest's
  ``ssc(k_adj=True, k_fixef="full", G_adj=True, G_df="min")``).
"""

from __future__ import annotations

import math

import numpy as np
from pyfixest.core.demean import demean

# Tighter than pyfixest's default (1e-6 on the change per iteration), so the
# estimate is the least-squares one to many more digits than it is reported to.
DEMEAN_TOL = 1e-10
DEMEAN_MAXITER = 100_000
# d~'d~ this small against d'd means the effects explain the treatment entirely.
COLLINEAR_TOL = 1e-10


class NotIdentified(ValueError):
    """The effects absorb the treatment, or the fit is not finite."""


def fit_twoway(
    y: np.ndarray, d: np.ndarray, unit: np.ndarray, period: np.ndarray
) -> tuple[float, float]:
    """Coefficient of ``d`` and its clustered SE; ``unit``/``period`` are codes 0..n-1."""
    n_obs = len(y)
    n_units = int(unit.max()) + 1
    n_periods = int(period.max()) + 1
    flist = np.column_stack([unit, period]).astype(np.uint64)
    both = np.column_stack([y, d]).astype(np.float64)
    demeaned, converged = demean(both, flist, np.ones(n_obs), DEMEAN_TOL, DEMEAN_MAXITER)
    if not converged:
        raise NotIdentified("the fixed effects did not converge")
    y_w, d_w = demeaned[:, 0], demeaned[:, 1]
    dd = float(d_w @ d_w)
    if dd <= COLLINEAR_TOL * max(float(d @ d), 1.0):
        raise NotIdentified("the treatment is collinear with the fixed effects")
    coef = float(d_w @ y_w) / dd
    resid = y_w - coef * d_w
    scores = np.bincount(unit, weights=d_w * resid, minlength=n_units)
    k = 1 + n_units + n_periods - 1
    if n_obs <= k or n_units < 2:
        raise NotIdentified("too few observations for the effects")
    correction = (n_obs - 1) / (n_obs - k) * n_units / (n_units - 1)
    se = math.sqrt(correction * float(scores @ scores)) / dd
    if not (math.isfinite(coef) and math.isfinite(se)):
        raise NotIdentified("no finite estimate")
    return coef, se
