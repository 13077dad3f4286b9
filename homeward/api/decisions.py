"""Decisions, meetings, HR approvals, extensions, appeals and each proposal's rules over the
API: the same actions and access rules as the pages.

Field problems answer 422 (``{"detail": {"grounds": ["..."]}}``); a verb that does not fit
the proposal's state (deciding twice, appealing an approval) answers 409; someone who may
see the proposal but not act gets 403; someone who may not see it, 404.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from homeward.decisions import actions, applied_rules
from homeward.decisions.access import get_appeal_for, get_extension_for, visible_appeals
from homeward.decisions.models import Appeal, DeadlineExtension, Decision, HrApproval, Meeting
from homeward.people.models import Person
from homeward.proposals.access import get_proposal_for

router = Router(tags=["decisions"])


# --- Schemas ----------------------------------------------------------------------------------


class PatternIn(Schema):
    pattern_kind: str = "weekdays"
    weekdays: list[int] = []
    n_days: int | None = None
    allowed_weekdays: list[int] = []
    reduced_hours: Decimal | None = None


class CriterionIn(Schema):
    metric_id: int
    rule: str
    threshold: float = 0


class DecisionIn(Schema):
    """`outcome`: approve_trial, approve, counter, decline, request_info or meeting."""

    outcome: str
    grounds: list[str] = []
    explanation: str = ""
    start_date: date | None = None
    review_date: date | None = None
    counter: PatternIn | None = None
    counter_trial: bool = True
    criteria: list[CriterionIn] = []
    meeting_proposed_for: datetime | None = None


class DecisionOut(Schema):
    id: int
    proposal_id: int
    proposal_status: str
    outcome: str
    stage: int
    decider_id: int | None
    deemed: bool
    grounds: list[str]
    ground_labels: list[str]
    explanation: str
    start_date: date | None
    review_date: date | None
    criteria: list[dict[str, Any]]
    counter: dict[str, Any] | None
    counter_trial: bool
    counter_response: str
    response: str
    awaiting_hr: bool
    superseded: bool
    created_at: datetime


class GroundOut(Schema):
    key: str
    label: str
    citation: str


class RulesOut(Schema):
    jurisdiction: str
    pack: str
    summary: str
    received_on: date | None
    decision_due: date | None
    legal_due: date | None
    basis: str
    citation: str
    statutory: bool
    deemed_granted_on: date | None
    extensions: list[int]
    extension_allowed: bool
    extension_by_agreement_only: bool
    extension_max_days: int | None
    extension_citation: str
    allowed_grounds: list[GroundOut]
    free_text_reasons: bool
    consultation_required: bool
    consultation_held: bool
    appeal_internal: bool
    appeal_route: str
    appeal_citation: str
    next_request_allowed_on: date | None
    hr_approval_above_days: int | None


class MeetingIn(Schema):
    held_on: date
    notes: str
    kind: str = Meeting.CONSULTATION
    attendee_ids: list[int] = []
    other_attendees: str = ""


class MeetingOut(Schema):
    id: int
    kind: str
    held_on: date
    notes: str
    attendee_ids: list[int]
    other_attendees: str
    recorded_by_id: int


class AnswerIn(Schema):
    response: str


class CounterAnswerIn(Schema):
    accept: bool
    note: str = ""


class ExtensionIn(Schema):
    days: int
    reason: str = ""


class ExtensionAnswerIn(Schema):
    agree: bool


class ExtensionOut(Schema):
    id: int
    days: int
    by_agreement: bool
    state: str
    due_before: date | None
    due_after: date | None


class HrIn(Schema):
    approve: bool
    note: str = ""


class HrOut(Schema):
    id: int
    state: str
    decision_id: int
    decided_by_id: int | None
    note: str


class AppealIn(Schema):
    reason: str


class AssignIn(Schema):
    assigned_to: int


class AppealDecisionIn(Schema):
    outcome: str
    explanation: str
    trial: bool = True
    start_date: date | None = None
    review_date: date | None = None


class AppealOut(Schema):
    id: int
    proposal_id: int
    proposal_status: str
    appellant_id: int
    original_decider_id: int
    assigned_to_id: int | None
    reason: str
    lodged_at: datetime
    due: date | None
    outcome: str
    explanation: str
    decided_by_id: int | None


# --- Helpers ----------------------------------------------------------------------------------


def _decision(d: Decision) -> dict[str, Any]:
    approval = (
        getattr(d, "hr_approval", None)
        if Decision.hr_approval.is_cached(d)
        else HrApproval.objects.filter(decision=d).first()
    )
    return {
        "id": d.pk,
        "proposal_id": d.proposal_id,
        "proposal_status": d.proposal.status,
        "outcome": d.outcome,
        "stage": d.stage,
        "decider_id": d.decider_id,
        "deemed": d.deemed,
        "grounds": list(d.grounds or []),
        "ground_labels": applied_rules.ground_labels(d.proposal, list(d.grounds or [])),
        "explanation": d.explanation,
        "start_date": d.start_date,
        "review_date": d.review_date,
        "criteria": list(d.criteria or []),
        "counter": {
            **d.counter_pattern(),
            "reduced_hours": float(d.counter_reduced_hours)
            if d.counter_reduced_hours is not None
            else None,
            "text": applied_rules.describe_pattern(d.counter_pattern()),
        }
        if d.outcome == "counter"
        else None,
        "counter_trial": d.counter_trial,
        "counter_response": d.counter_response,
        "response": d.response,
        "awaiting_hr": approval is not None and approval.is_pending,
        "superseded": d.superseded_at is not None,
        "created_at": d.created_at,
    }


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "held_on": m.held_on,
        "notes": m.notes,
        "attendee_ids": sorted(a.pk for a in m.attendees.all()),
        "other_attendees": m.other_attendees,
        "recorded_by_id": m.recorded_by_id,
    }


def _extension(e: DeadlineExtension) -> dict[str, Any]:
    return {
        "id": e.pk,
        "days": e.days,
        "by_agreement": e.by_agreement,
        "state": e.state,
        "due_before": e.due_before,
        "due_after": e.due_after,
    }


def _appeal(a: Appeal) -> dict[str, Any]:
    return {
        "id": a.pk,
        "proposal_id": a.proposal_id,
        "proposal_status": a.proposal.status,
        "appellant_id": a.appellant_id,
        "original_decider_id": a.original_decider_id,
        "assigned_to_id": a.assigned_to_id,
        "reason": a.reason,
        "lodged_at": a.lodged_at,
        "due": a.due,
        "outcome": a.outcome,
        "explanation": a.explanation,
        "decided_by_id": a.decided_by_id,
    }


# --- Rules and decisions ----------------------------------------------------------------------


@router.get("/proposals/{proposal_id}/rules", response=RulesOut)
def proposal_rules(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    """The rule pack as applied: deadlines (with extensions), allowed refusal grounds,
    consultation, appeal, and when a new request is allowed."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    s = applied_rules.summary(p)
    pack, deadline = s.pack, s.deadline
    return {
        "jurisdiction": pack.code,
        "pack": pack.name,
        "summary": pack.summary,
        "received_on": p.received_on,
        "decision_due": s.due,
        "legal_due": deadline.legal_due if deadline else None,
        "basis": deadline.basis if deadline else "",
        "citation": deadline.citation if deadline else pack.deadline.citation,
        "statutory": deadline.statutory if deadline else False,
        "deemed_granted_on": s.deemed_granted_on,
        "extensions": list(deadline.extensions) if deadline else [],
        "extension_allowed": pack.extension.allowed,
        "extension_by_agreement_only": pack.extension.by_agreement_only,
        "extension_max_days": pack.extension.max_days,
        "extension_citation": pack.extension.citation,
        "allowed_grounds": [
            {"key": g.key, "label": g.label, "citation": g.citation} for g in s.grounds
        ],
        "free_text_reasons": not s.grounds,
        "consultation_required": pack.consultation_required_before_refusal,
        "consultation_held": Meeting.objects.filter(proposal=p, kind=Meeting.CONSULTATION).exists(),
        "appeal_internal": pack.appeal.internal,
        "appeal_route": pack.appeal.external_route,
        "appeal_citation": pack.appeal.citation,
        "next_request_allowed_on": s.next_request_on,
        "hr_approval_above_days": actions.hr_threshold(p),
    }


