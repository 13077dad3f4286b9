"""Proposals over the API: the same actions and access rules as the pages.

Field problems answer 422 with one message list per field
(``{"detail": {"start_date": ["..."]}}``); a verb that does not fit the proposal's state
(submitting twice, withdrawing after a decision) answers 409.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from homeward.coach.letter import TONES
from homeward.lib.html import sanitise
from homeward.people.access import person_of
from homeward.proposals.access import (
    can_write,
    get_proposal_for,
    get_readiness_for,
    mine_and_deciding,
)
from homeward.proposals.actions import (
    create_draft,
    proposal_url,
    submit_proposal,
    update_draft,
    withdraw_proposal,
)
from homeward.proposals.content import benefits_for, compare
from homeward.proposals.letters import compose_letter
from homeward.proposals.models import Proposal

router = Router(tags=["proposals"])


class ProposalIn(Schema):
    """Every field is optional: a draft may be incomplete; submission checks the rest."""

    pattern_kind: str | None = None
    weekdays: list[int] | None = None
    n_days: int | None = None
    allowed_weekdays: list[int] | None = None
    reduced_hours: Decimal | None = None
    start_date: date | None = None
    trial_weeks: int | None = None
    core_hours: str | None = None
    response_minutes: int | None = None
    recall_accepted: bool | None = None
    outage_plan: str | None = None
    commute_km: Decimal | None = None
    commute_minutes: int | None = None
    commute_mode: str | None = None
    own_benefits: list[str] | None = None
    precedent: str | None = None
    readiness_id: int | None = None
    letter_tone: str | None = None


class SubmitIn(Schema):
    tone: str | None = None


class WithdrawIn(Schema):
    reason: str = ""


class FactorOut(Schema):
    mode: str
    label: str
    kg_co2e_per_passenger_km: float
    source: str
    approximate: bool


class BenefitsOut(Schema):
    home_days_per_week: float
    hours_saved_per_month: float
    hours_saved_per_year: float
    km_saved_per_year: int
    co2_kg_per_year: int
    emission_factor: FactorOut
    explanations: dict[str, str]


class ProposalOut(Schema):
    id: int
    url: str
    status: str
    status_label: str
    title: str
    employee_id: int
    employee: str
    decider_id: int | None
    pattern_kind: str
    weekdays: list[int]
    n_days: int | None
    allowed_weekdays: list[int]
    reduced_hours: float | None
    pattern: str
    start_date: date | None
    trial_weeks: int | None
    review_date: date | None
    core_hours: str
    response_minutes: int
    recall_accepted: bool
    outage_plan: str
    commute_km: float | None
    commute_minutes: int | None
    commute_mode: str
    own_benefits: list[str]
    precedent: str
    readiness_id: int | None
    letter_tone: str
    benefits: BenefitsOut | None
    revision: int
    submitted_at: datetime | None
    received_on: date | None
    decision_due: date | None
    deemed_granted_on: date | None
    jurisdiction: str
    policy_version_id: int | None
    can_edit: bool

    @staticmethod
    def resolve_url(p: Proposal) -> str:
        return proposal_url(p)

    @staticmethod
    def resolve_status_label(p: Proposal) -> str:
        return p.get_status_display()

    @staticmethod
    def resolve_employee(p: Proposal) -> str:
        return p.employee.name

    @staticmethod
    def resolve_weekdays(p: Proposal) -> list[int]:
        return list(p.weekdays or [])

    @staticmethod
    def resolve_allowed_weekdays(p: Proposal) -> list[int]:
        return list(p.allowed_weekdays or [])

    @staticmethod
    def resolve_reduced_hours(p: Proposal) -> float | None:
        return float(p.reduced_hours) if p.reduced_hours is not None else None

    @staticmethod
    def resolve_pattern(p: Proposal) -> str:
        return p.pattern_text()

    @staticmethod
    def resolve_commute_km(p: Proposal) -> float | None:
        return float(p.commute_km) if p.commute_km is not None else None

    @staticmethod
    def resolve_own_benefits(p: Proposal) -> list[str]:
        return p.own_benefit_lines()

    @staticmethod
    def resolve_benefits(p: Proposal) -> dict[str, Any] | None:
        benefits = benefits_for(p)
        if benefits is None:
            return None
        return {
            "home_days_per_week": benefits.home_days_per_week,
            "hours_saved_per_month": benefits.hours_saved_per_month,
            "hours_saved_per_year": benefits.hours_saved_per_year,
            "km_saved_per_year": benefits.km_saved_per_year,
            "co2_kg_per_year": benefits.co2_kg_per_year,
            "emission_factor": {
                "mode": benefits.emission_factor.mode,
                "label": benefits.emission_factor.label,
                "kg_co2e_per_passenger_km": benefits.emission_factor.kg_co2e_per_passenger_km,
                "source": benefits.emission_factor.source,
                "approximate": benefits.emission_factor.approximate,
            },
            "explanations": benefits.explanations,
        }

    @staticmethod
    def resolve_can_edit(p: Proposal, context: dict[str, Any]) -> bool:
        return can_write(context["request"].user, p) and p.is_editable


class LetterOut(Schema):
    tone: str
    subject: str
    text: str
    html: str


class RevisionOut(Schema):
    number: int
    created_at: datetime
    reason: str
    subject: str
    content: dict[str, Any]
    changes: list[dict[str, str]]


def _changes(request: HttpRequest, payload: ProposalIn) -> dict[str, Any]:
    """The fields the caller sent, with ``readiness_id`` turned into their own check."""
    data = payload.model_dump(exclude_unset=True)
    if "readiness_id" in data:
        raw = data.pop("readiness_id")
        check = None
        if raw is not None:
            try:
                check = get_readiness_for(request.user, raw)
            except Http404:
                check = None
            me = person_of(request.user)
            if check is None or me is None or check.person_id != me.pk:
                raise ValidationError({"readiness_id": "Attach one of your own readiness checks."})
        data["readiness"] = check
    for name in ("recall_accepted",):
        if name in data and data[name] is None:
            raise ValidationError({name: "Say yes (true) or no (false)."})
    for name in ("pattern_kind", "commute_mode", "letter_tone"):
        if name in data and data[name] is None:
            data[name] = ""
    for name in ("core_hours", "outage_plan", "precedent"):
        if name in data and data[name] is None:
            data[name] = ""
    if "response_minutes" in data and data["response_minutes"] is None:
        raise ValidationError({"response_minutes": "Say how quickly you will answer messages."})
    return data


@router.post("/proposals", response={201: ProposalOut})
def create_proposal(request: HttpRequest, payload: ProposalIn) -> Status[Any]:
    """Create a draft for the caller: the suggested one home day a week, with what you send."""
    proposal = create_draft(actor=request.user, data=_changes(request, payload))
    return Status(201, proposal)


@router.get("/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest, role: str = "") -> Any:
    """Your own proposals and the submitted ones you decide; `role=mine` or `role=deciding`."""
    me = person_of(request.user)
    qs = mine_and_deciding(request.user)
    if role == "mine":
        qs = qs.filter(employee=me)
    elif role == "deciding":
        qs = qs.filter(decider=me)
    return list(qs[:500])


@router.get("/proposals/{proposal_id}", response=ProposalOut)
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    return get_proposal_for(request.user, proposal_id)


def _update(request: HttpRequest, proposal_id: int, payload: ProposalIn) -> Proposal:
    proposal = get_proposal_for(request.user, proposal_id, write=True)
    saved = update_draft(actor=request.user, proposal=proposal, changes=_changes(request, payload))
    return saved


@router.patch("/proposals/{proposal_id}", response=ProposalOut)
def patch_proposal(request: HttpRequest, proposal_id: int, payload: ProposalIn) -> Any:
    """Change the fields sent. After submission each change is a new revision."""
    return _update(request, proposal_id, payload)


@router.put("/proposals/{proposal_id}", response=ProposalOut)
def put_proposal(request: HttpRequest, proposal_id: int, payload: ProposalIn) -> Any:
    """Same as PATCH: fields left out keep their values."""
    return _update(request, proposal_id, payload)


@router.post("/proposals/{proposal_id}/submit", response=ProposalOut)
def submit(request: HttpRequest, proposal_id: int, payload: SubmitIn | None = None) -> Any:
    """Send the draft to your manager: fixes the deadline and emails them the letter."""
    proposal = get_proposal_for(request.user, proposal_id, write=True)
    tone = payload.tone if payload else None
    sent = submit_proposal(actor=request.user, proposal=proposal, tone=tone)
    return sent


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut)
def withdraw(request: HttpRequest, proposal_id: int, payload: WithdrawIn | None = None) -> Any:
    """Withdraw before a decision."""
    proposal = get_proposal_for(request.user, proposal_id, write=True)
    reason = payload.reason if payload else ""
    done = withdraw_proposal(actor=request.user, proposal=proposal, reason=reason)
    return done


@router.get("/proposals/{proposal_id}/letter", response=LetterOut)
def letter(request: HttpRequest, proposal_id: int, tone: str = "") -> Any:
    """The request letter: subject, plain text and HTML, in `tone` (formal, warm, concise)."""
    proposal = get_proposal_for(request.user, proposal_id)
    if tone and tone not in TONES:
        raise ValidationError({"tone": f"Choose a tone: {', '.join(TONES)}."})
    composed = compose_letter(proposal, tone or None)
    return {
        "tone": tone or proposal.letter_tone,
        "subject": composed.subject,
        "text": composed.text,
        "html": str(sanitise(composed.html)),
    }


@router.get("/proposals/{proposal_id}/revisions", response=list[RevisionOut])
def revisions(request: HttpRequest, proposal_id: int) -> Any:
    """The frozen revisions, oldest first, each with what changed since the one before."""
    proposal = get_proposal_for(request.user, proposal_id)
    out = []
    previous = None
    for rev in proposal.revisions.order_by("number"):
        out.append(
            {
                "number": rev.number,
                "created_at": rev.created_at,
                "reason": rev.content.get("reason", ""),
                "subject": rev.content.get("letter", {}).get("subject", ""),
                "content": rev.fields,
                "changes": compare(previous, rev.fields),
            }
        )
        previous = rev.fields
    return out
