"""Demo history: proposals in every state for the demo organisation.

Drafts and submissions go through the real actions (so deadlines, rules and concern items
are real); the states after submission belong to the decision feature, so they are set
here directly, each with an audit entry, as a decision-maker would have left them.
Emma has no proposal, so a demo starts with her building one; Marcus has some awaiting him.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.audit.actions import record
from homeward.demo import DEMO_DOMAIN, demo_time, seeder
from homeward.people.models import Person
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal, ProposalRevision, Status

S = Status
# Each state, how it was reached after submission, and how many days ago it was received.
PLAN: list[tuple[Status, tuple[Status, ...], int]] = [
    (S.SUBMITTED, (), 2),
    (S.IN_REVIEW, (S.IN_REVIEW,), 9),
    (S.INFO_REQUESTED, (S.IN_REVIEW, S.INFO_REQUESTED), 13),
    (S.DRAFT, (), 1),
    (S.APPROVED_TRIAL, (S.IN_REVIEW, S.APPROVED_TRIAL), 60),
    (S.APPROVED, (S.IN_REVIEW, S.APPROVED), 150),
    (S.COUNTERED, (S.IN_REVIEW, S.COUNTERED), 20),
    (S.DECLINED, (S.IN_REVIEW, S.DECLINED), 45),
    (S.WITHDRAWN, (S.WITHDRAWN,), 30),
    (S.APPEALED, (S.IN_REVIEW, S.DECLINED, S.APPEALED), 35),
    (S.UPHELD, (S.IN_REVIEW, S.DECLINED, S.APPEALED, S.UPHELD), 110),
    (S.OVERTURNED, (S.IN_REVIEW, S.DECLINED, S.APPEALED, S.OVERTURNED), 120),
]
# The first three are Marcus's to decide.
FOR_MARCUS = 3
DECIDED_AFTER_DAYS = 12


def _ask(rng: random.Random, index: int) -> dict[str, Any]:
    """Mostly the small first step; a few larger asks and one shorter-office-days request."""
    if index % 5 == 4:
        return {"pattern_kind": "n_of_set", "n_days": 2, "allowed_weekdays": [0, 1, 2, 3]}
    if index % 7 == 6:
        return {"pattern_kind": "short_office_days", "weekdays": [], "reduced_hours": "2.0"}
    return {"pattern_kind": "weekdays", "weekdays": [rng.choice([0, 1, 2, 3, 4])]}


def _draft_data(rng: random.Random, index: int, received: date) -> dict[str, Any]:
    return {
        **_ask(rng, index),
        # Nine weeks' notice satisfies every pack's notice rule (Ireland asks for eight).
        "start_date": received + timedelta(weeks=9),
        "trial_weeks": rng.choice([8, 12, 12, 16]),
        "core_hours": rng.choice(["10:00-16:00", "09:30-15:30", "10:00-15:00"]),
        "response_minutes": rng.choice([15, 30, 30, 60]),
        "outage_plan": "Switch to a mobile hotspot; come in if it lasts more than an hour.",
        "own_benefits": ["Fewer interruptions for focused work"],
    }


def _advance(proposal: Proposal, steps: tuple[Status, ...], received: date) -> None:
    """Move a submitted proposal through ``steps``, each with an audit entry."""
    decider = proposal.decider
    assert decider is not None
    appeal_judge = decider.manager or decider
    for status in steps:
        before = proposal.status
        actor = proposal.employee if status in (S.WITHDRAWN, S.APPEALED) else decider
        if status in (S.UPHELD, S.OVERTURNED):
            actor = appeal_judge
        proposal.status = status
        if status in (S.APPROVED_TRIAL, S.APPROVED, S.COUNTERED, S.DECLINED):
            proposal.decided_at = demo_time(received + timedelta(days=DECIDED_AFTER_DAYS), 9, 30)
        if status == S.WITHDRAWN:
            proposal.withdrawn_at = demo_time(received + timedelta(days=DECIDED_AFTER_DAYS), 9, 30)
        proposal.save(update_fields=["status", "decided_at", "withdrawn_at", "updated_at"])
        record(
            actor=actor.user,
            action=f"proposal.{status}",
            obj=proposal,
            before={"status": before},
            after={"status": status, "demo": True},
        )


def _make(
    person: Person, rng: random.Random, index: int, plan: tuple[Any, ...], today: date
) -> bool:
    """One proposal for ``person``; False (and nothing kept) if the rules refuse it."""
    status, steps, days_ago = plan
    received = today - timedelta(days=days_ago)
    try:
        with transaction.atomic():
            proposal = create_draft(
                actor=person.user, data=_draft_data(rng, index, received), today=received
            )
            Proposal.objects.filter(pk=proposal.pk).update(created_at=demo_time(received, 9, 30))
            if status == S.DRAFT:
                return True
            proposal = submit_proposal(
                actor=person.user, proposal=proposal, today=received, email=False
            )
            Proposal.objects.filter(pk=proposal.pk).update(submitted_at=demo_time(received, 9, 30))
            ProposalRevision.objects.filter(proposal=proposal).update(
                created_at=demo_time(received, 9, 30)
            )
            _advance(proposal, steps, received)
    except ValidationError:
        return False
    return True


@seeder("proposals", after=("policy",))
def seed_proposals(rng: random.Random, today: date) -> None:
    named = {f"{who}@{DEMO_DOMAIN}" for who in ("emma", "marcus", "hannah", "admin")}
    people = list(
        Person.objects.active()
        .filter(manager__isnull=False)
        .exclude(user__email__in=named)
        .select_related("user", "manager", "office", "team")
        .order_by("pk")
    )
    marcus = Person.objects.filter(user__email=f"marcus@{DEMO_DOMAIN}").first()
    his = [p for p in people if marcus is not None and p.manager_id == marcus.pk]
    others = [p for p in people if p not in his]
    rng.shuffle(others)
    for index, plan in enumerate(PLAN):
        pool = his + others if index < FOR_MARCUS else others + his
        for person in pool:
            if _make(person, rng, index, plan, today):
                (his if person in his else others).remove(person)
                break
