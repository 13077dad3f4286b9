"""The agreements' text names the employee and the manager and repeats the answers to the
employee's concerns; a signature says who signed, when; a template names who last edited it.
Signatures hold no words: they stay (the person behind them is pseudonymised by the people
app) as the record of what was agreed."""

from __future__ import annotations

from typing import Any

from homeward.agreements.models import Agreement, AgreementTemplate, Signature
from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject

LABEL, TEMPLATE = "agreements.agreement", "agreements.agreementtemplate"
SIGNATURE = "agreements.signature"


def _own(subject: Subject, plan: ErasurePlan | None = None) -> Any:
    rows = Agreement.objects.filter(arrangement__employee=subject.person)
    return rows.exclude(arrangement__proposal_id__in=plan.kept_proposals) if plan else rows


def export(subject: Subject) -> list[Section]:
    if subject.person is None:
        return []
    fields = ["arrangement_id", "version", "status", "text", "text_sha256", "created_at"]
    edited = AgreementTemplate.objects.filter(updated_by=subject.person)
    return [
        Section(LABEL, ABOUT, list(_own(subject).values(*fields))),
        Section(TEMPLATE, BY, list(edited.values("jurisdiction", "updated_at"))),
        Section(
            SIGNATURE,
            BY,
            list(
                Signature.objects.filter(person=subject.person).values(
                    "agreement_id", "role", "signed_at", "text_sha256", "method"
                )
            ),
        ),
    ]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """The text of the person's agreements is emptied (its hash stays), unless their request
    is kept for its retention period."""
    if subject.person is None:
        return {}
    return {LABEL: _own(subject, plan).exclude(text="").update(text="")}


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    rows = Agreement.objects.filter(arrangement__proposal_id__in=proposals)
    return {LABEL: rows.values_list("pk", flat=True)}


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    return {LABEL: list(_own(subject, plan).values_list("pk", flat=True))}


PROVIDER = Provider(
    app="agreements",
    models=(Agreement, AgreementTemplate, Signature),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
