"""Setting a trial's success criteria (the approval sets them; the decider edits them until
the review)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.evidence.access import can_decide_for
from homeward.evidence.criteria import normalise
from homeward.evidence.models import SuccessCriterion
from homeward.people.access import person_of
from homeward.people.models import Person


def set_criteria(
    *, arrangement: Arrangement, criteria: Iterable[Any], actor: Actor | Person
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
