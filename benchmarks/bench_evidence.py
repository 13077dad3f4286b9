"""Time the evidence engine against pyfixest called directly on the same data.

    uv run python benchmarks/bench_evidence.py [--runs 15] [--markdown]

Two data sets: the Ctrip panel (17,806 rows; only when ../shared is beside the
repository) and a generated panel of 1,000 people x 250 days (250,000 rows). Each
case is warmed up once (pyfixest's first call in a process pays for imports and
compilation), then engine and direct calls alternate so that drift in machine load
hits both equally; the median of the runs is reported. The direct call uses the same
formula, clustering and small-sample correction as the engine, so the ratio is the
engine's own overhead: validation, dropping missing rows, counting, the reading.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyfixest as pf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from homeward.evidence.engine import estimate_panel  # noqa: E402

# Stata areg's small-sample correction, the one homeward.evidence.twoway applies.
AREG_SSC = pf.ssc(k_adj=True, k_fixef="full", G_adj=True, G_df="min")

CTRIP_CSV = ROOT.parent / "shared" / "data" / "ctrip-wfh-2015" / "experimental_panel.csv"


@dataclass
class Case:
    name: str
    df: pd.DataFrame
    outcome: str
    unit: str
    period: str
    treatment: str


@dataclass
class Result:
    case: Case
    engine_s: float
    direct_s: float
    estimate: float
    std_error: float

    @property
    def ratio(self) -> float:
        return self.engine_s / self.direct_s


def ctrip_case() -> Case | None:
    """The paper's sample: volunteers, week 201049 dropped, rows with perform1 only."""
    if not CTRIP_CSV.exists():
        return None
    raw = pd.read_csv(CTRIP_CSV, index_col=0)
    df = raw[raw["expgroup"].isin([0, 1]) & (raw["year_week"] != 201049)]
    df = df.dropna(subset=["perform1"])
    df = df.assign(wfh=((df["expgroup"] == 1) & (df["year_week"] >= 201050)).astype(int))
    return Case("Ctrip panel (Bloom et al. 2015)", df, "perform1", "personid", "year_week", "wfh")


def generated_case(n_people: int = 1000, n_days: int = 250, seed: int = 1) -> Case:
    """People x days, about 30% home days, person and day effects, a true effect of 0.2."""
    rng = np.random.default_rng(seed)
    person = np.repeat(np.arange(n_people), n_days)
    day = np.tile(np.arange(n_days), n_people)
    home = (rng.random(person.size) < rng.uniform(0.1, 0.5, n_people)[person]).astype(float)
    y = (
        0.2 * home
        + rng.normal(size=n_people)[person]
        + rng.normal(size=n_days)[day]
        + rng.normal(size=person.size)
    )
    df = pd.DataFrame({"person": person, "day": day, "home": home, "tickets": y})
    name = f"generated {n_people:,} people x {n_days} days"
    return Case(name, df, "tickets", "person", "day", "home")


def run_engine(case: Case) -> tuple[float, float]:
    est = estimate_panel(
        case.df,
        outcome=case.outcome,
        unit=case.unit,
        period=case.period,
        treatment=case.treatment,
    )
    return est.estimate, est.std_error


def run_direct(case: Case) -> tuple[float, float]:
    fml = f"{case.outcome} ~ {case.treatment} | {case.unit} + {case.period}"
    fit = pf.feols(fml, data=case.df, vcov={"CRV1": case.unit}, ssc=AREG_SSC, fixef_rm="none")
    return float(fit.coef()[case.treatment]), float(fit.se()[case.treatment])


def timed(fn: Callable[[Case], tuple[float, float]], case: Case) -> float:
    start = time.perf_counter()
    fn(case)
    return time.perf_counter() - start


def bench(case: Case, runs: int) -> Result:
    estimate, se = run_engine(case)  # warm-up, and the figures to show
    direct_est, direct_se = run_direct(case)
    if not (np.isclose(estimate, direct_est) and np.isclose(se, direct_se)):
        raise SystemExit(f"{case.name}: engine and pyfixest disagree")
    engine_times, direct_times = [], []
    for _ in range(runs):
        engine_times.append(timed(run_engine, case))
        direct_times.append(timed(run_direct, case))
    return Result(
        case, statistics.median(engine_times), statistics.median(direct_times), estimate, se
    )


def table(results: list[Result], runs: int, markdown: bool) -> str:
    header = ["data", "rows", "engine (ms)", "pyfixest direct (ms)", "ratio", "estimate (SE)"]
    rows = [
        [
            r.case.name,
            f"{len(r.case.df):,}",
            f"{r.engine_s * 1000:.1f}",
            f"{r.direct_s * 1000:.1f}",
            f"{r.ratio:.2f}x",
            f"{r.estimate:.4f} ({r.std_error:.4f})",
        ]
        for r in results
    ]
    note = (
        f"Median of {runs} alternating runs after one warm-up; pyfixest {pf.__version__}, "
        f"pandas {pd.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores."
    )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join([*lines, "", note])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header).rstrip(), *(fmt.format(*row).rstrip() for row in rows)]
    return "\n".join([*lines, "", note])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    # pyfixest 0.60 triggers pandas 3 deprecation warnings; they are not ours to fix here.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pyfixest\.")
    cases = [c for c in (ctrip_case(), generated_case()) if c is not None]
    if len(cases) == 1:
        print(f"({CTRIP_CSV} absent: Ctrip case skipped)", file=sys.stderr)
    results = [bench(case, args.runs) for case in cases]
    print(table(results, args.runs, args.markdown))


if __name__ == "__main__":
    main()
