"""Proposals ready for a decision, made directly (the proposals feature's submission is
tested there); deadlines come from the same rule packs it uses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from homeward.decisions import actions, applied_rules
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.models import Proposal, Status
from tests.today import now, today


@pytest.fixture
def make_proposal(personas):
    def make(
        employee=None,
        *,
        status: str = Status.IN_REVIEW,
        jurisdiction: str = "GB",
        weekdays=(2,),
        received_on: date | None = None,
        start: date | None = None,
        trial_weeks: int | None = 12,
        **extra,
    ) -> Proposal:
        employee = employee or personas.emma
        received = received_on or today()
        p = Proposal.objects.create(
            employee=employee,
            decider=extra.pop("decider", employee.manager),
            status=status,
            title="Working from home",
            pattern_kind=extra.pop("pattern_kind", "weekdays"),
            weekdays=list(weekdays),
            start_date=start or received + timedelta(weeks=10),
            trial_weeks=trial_weeks,
            received_on=received,
            jurisdiction=jurisdiction,
            revision=1,
            submitted_at=now(),
            **extra,
        )
        deadline = applied_rules.base_deadline(p)
        if deadline is not None:
            p.decision_due = deadline.due
            p.deemed_granted_on = deadline.deemed_granted_on
            p.save()
        return p

    return make


@pytest.fixture
def proposal(make_proposal):
    """Emma asks Marcus (GB) for Wednesdays at home, as a trial."""
    return make_proposal()


def decide(proposal, who, outcome, **kw):
    return actions.decide_proposal(proposal=proposal, actor=who.user, outcome=outcome, **kw)


def consult(proposal, who, **kw):
    return actions.record_meeting(
        proposal=proposal,
        actor=who.user,
        held_on=kw.pop("held_on", today()),
        notes=kw.pop("notes", "Discussed cover on Wednesdays and the team's peak days."),
        **kw,
    )


def status_of(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


def emails_to(person) -> list:
    return [m for m in mail.outbox if person.user.email in m.to]


@pytest.fixture
def hr_policy(personas):
    policy = Policy.objects.create(name="Company")
    return PolicyVersion.objects.create(
        policy=policy,
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        hr_approval_above_days=1,
        max_home_days_per_week=3,
    )
