"""Time `homeward evidence` cold: a fresh process per call, on the Ctrip panel.

    uv run python benchmarks/cold_start.py [--runs 7] [--markdown]

Each run starts a new Python process (the command as a user types it), so it pays
for every import and for Django's set-up; the file cache is warm after the first
run. Beside it, the fresh-process cost of Django's set-up alone, so the share of
the estimate itself is visible. Goal (issue 17, section 7): under 3 s on 2 cores.
Needs ../shared beside the repository (or --csv PATH to the panel's CSV).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CTRIP_CSV = ROOT.parent / "shared" / "data" / "ctrip-wfh-2015" / "experimental_panel.csv"
HOMEWARD = [sys.executable, "-m", "homeward"]
SETUP_ONLY = [
    sys.executable,
    "-c",
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'homeward.settings'); "
    "import django; django.setup()",
]


def paper_sample(path: Path) -> pd.DataFrame:
    """Volunteers, week 201049 dropped, rows with perform1 only, wfh from 201050."""
    raw = pd.read_csv(path, index_col=0)
    df = raw[raw["expgroup"].isin([0, 1]) & (raw["year_week"] != 201049)]
    df = df.dropna(subset=["perform1"])
    return df.assign(wfh=((df["expgroup"] == 1) & (df["year_week"] >= 201050)).astype(int))


def wall(cmd: list[str]) -> float:
    env = {**os.environ, "HOMEWARD_DEBUG": "true"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--csv", type=Path, default=CTRIP_CSV, help="experimental_panel.csv")
    args = parser.parse_args()
    if not args.csv.exists():
        sys.exit(f"{args.csv} is absent")
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "ctrip.csv"
        paper_sample(args.csv).to_csv(csv, index=False)
        evidence = [*HOMEWARD, "evidence", str(csv), "--outcome", "perform1"]
        evidence += ["--unit", "personid", "--period", "year_week", "--treatment", "wfh"]
        wall(evidence)  # one run to warm the file cache
        runs = [(wall(evidence), wall(SETUP_ONLY)) for _ in range(args.runs)]
    command = [c for c, _ in runs]
    setup = [s for _, s in runs]
    load = os.getloadavg()[0]
    rows = [
        ("`homeward evidence` (Ctrip panel, 17,806 rows)", command),
        ("Django set-up alone (fresh process)", setup),
    ]
    if args.markdown:
        print("| fresh process | median (s) | max (s) |")
        print("|---|---|---|")
        for name, times in rows:
            print(f"| {name} | {statistics.median(times):.2f} | {max(times):.2f} |")
        print()
        print(
            f"{args.runs} alternating runs after one warm-up; Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, load average {load:.1f} at the end."
        )
    else:
        for name, times in rows:
            print(f"{name}: median {statistics.median(times):.2f} s, max {max(times):.2f} s")


if __name__ == "__main__":
    main()
