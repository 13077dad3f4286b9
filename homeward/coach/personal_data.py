"""The personal data of readiness self-checks: answers about home, family and work."""

from __future__ import annotations

from typing import Any

from homeward.coach.models import ReadinessCheck
from homeward.lib.personal_data import ABOUT, ErasurePlan, Provider, Section, Subject

LABEL = "coach.readinesscheck"


def export(subject: Subject) -> list[Section]:
    if subject.person is None:
        return []
    rows = ReadinessCheck.objects.filter(person=subject.person).values(
        "answers", "scores", "recommendation", "advice", "created_at"
    )
    return [Section(LABEL, ABOUT, list(rows))]


def _erasable(subject: Subject, plan: ErasurePlan) -> Any:
    return ReadinessCheck.objects.filter(person=subject.person).exclude(pk__in=plan.kept_ids(LABEL))


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Deleted, except a check attached to a kept request (it was part of the request)."""
    if subject.person is None:
        return {}
    deleted, _ = _erasable(subject, plan).delete()
    return {LABEL: deleted}


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    return {LABEL: list(_erasable(subject, plan).values_list("pk", flat=True))}


PROVIDER = Provider(
    app="coach",
    models=(ReadinessCheck,),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
)
