"""`homeward evidence` starts cold fast: no app loading, no pyfixest estimation or plotting."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd


def test_the_engine_imports_no_pyfixest_estimation_nor_plotting() -> None:
    probe = (
        "import sys, homeward.evidence.engine; "
        "print(' '.join(m for m in ('pyfixest.estimation', 'matplotlib', 'scipy.stats') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_command_runs_without_loading_the_apps_or_a_secret_key(tmp_path) -> None:
    rng = np.random.default_rng(7)
    unit = np.repeat(np.arange(30), 10)
    period = np.tile(np.arange(10), 30)
    d = (rng.random(unit.size) < 0.4).astype(int)
    y = 2.0 * d + unit * 0.1 + rng.normal(size=unit.size)
    csv = tmp_path / "panel.csv"
    pd.DataFrame({"who": unit, "week": period, "home": d, "out": y}).to_csv(csv, index=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOMEWARD_", "DJANGO_"))}
    # After the command, Django's app registry must still be unloaded.
    probe = (
        "import sys; sys.argv = ['homeward', *sys.argv[1:]]; "
        "from homeward.__main__ import main; main(); "
        "import django.apps; assert not django.apps.apps.ready, 'apps were loaded'"
    )
    args = [str(csv), "--outcome", "out", "--unit", "who", "--period", "week"]
    args += ["--treatment", "home", "--json"]
    out = subprocess.run(
        [sys.executable, "-c", probe, "evidence", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["n_units"] == 30 and result["n_obs"] == 300
    assert 1.0 < result["estimate"] < 3.0
