"""Arrangements hold no words of their own: who works from home on which days, from when."""

from __future__ import annotations

from typing import Any

from homeward.arrangements.models import Arrangement
from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject

LABEL = "arrangements.arrangement"


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    fields = [f.attname for f in Arrangement._meta.concrete_fields]
    approved = Arrangement.objects.filter(approved_by=person).exclude(employee=person)
    return [
        Section(LABEL, ABOUT, list(Arrangement.objects.filter(employee=person).values(*fields))),
        Section(LABEL, BY, list(approved.values("id", "status", "start_date"))),
    ]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Nothing to empty: the pattern and dates stay, pseudonymous, for the team's calendar
    history and the organisation's figures."""
    return {}


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    return {
        LABEL: Arrangement.objects.filter(proposal_id__in=proposals).values_list("pk", flat=True)
    }


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    own = Arrangement.objects.filter(employee=subject.person).exclude(
        proposal_id__in=plan.kept_proposals
    )
    return {LABEL: list(own.values_list("pk", flat=True))}


PROVIDER = Provider(
    app="arrangements",
    models=(Arrangement,),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
