"""Success criteria of a trial: set when it is approved, editable by the decider until review.

The approval (homeward.decisions) calls ``actions.set_criteria`` inside its own transaction and
offers :func:`metric_choices_for` on its form. A criterion is a dict or an object with
``metric_id`` (or ``metric``), ``rule`` and ``threshold``:

- ``no_worse_than_pct``: home days no worse than office days by more than ``threshold``
  percent of the office mean (0 to 100).
- ``at_least_baseline``: home days at least as good as office days (the baseline), by a
  margin of ``threshold`` in the metric's unit (0 by default; negative tolerates a gap).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from homeward.evidence.models import Metric, Rule
from homeward.people.models import Person

RULES = {r.value for r in Rule}
MAX_CRITERIA = 10


@dataclass(frozen=True)
class CriterionSpec:
    """One criterion as a caller states it."""

    metric_id: int
    rule: str
    threshold: float = 0.0


def metric_choices_for(person: Person) -> list[tuple[int, str]]:
    """(id, label) of the current metrics that measure ``person``, for an approval form."""
    metrics = Metric.objects.current().applying_to(person).select_related("team", "person")
    return [(m.pk, f"{m.name} ({m.unit} per {m.per}, {m.scope_label})") for m in metrics]


def rule_choices() -> list[tuple[str, str]]:
    return list(Rule.choices)


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def normalise(criteria: Iterable[Any], *, employee: Person) -> list[CriterionSpec]:
    """Validate criteria for a trial of ``employee``; raise ValidationError listing every problem.

    Errors name the criterion by its position (1-based) so a form can point at it.
    """
    specs: list[CriterionSpec] = []
    errors: list[str] = []
    items = list(criteria)
    if len(items) > MAX_CRITERIA:
        raise ValidationError(f"At most {MAX_CRITERIA} success criteria.")
    applicable = {m.pk: m for m in Metric.objects.current().applying_to(employee)}
    seen: set[tuple[int, str]] = set()
    for n, item in enumerate(items, start=1):
        metric = _field(item, "metric")
        metric_id = metric.pk if isinstance(metric, Metric) else _field(item, "metric_id")
        rule = str(_field(item, "rule") or "")
        raw = _field(item, "threshold", 0)
        problems = []
        try:
            metric_id = int(metric_id)
        except (TypeError, ValueError):
            problems.append("choose a metric")
            metric_id = None
        if metric_id is not None and metric_id not in applicable:
            problems.append(f"metric {metric_id} does not measure {employee.name}")
        if rule not in RULES:
            problems.append(f"rule must be one of {', '.join(sorted(RULES))}")
        try:
            threshold = float(0 if raw in (None, "") else raw)
        except (TypeError, ValueError):
            problems.append(f"threshold {raw!r} is not a number")
            threshold = 0.0
        if not math.isfinite(threshold):
            problems.append("threshold must be a finite number")
        elif rule == Rule.NO_WORSE_THAN_PCT and not 0 <= threshold <= 100:
            problems.append("the percentage must be between 0 and 100")
        if not problems and (metric_id, rule) in seen:
            problems.append("the same metric and rule appear twice")
        if problems:
            errors.append(f"Criterion {n}: {'; '.join(problems)}.")
            continue
        assert metric_id is not None
        seen.add((metric_id, rule))
        specs.append(CriterionSpec(metric_id=metric_id, rule=rule, threshold=threshold))
    if errors:
        raise ValidationError(errors)
    return specs
