"""Go back to the well: when the next step is offered, and the draft it makes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.arrangements.actions import move_arrangement
from homeward.audit.models import AuditEvent
from homeward.coach.patterns import Pattern
from homeward.evidence.actions import ask_for_next_step, set_criteria
from homeward.evidence.reports import BASELINE_WEEKS
from homeward.evidence.tests.conftest import fill, make_trial
from homeward.evidence.well import letter_for, next_step, well_offer
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.models import Proposal, Status
from tests.today import now, today


def standing(personas, tickets, *, confirmed_weeks_ago: int = 16, effect: float = 3.0):
    """Emma: a Wednesday trial 28 weeks ago, confirmed, results with the given effect."""
    start = today() - timedelta(weeks=confirmed_weeks_ago + 12)
    trial = make_trial(personas, start=start, review=start + timedelta(weeks=12))
    set_criteria(
        arrangement=trial,
        criteria=[{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5}],
        actor=personas.marcus.user,
    )
    fill(personas.emma, tickets, since=start - timedelta(weeks=BASELINE_WEEKS), effect=effect)
    move_arrangement(
        arrangement_id=trial.pk,
        to="standing",
        actor=personas.marcus.user,
        on=today() - timedelta(weeks=confirmed_weeks_ago),
    )
    trial.refresh_from_db()
    return trial


def publish_policy(**fields) -> PolicyVersion:
    policy = Policy.objects.create(name="Company policy")
    return PolicyVersion.objects.create(
        policy=policy,
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        **fields,
    )


def test_offer_stands_after_the_cooldown_with_good_results(personas, tickets):
    arrangement = standing(personas, tickets)
    offer = well_offer(personas.emma)
    assert offer.available, offer.reasons
    assert offer.arrangement == arrangement and offer.current_days == 1
    assert offer.suggested == Pattern("weekdays", weekdays=(2, 4))
    assert "tickets resolved was" in offer.precedent and "95% interval" in offer.precedent
    assert "success criterion agreed for the trial was met" in offer.precedent


def test_no_offer_before_the_cooldown(personas, tickets):
    standing(personas, tickets, confirmed_weeks_ago=4)
    offer = well_offer(personas.emma)
    assert not offer.available
    assert "confirmed 4 weeks ago; the policy asks for 12 weeks" in offer.reasons[0]
    assert offer.available_on == today() + timedelta(weeks=8)


def test_the_policys_cooldown_applies(personas, tickets):
    publish_policy(cooldown_weeks=20)
    standing(personas, tickets, confirmed_weeks_ago=16)
    offer = well_offer(personas.emma)
    assert not offer.available and "asks for 20 weeks" in offer.reasons[0]


def test_no_offer_when_the_evidence_is_negative(personas, tickets):
    standing(personas, tickets, effect=-4.0)
    offer = well_offer(personas.emma)
    assert not offer.available
    assert any("success criterion is not met" in r for r in offer.reasons)
    assert offer.precedent == ""


def test_no_offer_without_a_confirmed_arrangement(personas, tickets):
    make_trial(personas)
    offer = well_offer(personas.emma)
    assert not offer.available and "no confirmed arrangement" in offer.reasons[0]


def test_no_offer_at_the_policys_maximum(personas, tickets):
    publish_policy(max_home_days_per_week=1)
    standing(personas, tickets)
    assert any("the most the policy allows" in r for r in well_offer(personas.emma).reasons)


def test_no_offer_while_another_request_is_live(personas, tickets):
    standing(personas, tickets)
    Proposal.objects.create(
        employee=personas.emma, decider=personas.marcus, status=Status.SUBMITTED
    )
    assert any("being decided" in r for r in well_offer(personas.emma).reasons)


def test_the_jurisdictions_request_limit_applies(personas, tickets):
    standing(personas, tickets)
    for weeks_ago in (20, 10):  # two requests in the last 12 months (GB allows two)
        Proposal.objects.create(
            employee=personas.emma,
            decider=personas.marcus,
            status=Status.DECLINED,
            received_on=today() - timedelta(weeks=weeks_ago),
            decided_at=now() - timedelta(weeks=weeks_ago - 1),
        )
    offer = well_offer(personas.emma)
    assert any("request limits of your jurisdiction" in r for r in offer.reasons)
    assert offer.available_on > today()


def test_asking_makes_a_draft_that_cites_the_evidence(personas, tickets):
    arrangement = standing(personas, tickets)
    proposal = ask_for_next_step(
        person=personas.emma, actor=personas.emma.user, pattern=Pattern("weekdays", weekdays=(2, 4))
    )
    assert proposal.status == Status.DRAFT and proposal.employee == personas.emma
    assert proposal.previous == arrangement.proposal
    assert proposal.weekdays == [2, 4] and proposal.start_date > today()
    assert "95% interval" in proposal.precedent
    letter = letter_for(proposal)
    assert proposal.precedent in letter.text and "next step" in letter.text
    assert AuditEvent.objects.for_object(proposal).exists()
    offer = well_offer(personas.emma)
    assert offer.draft == proposal
    with pytest.raises(ValidationError, match="already have a draft"):
        ask_for_next_step(
            person=personas.emma,
            actor=personas.emma.user,
            pattern=Pattern("weekdays", weekdays=(2, 4)),
        )


def test_more_than_one_step_is_possible_but_warned_against(personas, tickets):
    standing(personas, tickets)
    big = Pattern("weekdays", weekdays=(0, 2, 4))
    with pytest.raises(ValidationError) as caught:
        ask_for_next_step(person=personas.emma, actor=personas.emma.user, pattern=big)
    assert "One more day at a time" in caught.value.message_dict["big_step_ok"][0]
    proposal = ask_for_next_step(
        person=personas.emma, actor=personas.emma.user, pattern=big, big_step_ok=True
    )
    assert proposal.weekdays == [0, 2, 4]


def test_the_next_step_must_add_a_day_and_fit_the_policy(personas, tickets):
    publish_policy(max_home_days_per_week=2)
    standing(personas, tickets)
    with pytest.raises(ValidationError, match="add at least one home day"):
        ask_for_next_step(
            person=personas.emma,
            actor=personas.emma.user,
            pattern=Pattern("weekdays", weekdays=(4,)),
        )
    with pytest.raises(ValidationError, match="at most two days"):
        ask_for_next_step(
            person=personas.emma,
            actor=personas.emma.user,
            pattern=Pattern("weekdays", weekdays=(0, 2, 4)),
            big_step_ok=True,
        )


@pytest.mark.parametrize("who", ["marcus", "hannah", "pete"])
def test_only_the_employee_asks(personas, tickets, who):
    standing(personas, tickets)
    with pytest.raises(PermissionDenied):
        ask_for_next_step(
            person=personas.emma,
            actor=getattr(personas, who).user,
            pattern=Pattern("weekdays", weekdays=(2, 4)),
        )


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (Pattern("weekdays", weekdays=(2,)), Pattern("weekdays", weekdays=(2, 4))),
        (Pattern("weekdays", weekdays=(4,)), Pattern("weekdays", weekdays=(0, 4))),
        (
            Pattern("n_of_set", n_days=1, allowed_weekdays=(0, 1, 2, 3)),
            Pattern("n_of_set", n_days=2, allowed_weekdays=(0, 1, 2, 3)),
        ),
        (
            Pattern("n_of_set", n_days=2, allowed_weekdays=(1, 3)),
            Pattern("n_of_set", n_days=3, allowed_weekdays=(1, 3, 4)),
        ),
        (
            Pattern("short_office_days", reduced_hours_per_day=2),
            Pattern("n_of_set", n_days=1, allowed_weekdays=(0, 1, 2, 3, 4)),
        ),
    ],
)
def test_next_step_is_one_more_day(current, expected):
    assert next_step(current) == expected
