"""The personal data in decisions, meetings, appeals, HR approvals and deadline extensions."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Q, Value, When

from homeward.decisions.models import (
    Appeal,
    DeadlineExtension,
    Decision,
    HrApproval,
    Meeting,
    Outcome,
)
from homeward.lib.personal_data import (
    ABOUT,
    BY,
    ERASED_TEXT,
    ErasurePlan,
    Provider,
    Section,
    Subject,
)

# Each model, its label, and the free texts that describe the employee's case.
CASE: list[tuple[Any, str, tuple[str, ...]]] = [
    (Decision, "decisions.decision", ("explanation", "response")),
    (Meeting, "decisions.meeting", ("notes", "other_attendees")),
    (Appeal, "decisions.appeal", ("reason", "explanation")),
    (HrApproval, "decisions.hrapproval", ("note",)),
    (DeadlineExtension, "decisions.deadlineextension", ("reason",)),
]


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    own = Q(proposal__employee=person)
    about = [
        Section(label, ABOUT, list(model.objects.filter(own).values(*_fields(model))))
        for model, label, _texts in CASE
    ]
    by = [
        Section(
            "decisions.decision",
            BY,
            list(
                Decision.objects.filter(decider=person)
                .exclude(own)
                .values("proposal_id", "outcome", "created_at")
            ),
        ),
        Section(
            "decisions.meeting",
            BY,
            list(
                Meeting.objects.filter(Q(recorded_by=person) | Q(attendees=person))
                .exclude(own)
                .distinct()
                .values("proposal_id", "kind", "held_on")
            ),
        ),
        Section(
            "decisions.appeal",
            BY,
            list(
                Appeal.objects.filter(Q(assigned_to=person) | Q(decided_by=person))
                .exclude(own)
                .values("proposal_id", "outcome", "decided_at")
            ),
        ),
        Section(
            "decisions.hrapproval",
            BY,
            list(
                HrApproval.objects.filter(decided_by=person)
                .exclude(own)
                .values("proposal_id", "state", "decided_at")
            ),
        ),
        Section(
            "decisions.deadlineextension",
            BY,
            list(
                DeadlineExtension.objects.filter(requested_by=person)
                .exclude(own)
                .values("proposal_id", "days", "state", "requested_on")
            ),
        ),
    ]
    return about + by


def _fields(model: Any) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname != "id"]


def _own(model: Any, subject: Subject, plan: ErasurePlan) -> Any:
    return model.objects.filter(proposal__employee=subject.person).exclude(
        proposal_id__in=plan.kept_proposals
    )


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """On the person's own requests (unless kept) the texts of the case are emptied: the
    explanation of a decision (a decline keeps a marker, since it must say something), the
    employee's answers, meeting notes, appeal reasons, HR's notes. Outcomes and dates stay.
    What they decided or wrote on other people's requests stays with those records."""
    if subject.person is None:
        return {}
    counts: dict[str, int] = {}
    for model, label, texts in CASE:
        values: dict[str, Any] = dict.fromkeys(texts, "")
        if model is Decision:
            values["explanation"] = Case(
                When(outcome=Outcome.DECLINE, then=Value(ERASED_TEXT)), default=Value("")
            )
        counts[label] = _own(model, subject, plan).update(**values)
    return counts


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    return {
        label: model.objects.filter(proposal_id__in=proposals).values_list("pk", flat=True)
        for model, label, _texts in CASE
    }


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    return {
        label: list(_own(model, subject, plan).values_list("pk", flat=True))
        for model, label, _texts in CASE
    }


PROVIDER = Provider(
    app="decisions",
    models=(Decision, Meeting, HrApproval, Appeal, DeadlineExtension),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
