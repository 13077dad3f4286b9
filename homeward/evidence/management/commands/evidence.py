"""``homeward evidence FILE.csv``: the panel estimate of a CSV, as a table or JSON.

Touches no database: it only reads the file and runs the pure evidence engine.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.evidence.engine import Estimate, EvidenceError, run_panel_csv


class Command(BaseCommand):
    help = (
        "Estimate the home-minus-office difference in an outcome from a person-period CSV, "
        "with person and period fixed effects and errors clustered by person."
    )
    requires_system_checks: list[str] = []  # a pure computation; no models involved

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with one row per person and period")
        parser.add_argument("--outcome", required=True, help="column of the result measured")
        parser.add_argument("--unit", required=True, help="column identifying the person")
        parser.add_argument("--period", required=True, help="column identifying the day or week")
        parser.add_argument(
            "--treatment", required=True, help="column with the home share (0..1) or a 0/1 flag"
        )
        parser.add_argument(
            "--confidence", type=float, default=0.95, help="interval level (default 0.95)"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            estimate = run_panel_csv(
                options["file"],
                outcome=options["outcome"],
                unit=options["unit"],
                period=options["period"],
                treatment=options["treatment"],
                confidence=options["confidence"],
            )
        except EvidenceError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(estimate.to_dict()))
        else:
            self.stdout.write(format_table(estimate))


def format_table(estimate: Estimate) -> str:
    """A fixed-width table of the figures, then the plain-language reading."""
    level = f"{estimate.confidence * 100:g}%"
    rows = [
        ("estimate", f"{estimate.estimate:.4f}"),
        ("std. error", f"{estimate.std_error:.4f}"),
        (f"{level} interval", f"{estimate.ci_low:.4f} to {estimate.ci_high:.4f}"),
        ("p-value", f"{estimate.p_value:.4g}"),
        ("observations", f"{estimate.n_obs} ({estimate.n_home} home, {estimate.n_office} office)"),
        ("people", str(estimate.n_units)),
        ("periods", str(estimate.n_periods)),
        ("method", estimate.method),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [f"{label:<{width}}  {value}" for label, value in rows]
    return "\n".join([*lines, "", estimate.reading])