@router.post("/proposals/{proposal_id}/decision", response={201: DecisionOut})
def decide(request: HttpRequest, proposal_id: int, payload: DecisionIn) -> Status:
    """Decide: approve_trial (with review_date and criteria), approve, counter (with the
    counter pattern), decline (grounds from the pack's list and an explanation), or ask:
    request_info / meeting (the explanation is the question)."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    decision = actions.decide_proposal(
        proposal=p,
        actor=request.user,
        outcome=payload.outcome,
        grounds=payload.grounds,
        explanation=payload.explanation,
        start_date=payload.start_date,
        review_date=payload.review_date,
        counter=payload.counter.dict() if payload.counter else None,
        counter_trial=payload.counter_trial,
        criteria=[c.dict() for c in payload.criteria],
        meeting_proposed_for=payload.meeting_proposed_for,
    )
    return Status(201, _decision(decision))


@router.get("/proposals/{proposal_id}/decisions", response=list[DecisionOut])
def list_decisions(request: HttpRequest, proposal_id: int) -> list[dict[str, Any]]:
    """Every decision and request for information on the proposal, oldest first."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    decisions = (
        Decision.objects.filter(proposal=p)
        .select_related("proposal__employee", "hr_approval")
        .order_by("created_at", "pk")
    )
    return [_decision(d) for d in decisions]


@router.post("/proposals/{proposal_id}/response", response=DecisionOut)
def respond(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> dict[str, Any]:
    """The employee answers a request for information or a meeting."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    ask = actions.respond_to_request(proposal=p, actor=request.user, response=payload.response)
    return _decision(ask)


@router.post("/proposals/{proposal_id}/counter-response", response=DecisionOut)
def counter_response(
    request: HttpRequest, proposal_id: int, payload: CounterAnswerIn
) -> dict[str, Any]:
    """The employee accepts (the arrangement starts) or declines a counter-proposal."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    d = actions.respond_to_counter(
        proposal=p,
        actor=request.user,
        accept=payload.accept,
        note=payload.note,
    )
    return _decision(d)


