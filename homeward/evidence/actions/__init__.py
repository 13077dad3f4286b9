"""Every change to evidence: one module per workflow, re-exported here.

- ``metrics``: create, update, archive a metric;
- ``results``: write results (by hand, CSV, API), ``import_csv``;
- ``criteria``: set a trial's success criteria;
- ``review``: review a trial (confirm, extend, adjust, end);
- ``well``: ask for the next step with the evidence.

Keyword-only arguments, one transaction each, row locks where two people can race, an
audit event in the same transaction.
"""

from homeward.evidence.actions.criteria import set_criteria
from homeward.evidence.actions.metrics import (
    METRIC_FIELDS,
    archive_metric,
    create_metric,
    metric_team_choices,
    update_metric,
)
from homeward.evidence.actions.results import import_csv, write_results
from homeward.evidence.actions.review import review_trial
from homeward.evidence.actions.well import ask_for_next_step

__all__ = [
    "METRIC_FIELDS",
    "archive_metric",
    "ask_for_next_step",
    "create_metric",
    "import_csv",
    "metric_team_choices",
    "review_trial",
    "set_criteria",
    "update_metric",
    "write_results",
]
