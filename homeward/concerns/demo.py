"""Demo history: concern threads on the demo proposals already submitted.

Runs after the proposals seeder: it opens the items of any submitted proposal that has
none, and gives the first live proposals (Marcus's, when he has some) a conversation.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from homeward.concerns import actions
from homeward.concerns.actions import create_concern_items
from homeward.concerns.models import ItemState
from homeward.demo import DEMO_DOMAIN, seeder
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status


def _hr_user() -> Any:
    hr = Person.objects.filter(is_hr=True, active=True).select_related("user").order_by("pk")
    first = hr.first()
    return first.user if first else None


@seeder("concern_threads", after=("proposals",))
def seed_threads(rng: random.Random, today: date) -> None:
    """Items for submitted demo proposals without any, and conversations on the first
    live proposals (Marcus's, when he has some). Registered to run after the proposals
    seeder (the concerns app comes after proposals in INSTALLED_APPS)."""
    actor = _hr_user()
    submitted = list(
        Proposal.objects.exclude(status=Status.DRAFT)
        .select_related("employee__user", "decider__user")
        .order_by("pk")
    )
    for proposal in submitted:
        if not proposal.concern_items.exists():
            create_concern_items(proposal=proposal, actor=actor)
    live = [p for p in submitted if p.is_live and p.decider_id]
    marcus = f"marcus@{DEMO_DOMAIN}"
    live.sort(key=lambda p: (p.decider is None or p.decider.user.email != marcus, p.pk))
    for index, proposal in enumerate(live[:2]):
        _conversation(proposal, answered=index == 0)


def _conversation(proposal: Proposal, *, answered: bool) -> None:
    decider = proposal.decider
    if decider is None:
        return
    item = actions.raise_concern(
        actor=decider.user,
        proposal=proposal,
        question="How will you run the Tuesday morning queue review from home?",
        details="The review needs the wallboard; can it work on a video call?",
    )
    if not answered:
        return
    actions.post_message(
        actor=proposal.employee.user,
        item=item,
        body="I will share the wallboard on the team call and run the review as usual at 9:30.",
    )
    goals = proposal.concern_items.filter(
        concern__key="goals_change", state=ItemState.AWAITING_MANAGER
    ).first()
    if goals is not None:
        actions.resolve_item(
            actor=decider.user,
            item=goals,
            note="No change: the same ticket targets as in the office.",
        )
    noise = proposal.concern_items.filter(
        concern__key="background_noise", state=ItemState.AWAITING_EMPLOYEE
    ).first()
    if noise is not None:
        actions.post_message(
            actor=proposal.employee.user,
            item=noise,
            body="I work in a spare room with the door shut and use a noise-cancelling headset.",
        )