@router.post("/proposals/{proposal_id}/hr-approval", response=HrOut)
def hr_approval(request: HttpRequest, proposal_id: int, payload: HrIn) -> dict[str, Any]:
    """HR's second approval (or refusal, with a note)."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = actions.decide_hr_approval(
        proposal=p,
        actor=request.user,
        approve=payload.approve,
        note=payload.note,
    )
    return {
        "id": a.pk,
        "state": a.state,
        "decision_id": a.decision_id,
        "decided_by_id": a.decided_by_id,
        "note": a.note,
    }


# --- Meetings and extensions ------------------------------------------------------------------


@router.get("/proposals/{proposal_id}/meetings", response=list[MeetingOut])
def list_meetings(request: HttpRequest, proposal_id: int) -> list[dict[str, Any]]:
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    meetings = Meeting.objects.filter(proposal=p).prefetch_related("attendees")
    return [_meeting(m) for m in meetings.order_by("held_on", "pk")]


@router.post("/proposals/{proposal_id}/meetings", response={201: MeetingOut})
def record_meeting(request: HttpRequest, proposal_id: int, payload: MeetingIn) -> Status:
    """Record a meeting held with the employee (a consultation, or an appeal hearing)."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    attendees = list(Person.objects.active().filter(pk__in=payload.attendee_ids))
    if len(attendees) != len(set(payload.attendee_ids)):
        raise ValidationError({"attendee_ids": "Unknown or inactive person."})
    m = actions.record_meeting(
        proposal=p,
        actor=request.user,
        held_on=payload.held_on,
        notes=payload.notes,
        attendees=attendees,
        other_attendees=payload.other_attendees,
        kind=payload.kind,
    )
    return Status(201, _meeting(m))


@router.post("/proposals/{proposal_id}/extensions", response={201: ExtensionOut})
def request_extension(request: HttpRequest, proposal_id: int, payload: ExtensionIn) -> Status:
    """Extend the decision deadline: by notice where the pack allows it (IE), else proposed
    to the employee for agreement (GB)."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    e = actions.request_extension(
        proposal=p,
        actor=request.user,
        days=payload.days,
        reason=payload.reason,
    )
    return Status(201, _extension(e))


@router.post("/extensions/{extension_id}/answer", response=ExtensionOut)
def answer_extension(
    request: HttpRequest, extension_id: int, payload: ExtensionAnswerIn
) -> dict[str, Any]:
    ext = get_extension_for(request.user, extension_id)
    e = actions.answer_extension(extension=ext, actor=request.user, agree=payload.agree)
    return _extension(e)


# --- Appeals ------------------------------------------------------------------------------------


@router.post("/proposals/{proposal_id}/appeal", response={201: AppealOut})
def lodge_appeal(request: HttpRequest, proposal_id: int, payload: AppealIn) -> Status:
    """The employee appeals a decline; it goes to a different manager."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = actions.lodge_appeal(proposal=p, actor=request.user, reason=payload.reason)
    return Status(201, _appeal(a))


@router.get("/proposals/{proposal_id}/appeal", response=AppealOut)
def get_appeal(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = Appeal.objects.filter(proposal=p).first()
    if a is None:
        raise Http404("This proposal has not been appealed.")
    return _appeal(a)


@router.get("/appeals", response=list[AppealOut])
def list_appeals(request: HttpRequest) -> list[dict[str, Any]]:
    """Open appeals you hear; for HR, every open appeal."""
    qs = visible_appeals(request.user).select_related("proposal")
    return [_appeal(a) for a in qs.order_by("due", "pk")[:500]]


@router.post("/appeals/{appeal_id}/assign", response=AppealOut)
def assign_appeal(request: HttpRequest, appeal_id: int, payload: AssignIn) -> dict[str, Any]:
    """HR gives the appeal to another manager (never the employee or the decider)."""
    appeal = get_appeal_for(request.user, appeal_id)
    to = Person.objects.filter(pk=payload.assigned_to).first()
    if to is None:
        raise ValidationError({"assigned_to": "No such person."})
    return _appeal(actions.assign_appeal(appeal=appeal, actor=request.user, to=to))


@router.post("/appeals/{appeal_id}/decision", response=AppealOut)
def decide_appeal(
    request: HttpRequest, appeal_id: int, payload: AppealDecisionIn
) -> dict[str, Any]:
    """Uphold or overturn the decline (`outcome`: upheld or overturned)."""
    appeal = get_appeal_for(request.user, appeal_id)
    a = actions.decide_appeal(
        appeal=appeal,
        actor=request.user,
        outcome=payload.outcome,
        explanation=payload.explanation,
        trial=payload.trial,
        start_date=payload.start_date,
        review_date=payload.review_date,
    )
    return _appeal(a)
