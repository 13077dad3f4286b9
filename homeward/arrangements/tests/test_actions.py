from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from homeward.arrangements.actions import move_arrangement, start_arrangement
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.models import AuditEvent
from homeward.proposals.models import Proposal, Status
from tests.today import today


@pytest.fixture
def proposal(personas):
    return Proposal.objects.create(
        employee=personas.emma,
        decider=personas.marcus,
        status=Status.APPROVED_TRIAL,
        pattern_kind="weekdays",
        weekdays=[2],
        start_date=today() + timedelta(days=7),
        trial_weeks=8,
    )


def test_trial_gets_a_review_date_from_the_trial_length(personas, proposal):
    a = start_arrangement(
        proposal=proposal, approved_by=personas.marcus, trial=True, actor=personas.marcus.user
    )
    assert a.status == ArrangementStatus.TRIAL
    assert a.review_date == proposal.start_date + timedelta(weeks=8)
    assert a.weekdays == [2] and a.home_days_per_week() == 1.0
    assert a.is_home_day(date(2026, 11, 25)) and not a.is_home_day(date(2026, 11, 26))
    assert AuditEvent.objects.for_object(a).filter(action="arrangement.started").exists()


def test_counter_pattern_overrides_the_ask(personas, proposal):
    a = start_arrangement(
        proposal=proposal,
        approved_by=personas.marcus,
        trial=False,
        pattern={"weekdays": [4]},
        actor=personas.marcus.user,
    )
    assert a.status == ArrangementStatus.STANDING and a.weekdays == [4] and a.review_date is None


def test_new_arrangement_ends_the_previous_one(personas, proposal):
    first = start_arrangement(
        proposal=proposal,
        approved_by=personas.marcus,
        trial=False,
        start_date=today() - timedelta(days=100),
        actor=personas.marcus.user,
    )
    second = start_arrangement(
        proposal=proposal, approved_by=personas.marcus, trial=True, actor=personas.marcus.user
    )
    first.refresh_from_db()
    assert first.status == ArrangementStatus.ENDED
    assert first.end_date == second.start_date - timedelta(days=1)
    assert Arrangement.objects.active().filter(employee=personas.emma).count() == 1


def test_review_date_must_follow_start(personas, proposal):
    with pytest.raises(ValidationError, match="after the start date"):
        start_arrangement(
            proposal=proposal,
            approved_by=personas.marcus,
            trial=True,
            review_date=proposal.start_date,
            actor=personas.marcus.user,
        )


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ([ArrangementStatus.STANDING], True),
        ([ArrangementStatus.ENDED], True),
        ([ArrangementStatus.ENDED, ArrangementStatus.STANDING], False),
        ([ArrangementStatus.STANDING, ArrangementStatus.EXTENDED], False),
        ([ArrangementStatus.SUSPENDED, ArrangementStatus.TRIAL], True),
    ],
)
def test_transitions(personas, proposal, path, allowed):
    a = start_arrangement(
        proposal=proposal, approved_by=personas.marcus, trial=True, actor=personas.marcus.user
    )
    *steps, last = path
    for step in steps:
        move_arrangement(arrangement_id=a.pk, to=step, actor=personas.marcus.user)
    if allowed:
        assert (
            move_arrangement(arrangement_id=a.pk, to=last, actor=personas.marcus.user).status
            == last
        )
    else:
        with pytest.raises(ValidationError, match="cannot become"):
            move_arrangement(arrangement_id=a.pk, to=last, actor=personas.marcus.user)


def test_extension_needs_a_future_review_date(personas, proposal):
    a = start_arrangement(
        proposal=proposal, approved_by=personas.marcus, trial=True, actor=personas.marcus.user
    )
    with pytest.raises(ValidationError, match="review date in the future"):
        move_arrangement(
            arrangement_id=a.pk, to=ArrangementStatus.EXTENDED, actor=personas.marcus.user
        )
    later = today() + timedelta(weeks=6)
    moved = move_arrangement(
        arrangement_id=a.pk,
        to=ArrangementStatus.EXTENDED,
        review_date=later,
        actor=personas.marcus.user,
    )
    assert moved.review_date == later
