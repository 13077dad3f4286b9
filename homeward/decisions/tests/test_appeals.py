"""Appeals: lodged by the employee, heard by a different manager, and HR's second approval
of an overturn above the policy's threshold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.models import AuditEvent
from homeward.decisions import actions
from homeward.decisions.models import (
    Appeal,
    HrApproval,
)
from homeward.decisions.tests.conftest import consult, decide, emails_to, status_of
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status
from tests.today import now, today

# --- Appeals -------------------------------------------------------------------------------------------


@pytest.fixture
def declined(personas, proposal):
    consult(proposal, personas.marcus)
    decide(
        proposal,
        personas.marcus,
        "decline",
        grounds=["customer_demand", "quality"],
        explanation="Peak day.",
    )
    return proposal


def test_appeal_goes_to_the_deciders_manager(personas, declined):
    appeal = actions.lodge_appeal(
        proposal=declined, actor=personas.emma.user, reason="Cover agreed."
    )
    assert appeal.assigned_to == personas.diana and appeal.original_decider == personas.marcus
    assert status_of(declined) == Status.APPEALED
    assert appeal.due == declined.decision_due  # GB: inside the decision period


def test_appeal_is_never_heard_by_the_decider(personas, declined):
    appeal = actions.lodge_appeal(proposal=declined, actor=personas.emma.user, reason="Please.")
    with pytest.raises(PermissionDenied, match="manager who declined"):
        actions.decide_appeal(
            appeal=appeal, actor=personas.marcus.user, outcome="upheld", explanation="Still no."
        )
    with pytest.raises(PermissionDenied, match="Only the manager hearing"):
        actions.decide_appeal(
            appeal=appeal, actor=personas.olivia.user, outcome="upheld", explanation="No."
        )


def test_appeal_upheld_and_overturned(personas, declined, make_proposal):
    appeal = actions.lodge_appeal(proposal=declined, actor=personas.emma.user, reason="Please.")
    actions.decide_appeal(
        appeal=appeal, actor=personas.diana.user, outcome="overturned", explanation="Try it."
    )
    assert status_of(declined) == Status.OVERTURNED
    assert Arrangement.objects.get(proposal=declined).status == ArrangementStatus.TRIAL
    with pytest.raises(ValidationError, match="already been decided"):
        actions.decide_appeal(
            appeal=appeal, actor=personas.diana.user, outcome="upheld", explanation="Oops."
        )


def test_appeal_without_a_manager_above_goes_to_hr_to_assign(personas, make_proposal):
    # Marcus asks; his manager Diana decides; nobody is above Diana.
    p = make_proposal(personas.marcus)
    consult(p, personas.diana)
    decide(p, personas.diana, "decline", grounds=["quality"], explanation="Not now.")
    appeal = actions.lodge_appeal(proposal=p, actor=personas.marcus.user, reason="Please.")
    assert appeal.assigned_to is None
    for wrong in (personas.diana, personas.marcus):
        with pytest.raises(ValidationError, match="other than the employee"):
            actions.assign_appeal(appeal=appeal, actor=personas.hannah.user, to=wrong)
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.assign_appeal(appeal=appeal, actor=personas.olivia.user, to=personas.olivia)
    # Olivia is outside Marcus's line: she sees the proposal only once she hears the appeal.
    olivia = personas.client(personas.olivia)
    assert olivia.get(f"/proposals/{p.pk}/").status_code == 404
    actions.assign_appeal(appeal=appeal, actor=personas.hannah.user, to=personas.olivia)
    assert olivia.get(f"/proposals/{p.pk}/").status_code == 200
    assert personas.client(personas.oscar).get(f"/proposals/{p.pk}/").status_code == 404
    actions.decide_appeal(
        appeal=Appeal.objects.get(pk=appeal.pk),
        actor=personas.olivia.user,
        outcome="upheld",
        explanation="The decline stands.",
    )
    assert status_of(p) == Status.UPHELD


def test_appeal_window_closes(personas, declined, time_machine):
    time_machine.move_to(now() + timedelta(days=20))
    with pytest.raises(ValidationError, match="time to appeal ended"):
        actions.lodge_appeal(proposal=declined, actor=personas.emma.user, reason="Late.")


def test_only_the_employee_appeals_and_only_a_decline(personas, proposal, declined):
    with pytest.raises(PermissionDenied):
        actions.lodge_appeal(proposal=declined, actor=personas.pete.user, reason="For Emma.")


def test_an_approval_cannot_be_appealed(personas, make_proposal):
    p = make_proposal()
    decide(p, personas.marcus, "approve_trial")
    with pytest.raises(ValidationError, match="Only a declined request"):
        actions.lodge_appeal(proposal=p, actor=personas.emma.user, reason="More days!")


def test_next_request_date_after_a_decline(personas, declined):
    from homeward.decisions import applied_rules

    # GB: two requests in 12 months; one so far, so nothing holds a new one back by date.
    assert applied_rules.next_request_on(declined) is None


def test_netherlands_next_request_a_year_after_the_decision(personas, make_proposal):
    # The next request falls under the employee's jurisdiction (one answer for every page).
    personas.emma.jurisdiction = "NL"
    personas.emma.save(update_fields=["jurisdiction"])
    p = make_proposal(jurisdiction="NL", start=today() + timedelta(days=70))
    consult(p, personas.marcus)
    decide(p, personas.marcus, "decline", explanation="Not in this role.")
    from homeward.decisions import applied_rules
    from homeward.policy.rules import Span, first_day_after

    # Wet flexibel werken art. 2: a new request a year after the decision, from its
    # anniversary (1 March for a decision on 29 February).
    expected = first_day_after(today(), Span(months=12))
    assert applied_rules.next_request_on(Proposal.objects.get(pk=p.pk)) == expected


# --- An overturn on appeal above the HR threshold ---------------------------------------------


@pytest.fixture
def declined_above_threshold(personas, make_proposal, hr_policy):
    """Emma asks for Mondays and Fridays (above the policy's one day); Marcus declines;
    Emma appeals to Diana."""
    p = make_proposal(weekdays=(0, 4), policy_version=hr_policy)
    consult(p, personas.marcus)
    decide(p, personas.marcus, "decline", grounds=["quality"], explanation="Peak days.")
    appeal = actions.lodge_appeal(proposal=p, actor=personas.emma.user, reason="Cover agreed.")
    return p, appeal


def overturn(appeal, who, **kw):
    return actions.decide_appeal(
        appeal=appeal, actor=who.user, outcome="overturned", explanation="Try it.", **kw
    )


def test_overturn_above_the_threshold_waits_for_hr(
    personas, declined_above_threshold, django_capture_on_commit_callbacks
):
    p, appeal = declined_above_threshold
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        overturn(appeal, personas.diana)
    appeal.refresh_from_db()
    assert appeal.outcome == Appeal.OVERTURNED and appeal.decided_by == personas.diana
    assert status_of(p) == Status.APPEALED and not Arrangement.objects.exists()
    approval = HrApproval.objects.get(proposal=p)
    assert approval.is_pending and approval.decision_id == appeal.decision_id
    event = AuditEvent.objects.filter(action="appeal.overturned").get()
    assert event.after["awaiting_hr"] is True
    assert any("HR gives a second approval" in m.subject for m in emails_to(personas.emma))
    assert emails_to(personas.hannah)
    # The appeal is decided: nobody decides it twice.
    with pytest.raises(ValidationError, match="already been decided"):
        actions.decide_appeal(
            appeal=appeal, actor=personas.diana.user, outcome="upheld", explanation="Oops."
        )


def test_hr_approves_the_overturn(
    personas, declined_above_threshold, django_capture_on_commit_callbacks
):
    p, appeal = declined_above_threshold
    overturn(appeal, personas.diana, trial=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=True)
    assert status_of(p) == Status.OVERTURNED
    arrangement = Arrangement.objects.get(proposal=p)
    assert arrangement.approved_by == personas.diana
    assert not arrangement.is_trial
    assert HrApproval.objects.get(proposal=p).state == HrApproval.APPROVED
    actions_done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"appeal.hr_approved", "appeal.overturned"} <= actions_done
    assert any("appeal succeeded" in m.subject for m in emails_to(personas.emma))


def test_hr_refuses_the_overturn_and_the_decline_stands(
    personas, declined_above_threshold, django_capture_on_commit_callbacks
):
    p, appeal = declined_above_threshold
    overturn(appeal, personas.diana)
    with pytest.raises(ValidationError, match="Say why"):
        actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_hr_approval(
            proposal=p, actor=personas.hannah.user, approve=False, note="Two days breaks cover."
        )
    assert status_of(p) == Status.UPHELD and not Arrangement.objects.exists()
    assert HrApproval.objects.get(proposal=p).state == HrApproval.REFUSED
    event = AuditEvent.objects.filter(action="appeal.hr_refused").get()
    assert event.after["note"] == "Two days breaks cover."
    to_emma = emails_to(personas.emma)
    assert len(to_emma) == 1 and "Two days breaks cover." in to_emma[0].body
    assert "decline stands" in to_emma[0].subject
    with pytest.raises(ValidationError, match="Nothing is waiting"):
        actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=True)


def test_neither_manager_gives_hr_approval_of_the_overturn(personas, declined_above_threshold):
    p, appeal = declined_above_threshold
    overturn(appeal, personas.diana)
    for who in (personas.diana, personas.marcus):
        Person.objects.filter(pk=who.pk).update(is_hr=True)
        with pytest.raises(PermissionDenied, match="someone else"):
            actions.decide_hr_approval(
                proposal=p, actor=Person.objects.get(pk=who.pk).user, approve=True
            )
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        actions.decide_hr_approval(proposal=p, actor=personas.emma.user, approve=True)
    assert status_of(p) == Status.APPEALED and not Arrangement.objects.exists()


def test_overturn_below_the_threshold_starts_at_once(personas, make_proposal, hr_policy):
    p = make_proposal(weekdays=(2,), policy_version=hr_policy)
    consult(p, personas.marcus)
    decide(p, personas.marcus, "decline", grounds=["quality"], explanation="Peak day.")
    appeal = actions.lodge_appeal(proposal=p, actor=personas.emma.user, reason="Cover agreed.")
    overturn(appeal, personas.diana)
    assert status_of(p) == Status.OVERTURNED and not HrApproval.objects.exists()
    assert Arrangement.objects.get(proposal=p).status == ArrangementStatus.TRIAL
