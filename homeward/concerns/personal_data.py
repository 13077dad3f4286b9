"""The personal data in concern threads and safety self-checks.

The threads began in the policy app: audit entries written before they moved name their
objects ``policy.concernitem`` (and so on), later ones ``concerns.concernitem``; erasure
redacts both."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from homeward.concerns.models import ConcernItem, ConcernMessage, SafetyCheck
from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject

ITEM, MESSAGE, SAFETY = "concerns.concernitem", "concerns.concernmessage", "concerns.safetycheck"
# How audit entries from before the move name the same objects.
BEFORE_THE_MOVE = {
    ITEM: "policy.concernitem",
    MESSAGE: "policy.concernmessage",
    SAFETY: "policy.safetycheck",
}


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    own = Q(proposal__employee=person)
    items = ConcernItem.objects.filter(own).values(
        "proposal_id", "question", "concern__question", "state", "policy_answer", "resolved_at"
    )
    thread = [
        {
            **{k: v for k, v in row.items() if k != "author_id"},
            "written_by_you": row["author_id"] == person.pk,
        }
        for row in ConcernMessage.objects.filter(item__proposal__employee=person).values(
            "item__proposal_id", "item_id", "kind", "body", "created_at", "author_id"
        )
    ]
    written = ConcernMessage.objects.filter(author=person).exclude(item__proposal__employee=person)
    safety = SafetyCheck.objects.filter(person=person).values(
        "proposal_id", "answers", "notes", "completed_at"
    )
    return [
        Section(ITEM, ABOUT, list(items)),
        Section(MESSAGE, ABOUT, thread),
        Section(SAFETY, ABOUT, list(safety)),
        Section(
            MESSAGE,
            BY,
            list(written.values("item__proposal_id", "kind", "body", "created_at")),
        ),
    ]


def _items(subject: Subject, plan: ErasurePlan) -> Any:
    return ConcernItem.objects.filter(proposal__employee=subject.person).exclude(
        proposal_id__in=plan.kept_proposals
    )


def _safety(subject: Subject, plan: ErasurePlan) -> Any:
    return SafetyCheck.objects.filter(person=subject.person).exclude(
        proposal_id__in=plan.kept_proposals
    )


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """On the person's own requests (unless kept): every message in their concern threads
    is emptied (what was said there is about them), and their safety self-checks too.
    What they wrote on other people's requests stays: it is part of those records."""
    if subject.person is None:
        return {}
    items = _items(subject, plan)
    messages = ConcernMessage.objects.filter(item__in=items).exclude(body="").update(body="")
    safety = _safety(subject, plan).update(answers={}, notes="")
    return {MESSAGE: messages, SAFETY: safety}


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    items = ConcernItem.objects.filter(proposal_id__in=proposals)
    return {
        ITEM: items.values_list("pk", flat=True),
        MESSAGE: ConcernMessage.objects.filter(item__in=items).values_list("pk", flat=True),
        SAFETY: SafetyCheck.objects.filter(proposal_id__in=proposals).values_list("pk", flat=True),
    }


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    items = _items(subject, plan)
    now = {
        ITEM: list(items.values_list("pk", flat=True)),
        MESSAGE: list(ConcernMessage.objects.filter(item__in=items).values_list("pk", flat=True)),
        SAFETY: list(_safety(subject, plan).values_list("pk", flat=True)),
    }
    return {**now, **{BEFORE_THE_MOVE[label]: ids for label, ids in now.items()}}


PROVIDER = Provider(
    app="concerns",
    models=(ConcernItem, ConcernMessage, SafetyCheck),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
