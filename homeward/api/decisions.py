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
from homeward.decisions.models import Appeal, Decision, HrApproval, Meeting
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

    @staticmethod
    def resolve_proposal_status(d: Decision) -> str:
        return d.proposal.status

    @staticmethod
    def resolve_grounds(d: Decision) -> list[str]:
        return list(d.grounds or [])

    @staticmethod
    def resolve_ground_labels(d: Decision) -> list[str]:
        return applied_rules.ground_labels(d.proposal, list(d.grounds or []))

    @staticmethod
    def resolve_criteria(d: Decision) -> Any:
        return list(d.criteria or [])

    @staticmethod
    def resolve_counter(d: Decision) -> dict[str, Any] | None:
        if d.outcome != "counter":
            return None
        hours = d.counter_reduced_hours
        return {
            **d.counter_pattern(),
            "reduced_hours": float(hours) if hours is not None else None,
            "text": applied_rules.describe_pattern(d.counter_pattern()),
        }

    @staticmethod
    def resolve_awaiting_hr(d: Decision) -> bool:
        approval = (
            getattr(d, "hr_approval", None)
            if Decision.hr_approval.is_cached(d)
            else HrApproval.objects.filter(decision=d).first()
        )
        return approval is not None and approval.is_pending

    @staticmethod
    def resolve_superseded(d: Decision) -> bool:
        return d.superseded_at is not None


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

    @staticmethod
    def resolve_attendee_ids(m: Meeting) -> list[int]:
        return sorted(a.pk for a in m.attendees.all())


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

    @staticmethod
    def resolve_proposal_status(a: Appeal) -> str:
        return a.proposal.status


# --- Helpers ----------------------------------------------------------------------------------


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
    return Status(201, decision)


@router.get("/proposals/{proposal_id}/decisions", response=list[DecisionOut])
def list_decisions(request: HttpRequest, proposal_id: int) -> Any:
    """Every decision and request for information on the proposal, oldest first."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    decisions = (
        Decision.objects.filter(proposal=p)
        .select_related("proposal__employee", "hr_approval")
        .order_by("created_at", "pk")
    )
    return list(decisions)


@router.post("/proposals/{proposal_id}/response", response=DecisionOut)
def respond(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
    """The employee answers a request for information or a meeting."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    ask = actions.respond_to_request(proposal=p, actor=request.user, response=payload.response)
    return ask


@router.post("/proposals/{proposal_id}/counter-response", response=DecisionOut)
def counter_response(request: HttpRequest, proposal_id: int, payload: CounterAnswerIn) -> Any:
    """The employee accepts (the arrangement starts) or declines a counter-proposal."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    d = actions.respond_to_counter(
        proposal=p,
        actor=request.user,
        accept=payload.accept,
        note=payload.note,
    )
    return d


@router.post("/proposals/{proposal_id}/hr-approval", response=HrOut)
def hr_approval(request: HttpRequest, proposal_id: int, payload: HrIn) -> Any:
    """HR's second approval (or refusal, with a note)."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = actions.decide_hr_approval(
        proposal=p,
        actor=request.user,
        approve=payload.approve,
        note=payload.note,
    )
    return a


# --- Meetings and extensions ------------------------------------------------------------------


@router.get("/proposals/{proposal_id}/meetings", response=list[MeetingOut])
def list_meetings(request: HttpRequest, proposal_id: int) -> Any:
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    meetings = Meeting.objects.filter(proposal=p).prefetch_related("attendees")
    return list(meetings.order_by("held_on", "pk"))


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
    return Status(201, m)


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
    return Status(201, e)


@router.post("/extensions/{extension_id}/answer", response=ExtensionOut)
def answer_extension(request: HttpRequest, extension_id: int, payload: ExtensionAnswerIn) -> Any:
    ext = get_extension_for(request.user, extension_id)
    e = actions.answer_extension(extension=ext, actor=request.user, agree=payload.agree)
    return e


# --- Appeals ------------------------------------------------------------------------------------


@router.post("/proposals/{proposal_id}/appeal", response={201: AppealOut})
def lodge_appeal(request: HttpRequest, proposal_id: int, payload: AppealIn) -> Status:
    """The employee appeals a decline; it goes to a different manager."""
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = actions.lodge_appeal(proposal=p, actor=request.user, reason=payload.reason)
    return Status(201, a)


@router.get("/proposals/{proposal_id}/appeal", response=AppealOut)
def get_appeal(request: HttpRequest, proposal_id: int) -> Any:
    p = get_proposal_for(request.user, proposal_id, submitted=True)
    a = Appeal.objects.filter(proposal=p).first()
    if a is None:
        raise Http404("This proposal has not been appealed.")
    return a


@router.get("/appeals", response=list[AppealOut])
def list_appeals(request: HttpRequest) -> Any:
    """Open appeals you hear; for HR, every open appeal."""
    qs = visible_appeals(request.user).select_related("proposal")
    return list(qs.order_by("due", "pk")[:500])


@router.post("/appeals/{appeal_id}/assign", response=AppealOut)
def assign_appeal(request: HttpRequest, appeal_id: int, payload: AssignIn) -> Any:
    """HR gives the appeal to another manager (never the employee or the decider)."""
    appeal = get_appeal_for(request.user, appeal_id)
    to = Person.objects.filter(pk=payload.assigned_to).first()
    if to is None:
        raise ValidationError({"assigned_to": "No such person."})
    return actions.assign_appeal(appeal=appeal, actor=request.user, to=to)


@router.post("/appeals/{appeal_id}/decision", response=AppealOut)
def decide_appeal(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> Any:
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
    return a
