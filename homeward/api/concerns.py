"""A proposal's concern threads and its safety self-check.

Reads for whoever may see the proposal; writes call the same actions as the pages, so
refusals are the same: 403 for who may not, 422 with reasons for what is not valid, 404 for
what the caller may not see.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from homeward.concerns import actions
from homeward.concerns.access import get_item_for
from homeward.concerns.models import ConcernItem, ConcernMessage, SafetyCheck
from homeward.concerns.queries import count_items
from homeward.policy import safety
from homeward.policy.models import policy_for
from homeward.proposals.access import get_proposal_for

router = Router(tags=["policy"])  # listed with the policy endpoints in the API docs


# --- Schemas --------------------------------------------------------------------------------


class MessageOut(Schema):
    id: int
    author_id: int | None
    author: str | None
    kind: str
    body: str
    created_at: datetime

    @staticmethod
    def resolve_author(m: ConcernMessage) -> str | None:
        return m.author.name if m.author else None


class ItemOut(Schema):
    id: int
    concern_key: str | None
    question: str
    state: str
    blocking: bool
    open: bool
    policy_answer: str
    raised_by_id: int | None
    resolved_at: datetime | None
    resolved_by_id: int | None
    messages: list[MessageOut]

    @staticmethod
    def resolve_concern_key(i: ConcernItem) -> str | None:
        return i.concern.key if i.concern else None

    @staticmethod
    def resolve_question(i: ConcernItem) -> str:
        return i.title

    @staticmethod
    def resolve_open(i: ConcernItem) -> bool:
        return i.is_open

    @staticmethod
    def resolve_messages(i: ConcernItem) -> list[ConcernMessage]:
        return list(i.messages.all())


class ConcernsOut(Schema):
    proposal_id: int
    policy_version_id: int | None
    total: int
    open: int
    blocking: int
    by_policy: int
    items: list[ItemOut]


class MessageIn(Schema):
    body: str
    kind: str = "answer"


class ResolveIn(Schema):
    note: str = ""


class ReopenIn(Schema):
    reason: str


class RaiseIn(Schema):
    question: str
    details: str = ""
    blocking: bool = True


class CheckItemOut(Schema):
    key: str
    part: str
    text: str
    na_allowed: bool


class SafetyCheckOut(Schema):
    required: bool
    items: list[CheckItemOut]
    completed_at: datetime | None = None
    answers: dict[str, str] | None = None
    needing_action: list[str] = []


class SafetyCheckIn(Schema):
    answers: dict[str, str]
    notes: str = ""


# --- Concern threads ------------------------------------------------------------------------


@router.get("/proposals/{proposal_id}/concerns", response=ConcernsOut)
def proposal_concerns(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    """A proposal's concern items with their threads and at-a-glance counts."""
    proposal = get_proposal_for(request.user, proposal_id)
    items = list(
        ConcernItem.objects.filter(proposal=proposal)
        .select_related("concern")
        .prefetch_related("messages__author")
        .order_by("concern__position", "pk")
    )
    return {
        "proposal_id": proposal.pk,
        "policy_version_id": proposal.policy_version_id,
        **count_items([(i.state, i.blocking) for i in items]),
        "items": items,
    }


@router.post("/proposals/{proposal_id}/concerns", response={201: ItemOut})
def raise_concern(request: HttpRequest, proposal_id: int, payload: RaiseIn) -> Status[Any]:
    """Raise a concern in your own words (the decider line or HR)."""
    proposal = get_proposal_for(request.user, proposal_id)
    item = actions.raise_concern(actor=request.user, proposal=proposal, **payload.dict())
    return Status(201, item)


@router.post("/concern-items/{item_id}/messages", response={201: MessageOut})
def post_message(request: HttpRequest, item_id: int, payload: MessageIn) -> Status[Any]:
    """Add a question or an answer to an open thread."""
    item = get_item_for(request.user, item_id)
    m = actions.post_message(actor=request.user, item=item, body=payload.body, kind=payload.kind)
    return Status(201, m)


@router.post("/concern-items/{item_id}/resolve", response=ItemOut)
def resolve(request: HttpRequest, item_id: int, payload: ResolveIn) -> Any:
    item = get_item_for(request.user, item_id)
    return actions.resolve_item(actor=request.user, item=item, note=payload.note)


@router.post("/concern-items/{item_id}/reopen", response=ItemOut)
def reopen(request: HttpRequest, item_id: int, payload: ReopenIn) -> Any:
    item = get_item_for(request.user, item_id)
    return actions.reopen_item(actor=request.user, item=item, reason=payload.reason)


# --- Safety self-check ----------------------------------------------------------------------


def _check_out(proposal: Any, check: SafetyCheck | None) -> dict[str, Any]:
    version = proposal.policy_version or (policy_for(proposal.employee))
    out: dict[str, Any] = {
        "required": bool(version and version.ergonomics_check_required),
        "items": [i.__dict__ for i in safety.ITEMS],
    }
    if check is not None:
        out.update(
            completed_at=check.completed_at, answers=check.answers, needing_action=check.problems()
        )
    return out


@router.get("/proposals/{proposal_id}/safety-check", response=SafetyCheckOut)
def get_safety_check(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    """The checklist and the latest completed check for a proposal."""
    proposal = get_proposal_for(request.user, proposal_id)
    check = SafetyCheck.objects.filter(proposal=proposal).order_by("-completed_at", "-pk").first()
    return _check_out(proposal, check)


@router.post("/proposals/{proposal_id}/safety-check", response={201: SafetyCheckOut})
def submit_safety_check(
    request: HttpRequest, proposal_id: int, payload: SafetyCheckIn
) -> Status[Any]:
    """Complete the check (the employee); answers "no" raise a blocking concern."""
    proposal = get_proposal_for(request.user, proposal_id)
    check = actions.submit_safety_check(
        actor=request.user, proposal=proposal, answers=payload.answers, notes=payload.notes
    )
    return Status(201, _check_out(proposal, check))
