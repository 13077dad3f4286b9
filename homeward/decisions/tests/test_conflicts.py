"""The conflict rule at the moment of acting: nobody decides, hears or settles a request of
someone they report to, even when a re-organisation put them there after submission."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.concerns.access import can_raise
from homeward.decisions import actions
from homeward.decisions.models import Appeal
from homeward.decisions.tests.conftest import consult, decide, status_of
from homeward.people.models import Person
from homeward.proposals.models import Status


def _move(person: Person, *, under: Person | None) -> None:
    """What an import or a people action does to the manager line."""
    Person.objects.filter(pk=person.pk).update(manager=under)


@pytest.fixture
def marcus_declined(personas, make_proposal):
    """Marcus asks; Diana, his manager, declines; Marcus appeals (nobody above Diana)."""
    p = make_proposal(personas.marcus)
    consult(p, personas.diana)
    decide(p, personas.diana, "decline", grounds=["quality"], explanation="Not now.")
    appeal = actions.lodge_appeal(proposal=p, actor=personas.marcus.user, reason="Please.")
    assert appeal.assigned_to is None
    _move(personas.pete, under=personas.emma)  # Emma, Marcus's report, now manages Pete
    return appeal


def test_hr_cannot_give_an_appeal_to_a_report_of_the_appellant(personas, marcus_declined):
    with pytest.raises(ValidationError, match="reports to Marcus"):
        actions.assign_appeal(appeal=marcus_declined, actor=personas.hannah.user, to=personas.emma)
    assert Appeal.objects.get(pk=marcus_declined.pk).assigned_to is None
    actions.assign_appeal(appeal=marcus_declined, actor=personas.hannah.user, to=personas.olivia)


def test_a_hearer_who_came_to_report_to_the_appellant_cannot_decide(personas, marcus_declined):
    actions.assign_appeal(appeal=marcus_declined, actor=personas.hannah.user, to=personas.olivia)
    _move(personas.olivia, under=personas.marcus)
    with pytest.raises(PermissionDenied, match="reports to Marcus"):
        actions.decide_appeal(
            appeal=Appeal.objects.get(pk=marcus_declined.pk),
            actor=personas.olivia.user,
            outcome="overturned",
            explanation="Overturned by a report.",
        )
    assert status_of(marcus_declined.proposal) == Status.APPEALED


def test_a_decider_moved_under_the_employee_cannot_decide(personas, make_proposal):
    p = make_proposal(personas.marcus)
    assert p.decider == personas.diana
    _move(personas.marcus, under=None)
    _move(personas.diana, under=personas.marcus)
    assert can_raise(personas.hannah.user, p)
    assert not can_raise(personas.diana.user, p)
    with pytest.raises(PermissionDenied, match="reports to Marcus"):
        consult(p, personas.diana)
    with pytest.raises(PermissionDenied, match="reports to Marcus"):
        decide(p, personas.diana, "decline", grounds=["quality"], explanation="Not now.")
    assert status_of(p) == Status.IN_REVIEW


def test_a_report_two_levels_down_is_in_the_line_too(personas, make_proposal):
    p = make_proposal(personas.diana, decider=personas.olivia)
    # Olivia reports to Diana already: she may not decide Diana's request.
    with pytest.raises(PermissionDenied, match="reports to Diana"):
        consult(p, personas.olivia)
    _move(personas.olivia, under=None)
    consult(p, personas.olivia)
