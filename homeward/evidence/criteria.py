"""Success criteria of a trial: set when it is approved, editable by the decider until review.

The approval (homeward.decisions) calls :func:`set_criteria` inside its own transaction and
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

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.evidence.access import can_decide_for
from homeward.evidence.models import Metric, Rule, SuccessCriterion
from homeward.people.access import person_of
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


def set_criteria(
    *, arrangement: Arrangement, criteria: Iterable[Any], actor: Any
) -> list[SuccessCriterion]:
    """Replace the trial's success criteria with ``criteria`` (an empty list clears them).

    ``actor`` is the deciding User (a Person is accepted too). Only the employee's manager
    line or HR may set criteria, never the employee; and only while the arrangement is a
    trial (or an extended trial), i.e. before the review settles it. Raises
    PermissionDenied or ValidationError; writes nothing unless everything is valid, and
    records one audit event in the caller's transaction.
    """
    user = actor.user if isinstance(actor, Person) else actor
    employee = arrangement.employee
    if not can_decide_for(user, employee):
        raise PermissionDenied("Only the employee's manager line or HR may set success criteria.")
    if not arrangement.is_trial:
        raise ValidationError(
            "Success criteria can only be changed while the trial runs, before its review."
        )
    specs = normalise(criteria, employee=employee)
    setter = person_of(user)
    with transaction.atomic():
        locked = Arrangement.objects.select_for_update().get(pk=arrangement.pk)
        before = _described(locked)
        locked.success_criteria.all().delete()
        now = timezone.now()
        created = SuccessCriterion.objects.bulk_create(
            [
                SuccessCriterion(
                    arrangement=locked,
                    metric_id=s.metric_id,
                    rule=s.rule,
                    threshold=s.threshold,
                    set_by=setter,
                    set_at=now,
                )
                for s in specs
            ]
        )
        record(
            actor=user,
            action="evidence.criteria_set",
            obj=locked,
            before={"criteria": before},
            after={"criteria": _described(locked)},
        )
    return created


def _described(arrangement: Arrangement) -> list[dict[str, Any]]:
    return [
        {"metric": c.metric_id, "rule": c.rule, "threshold": c.threshold}
        for c in arrangement.success_criteria.order_by("metric_id", "rule")
    ]
