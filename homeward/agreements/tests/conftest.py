from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.proposals.models import Proposal, Status
from tests.today import today


@pytest.fixture
def approve(personas) -> Callable[..., Arrangement]:
    """Approve a proposal of Emma's (Marcus decides) in a jurisdiction: its arrangement."""

    def start(jurisdiction: str, *, trial: bool = True, concern: str = "") -> Arrangement:
        personas.emma.jurisdiction = jurisdiction
        personas.emma.save()
        proposal = Proposal.objects.create(
            employee=personas.emma,
            decider=personas.marcus,
            status=Status.APPROVED_TRIAL if trial else Status.APPROVED,
            pattern_kind="weekdays",
            weekdays=[0, 2],
            start_date=today() + timedelta(days=7),
            trial_weeks=8,
        )
        if concern:
            question, answer = concern.split("|")
            proposal.concern_items.create(
                question=question, state="resolved_by_policy", policy_answer=answer
            )
        return start_arrangement(
            proposal=proposal, approved_by=personas.marcus, trial=trial, actor=personas.marcus.user
        )

    return start
