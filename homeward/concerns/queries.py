"""What other features ask of a proposal's concerns: the open ones, the gate before approval,
and the counts for an at-a-glance line."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from homeward.concerns.models import CLOSED_STATES, ConcernItem, ItemState
from homeward.proposals.models import Proposal


def open_items(proposal: Proposal) -> QuerySet[ConcernItem]:
    """Items not yet resolved, blocking first."""
    return (
        ConcernItem.objects.filter(proposal=proposal)
        .open()
        .select_related("concern")
        .order_by("-blocking", "concern__position", "pk")
    )


def open_blocking(proposal: Proposal) -> list[ConcernItem]:
    """Open items that block approval (empty list: approval may go ahead)."""
    return list(open_items(proposal).filter(blocking=True))


def assert_no_blocking(proposal: Proposal) -> None:
    """Raise ``ValidationError`` naming each open blocking concern; return quietly if none."""
    items = open_blocking(proposal)
    if items:
        raise ValidationError(
            [f"Open blocking concern: {i.title} ({i.get_state_display()})." for i in items],
            code="blocking_concerns",
        )


def summary(proposal: Proposal) -> dict[str, int]:
    """Counts for an at-a-glance line: total, open, open and blocking, answered by policy."""
    items = list(ConcernItem.objects.filter(proposal=proposal).values_list("state", "blocking"))
    return count_items(items)


def count_items(items: list[tuple[str, bool]]) -> dict[str, int]:
    """``summary``'s counts from (state, blocking) pairs already in hand."""
    closed = set(CLOSED_STATES)
    return {
        "total": len(items),
        "open": sum(1 for s, _ in items if s not in closed),
        "blocking": sum(1 for s, b in items if b and s not in closed),
        "by_policy": sum(1 for s, _ in items if s == ItemState.RESOLVED_BY_POLICY),
    }
