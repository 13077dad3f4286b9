"""The personal data in proposals: what the employee wrote, their commute, the letter."""

from __future__ import annotations

from typing import Any

from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject
from homeward.proposals.models import Proposal, ProposalRevision

PROPOSAL, REVISION = "proposals.proposal", "proposals.proposalrevision"
# The proposal's own words and details, emptied on erasure (structure, dates and status stay).
TEXTS = {"title": "", "outage_plan": "", "own_benefits": "", "precedent": "", "commute_mode": ""}
NULLS = {"commute_km": None, "commute_minutes": None, "readiness": None}
# The same inside a frozen revision's content.
CONTENT_BLANKS: dict[str, Any] = {
    "outage_plan": "",
    "own_benefits": [],
    "precedent": "",
    "commute": "",
    "commute_km": None,
    "commute_minutes": None,
    "commute_mode": "",
    "benefits": [],
    "readiness": None,
}
LETTER_BLANKS = {"subject": "", "text": "", "html": ""}


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    fields = [f.attname for f in Proposal._meta.concrete_fields]
    own = Proposal.objects.filter(employee=person).order_by("pk")
    revisions = ProposalRevision.objects.filter(proposal__employee=person).values(
        "proposal_id", "number", "content", "created_at"
    )
    decided = Proposal.objects.filter(decider=person).exclude(employee=person)
    return [
        Section(PROPOSAL, ABOUT, list(own.values(*fields))),
        Section(REVISION, ABOUT, list(revisions)),
        Section(
            PROPOSAL,
            BY,
            list(decided.values("id", "status", "received_on", "decided_at").order_by("pk")),
        ),
    ]


def _own(subject: Subject, plan: ErasurePlan) -> Any:
    return Proposal.objects.filter(employee=subject.person).exclude(pk__in=plan.kept_proposals)


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """The person's requests (unless kept) lose their words, commute, letter and attached
    readiness check; status, pattern and dates stay for the organisation's figures.
    Revisions anyone else made keep their content, but no longer name the person."""
    if subject.person is None:
        return {}
    own = _own(subject, plan)
    proposals = own.update(**TEXTS, **NULLS)
    revisions = 0
    for revision in ProposalRevision.objects.filter(proposal__in=own).iterator(chunk_size=500):
        content = dict(revision.content or {})
        content["proposal"] = {**content.get("proposal", {}), **CONTENT_BLANKS}
        content["letter"] = {**content.get("letter", {}), **LETTER_BLANKS}
        content["reason"] = ""
        if content.get("by") == plan.email:
            content["by"] = plan.erased_email
        revision.content = content
        revision.save(update_fields=["content"])
        revisions += 1
    for revision in ProposalRevision.objects.filter(content__by=plan.email).iterator(500):
        revision.content = {**revision.content, "by": plan.erased_email}
        revision.save(update_fields=["content"])
        revisions += 1
    return {PROPOSAL: proposals, REVISION: revisions}


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    return {
        PROPOSAL: proposals,
        REVISION: ProposalRevision.objects.filter(proposal_id__in=proposals).values_list(
            "pk", flat=True
        ),
        "coach.readinesscheck": Proposal.objects.filter(
            pk__in=proposals, readiness__isnull=False
        ).values_list("readiness_id", flat=True),
    }


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    own = _own(subject, plan)
    return {
        PROPOSAL: list(own.values_list("pk", flat=True)),
        REVISION: list(
            ProposalRevision.objects.filter(proposal__in=own).values_list("pk", flat=True)
        ),
    }


PROVIDER = Provider(
    app="proposals",
    models=(Proposal, ProposalRevision),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
