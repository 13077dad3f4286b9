from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.models import AuditEvent
from homeward.decisions import actions
from homeward.decisions.models import (
    DeadlineExtension,
    Decision,
    HrApproval,
    Meeting,
)
from homeward.decisions.tests.conftest import consult, decide, emails_to, status_of
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status
from tests.today import today

# --- Approvals ----------------------------------------------------------------------------------


def test_approve_as_trial_starts_a_trial_with_review_date(
    personas, proposal, django_capture_on_commit_callbacks
):
    review = proposal.start_date + timedelta(weeks=8)
    with django_capture_on_commit_callbacks(execute=True):
        d = decide(
            proposal, personas.marcus, "approve_trial", review_date=review, explanation="Go ahead."
        )
    assert status_of(proposal) == Status.APPROVED_TRIAL
    arrangement = Arrangement.objects.get(proposal=proposal)
    assert arrangement.status == ArrangementStatus.TRIAL
    assert arrangement.review_date == review and arrangement.weekdays == [2]
    assert d.stage == 1 and d.decider == personas.marcus
    assert AuditEvent.objects.for_object(proposal).filter(action="decision.approve_trial").exists()
    [email] = emails_to(personas.emma)
    assert "approved as a trial" in email.body and "Go ahead." in email.body


def test_an_approval_cannot_start_in_the_past(personas, proposal):
    yesterday = today() - timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot start in the past"):
        decide(proposal, personas.marcus, "approve", start_date=yesterday)
    assert status_of(proposal) != Status.APPROVED
    assert not Arrangement.objects.filter(proposal=proposal).exists()


def test_approve_standing_starts_a_standing_arrangement(personas, proposal):
    decide(proposal, personas.marcus, "approve")
    assert status_of(proposal) == Status.APPROVED
    assert Arrangement.objects.get(proposal=proposal).status == ArrangementStatus.STANDING


def test_first_request_is_flagged_and_later_ones_are_not(personas, proposal, make_proposal):
    assert actions.is_first_request(proposal)
    decide(proposal, personas.marcus, "approve_trial")
    assert not actions.is_first_request(make_proposal(status=Status.IN_REVIEW))


def test_a_decided_request_cannot_be_decided_again(personas, proposal):
    decide(proposal, personas.marcus, "approve_trial")
    with pytest.raises(ValidationError, match="not waiting for a decision"):
        decide(proposal, personas.marcus, "approve")
    assert Decision.objects.filter(proposal=proposal).count() == 1


def test_open_blocking_concern_stops_approval(personas, proposal):
    from homeward.concerns.models import ConcernItem, ItemState

    ConcernItem.objects.create(
        proposal=proposal, question="Who covers the phones?", state=ItemState.AWAITING_MANAGER
    )
    with pytest.raises(ValidationError, match="Who covers the phones"):
        decide(proposal, personas.marcus, "approve_trial")
    assert status_of(proposal) == Status.IN_REVIEW and not Decision.objects.exists()


def test_ireland_start_before_six_months_service_is_refused(personas, make_proposal):
    emma = personas.emma
    emma.start_date = today() - timedelta(days=30)
    emma.jurisdiction = "IE"
    emma.save()
    p = make_proposal(jurisdiction="IE", start=today() + timedelta(days=7))
    with pytest.raises(ValidationError, match="6 months") as exc:
        decide(p, personas.marcus, "approve_trial")
    assert "s.20(2)" in str(exc.value)


# --- Counter-proposals ---------------------------------------------------------------------------


def test_counter_accepted_starts_the_counter_pattern(personas, make_proposal):
    p = make_proposal(weekdays=(0, 4))
    decide(p, personas.marcus, "counter", counter={"weekdays": [2]}, explanation="One day first.")
    assert status_of(p) == Status.COUNTERED
    actions.respond_to_counter(proposal=p, actor=personas.emma.user, accept=True)
    assert status_of(p) == Status.APPROVED_TRIAL
    arrangement = Arrangement.objects.get(proposal=p)
    assert arrangement.weekdays == [2] and arrangement.status == ArrangementStatus.TRIAL


def test_counter_declined_returns_the_request_for_a_new_decision(personas, make_proposal):
    p = make_proposal(weekdays=(0, 4))
    decide(p, personas.marcus, "counter", counter={"weekdays": [2]}, explanation="One day first.")
    actions.respond_to_counter(proposal=p, actor=personas.emma.user, accept=False, note="No.")
    assert status_of(p) == Status.IN_REVIEW
    second = decide(p, personas.marcus, "approve_trial")
    assert second.stage == 2 and status_of(p) == Status.APPROVED_TRIAL
    assert not Arrangement.objects.filter(proposal=p, weekdays=[2]).exists()


def test_counter_must_differ_from_the_ask_and_be_valid(personas, proposal):
    with pytest.raises(ValidationError, match="approve it instead"):
        decide(proposal, personas.marcus, "counter", counter={"weekdays": [2]})
    with pytest.raises(ValidationError, match="weekday"):
        decide(proposal, personas.marcus, "counter", counter={"weekdays": []})


def test_only_the_employee_answers_a_counter(personas, make_proposal):
    p = make_proposal(weekdays=(0, 4))
    decide(p, personas.marcus, "counter", counter={"weekdays": [2]}, explanation="One day.")
    with pytest.raises(PermissionDenied):
        actions.respond_to_counter(proposal=p, actor=personas.marcus.user, accept=True)


# --- Declines ---------------------------------------------------------------------------------------


def test_gb_decline_without_a_meeting_is_refused(personas, proposal):
    with pytest.raises(ValidationError) as exc:
        decide(
            proposal,
            personas.marcus,
            "decline",
            grounds=["customer_demand"],
            explanation="Wednesdays are our busiest day.",
        )
    assert "consulted" in str(exc.value.message_dict["meeting"])
    assert "s.80G(1)(aza)" in str(exc.value.message_dict["meeting"])
    assert status_of(proposal) == Status.IN_REVIEW


def test_gb_decline_after_a_meeting_with_two_grounds(
    personas, proposal, django_capture_on_commit_callbacks
):
    consult(proposal, personas.marcus)
    with django_capture_on_commit_callbacks(execute=True):
        d = decide(
            proposal,
            personas.marcus,
            "decline",
            grounds=["customer_demand", "reorganise_work"],
            explanation="Wednesdays are our busiest day and nobody can take your calls.",
        )
    assert status_of(proposal) == Status.DECLINED
    assert d.grounds == ["customer_demand", "reorganise_work"]
    email = emails_to(personas.emma)[-1]
    assert "Detrimental effect on ability to meet customer demand" in email.body
    assert "busiest day" in email.body and "appeal" in email.body


def test_decline_with_grounds_outside_the_pack_is_refused(personas, proposal):
    consult(proposal, personas.marcus)
    with pytest.raises(ValidationError) as exc:
        decide(
            proposal,
            personas.marcus,
            "decline",
            grounds=["customer_demand", "bad_vibes"],
            explanation="No.",
        )
    assert "'bad_vibes' is not a refusal ground" in str(exc.value.message_dict["grounds"])


def test_decline_needs_a_ground_and_an_explanation(personas, proposal):
    consult(proposal, personas.marcus)
    with pytest.raises(ValidationError) as exc:
        decide(proposal, personas.marcus, "decline", grounds=[], explanation=" ")
    assert set(exc.value.message_dict) == {"grounds", "explanation"}


def test_ireland_decline_takes_written_reasons_without_a_meeting(personas, make_proposal):
    p = make_proposal(jurisdiction="IE")
    decide(p, personas.marcus, "decline", explanation="Your role needs the lab every day.")
    assert status_of(p) == Status.DECLINED


# --- Information and meetings ----------------------------------------------------------------


def test_request_info_and_the_answer_return_to_review(personas, proposal):
    decide(proposal, personas.marcus, "request_info", explanation="How will you cover calls?")
    assert status_of(proposal) == Status.INFO_REQUESTED
    with pytest.raises(ValidationError, match="Write your answer"):
        actions.respond_to_request(proposal=proposal, actor=personas.emma.user, response="")
    actions.respond_to_request(
        proposal=proposal, actor=personas.emma.user, response="Pete covers; I answer in 30 min."
    )
    assert status_of(proposal) == Status.IN_REVIEW
    assert Decision.objects.get(proposal=proposal).response.startswith("Pete covers")


def test_a_meeting_request_is_answered_by_recording_the_meeting(personas, proposal):
    decide(proposal, personas.marcus, "meeting", explanation="Let us talk about cover.")
    assert status_of(proposal) == Status.INFO_REQUESTED
    m = consult(proposal, personas.marcus, attendees=[personas.pete])
    assert status_of(proposal) == Status.IN_REVIEW
    assert set(m.attendees.all()) == {personas.emma, personas.marcus, personas.pete}


def test_meetings_are_recorded_once_held_and_not_by_the_employee(personas, proposal):
    with pytest.raises(ValidationError, match="once it has taken place"):
        consult(proposal, personas.marcus, held_on=today() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        consult(proposal, personas.emma)
    with pytest.raises(PermissionDenied):
        consult(proposal, personas.pete)
    assert not Meeting.objects.exists()


# --- Who may decide ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["pete", "diana", "hannah", "olivia"])
def test_only_the_decider_decides(personas, proposal, who):
    with pytest.raises(PermissionDenied, match="Only the deciding manager"):
        decide(proposal, getattr(personas, who), "approve_trial")


def test_employee_cannot_decide_own_request(personas, proposal):
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        decide(proposal, personas.emma, "approve_trial")


def _force(sql_updates: list[tuple[str, list]], *, dropping: list[tuple[str, str]]) -> None:
    """Write rows the model constraints forbid, as a broken import or a raw edit might.
    The test's transaction is rolled back afterwards, constraints included."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name in dropping:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        try:
            for sql, params in sql_updates:
                cursor.execute(sql, params)
        finally:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA ignore_check_constraints = OFF")


def test_nobody_decides_own_request_even_as_own_manager_and_hr(personas, proposal):
    emma = personas.emma
    _force(
        [
            (
                "UPDATE people_person SET is_hr = %s, manager_id = %s WHERE id = %s",
                [True, emma.pk, emma.pk],
            ),
            ("UPDATE proposals_proposal SET decider_id = %s WHERE id = %s", [emma.pk, proposal.pk]),
        ],
        dropping=[
            ("people_person", "person_not_own_manager"),
            ("proposals_proposal", "nobody_decides_own_proposal"),
        ],
    )
    emma = Person.objects.get(pk=emma.pk)
    assert emma.is_hr and emma.manager_id == emma.pk
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        decide(proposal, emma, "approve_trial")
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        consult(proposal, emma)
    assert status_of(proposal) == Status.IN_REVIEW and not Decision.objects.exists()


def test_nobody_gives_hr_approval_or_hears_an_appeal_on_own_request(personas, proposal):
    emma = personas.emma
    _force([("UPDATE people_person SET is_hr = %s WHERE id = %s", [True, emma.pk])], dropping=[])
    consult(proposal, personas.marcus)
    decide(proposal, personas.marcus, "decline", grounds=["quality"], explanation="Quality.")
    appeal = actions.lodge_appeal(proposal=proposal, actor=emma.user, reason="Please look again.")
    _force(
        [("UPDATE decisions_appeal SET assigned_to_id = %s WHERE id = %s", [emma.pk, appeal.pk])],
        dropping=[("decisions_appeal", "appeal_not_to_appellant")],
    )
    appeal.refresh_from_db()
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        actions.decide_appeal(
            appeal=appeal, actor=emma.user, outcome="overturned", explanation="I agree with me."
        )
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        actions.assign_appeal(appeal=appeal, actor=emma.user, to=personas.olivia)
    assert status_of(proposal) == Status.APPEALED


# --- HR's second approval ---------------------------------------------------------------------------


def test_approval_above_the_threshold_waits_for_hr(personas, make_proposal, hr_policy):
    p = make_proposal(weekdays=(0, 4), policy_version=hr_policy)
    d = decide(p, personas.marcus, "approve_trial")
    assert status_of(p) == Status.IN_REVIEW and not Arrangement.objects.exists()
    assert HrApproval.objects.get(decision=d).is_pending
    with pytest.raises(ValidationError, match="waiting for HR"):
        decide(p, personas.marcus, "approve")
    actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=True)
    assert status_of(p) == Status.APPROVED_TRIAL
    assert Arrangement.objects.get(proposal=p).approved_by == personas.marcus


def test_hr_refusal_sends_the_request_back_to_the_manager(personas, make_proposal, hr_policy):
    p = make_proposal(weekdays=(0, 4), policy_version=hr_policy)
    decide(p, personas.marcus, "approve_trial")
    with pytest.raises(ValidationError, match="Say why"):
        actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=False)
    actions.decide_hr_approval(
        proposal=p, actor=personas.hannah.user, approve=False, note="Two days breaks coverage."
    )
    assert status_of(p) == Status.IN_REVIEW
    again = decide(p, personas.marcus, "counter", counter={"weekdays": [2]}, explanation="One.")
    assert again.stage == 2 and status_of(p) == Status.COUNTERED


def test_hr_who_made_the_decision_cannot_second_it(personas, make_proposal, hr_policy):
    pete = personas.pete
    pete.manager = personas.hannah
    pete.save()
    p = make_proposal(pete, weekdays=(0, 4), policy_version=hr_policy)
    decide(p, personas.hannah, "approve")
    with pytest.raises(PermissionDenied, match="someone else"):
        actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=True)
    with pytest.raises(PermissionDenied, match="Only HR"):
        actions.decide_hr_approval(proposal=p, actor=personas.diana.user, approve=True)


def test_hr_never_gives_the_second_approval_on_own_request(personas, make_proposal, hr_policy):
    hannah = personas.hannah
    p = make_proposal(hannah, weekdays=(0, 4), policy_version=hr_policy, decider=personas.diana)
    decide(p, personas.diana, "approve_trial")
    with pytest.raises(PermissionDenied, match="Nobody decides their own request"):
        actions.decide_hr_approval(proposal=p, actor=hannah.user, approve=True)
    assert HrApproval.objects.get(proposal=p).is_pending and status_of(p) == Status.IN_REVIEW
    assert not Arrangement.objects.exists()


def test_a_counter_above_the_threshold_waits_for_hr_before_the_employee_sees_it(
    personas, make_proposal, hr_policy
):
    p = make_proposal(weekdays=(0, 2, 4), policy_version=hr_policy)
    decide(p, personas.marcus, "counter", counter={"weekdays": [0, 2]}, explanation="Two.")
    assert status_of(p) == Status.IN_REVIEW
    actions.decide_hr_approval(proposal=p, actor=personas.hannah.user, approve=True)
    assert status_of(p) == Status.COUNTERED


# --- Deadline extensions ------------------------------------------------------------------------


def test_gb_extension_only_by_agreement(personas, proposal):
    due = proposal.decision_due
    ext = actions.request_extension(proposal=proposal, actor=personas.marcus.user, days=14)
    assert ext.state == DeadlineExtension.PROPOSED and ext.by_agreement
    assert Proposal.objects.get(pk=proposal.pk).decision_due == due
    with pytest.raises(PermissionDenied):
        actions.answer_extension(extension=ext, actor=personas.marcus.user, agree=True)
    actions.answer_extension(extension=ext, actor=personas.emma.user, agree=True)
    assert Proposal.objects.get(pk=proposal.pk).decision_due > due


def test_ireland_extends_once_by_notice_up_to_eight_weeks(personas, make_proposal):
    p = make_proposal(jurisdiction="IE")
    with pytest.raises(ValidationError, match="at most 56 days"):
        actions.request_extension(proposal=p, actor=personas.marcus.user, days=57)
    ext = actions.request_extension(proposal=p, actor=personas.marcus.user, days=56)
    assert ext.state == DeadlineExtension.IN_FORCE
    p.refresh_from_db()
    assert p.decision_due == ext.due_after > ext.due_before
    with pytest.raises(ValidationError, match="at most 1 extension"):
        actions.request_extension(proposal=p, actor=personas.marcus.user, days=7)


def test_netherlands_allows_no_extension(personas, make_proposal):
    p = make_proposal(jurisdiction="NL")
    with pytest.raises(ValidationError, match="cannot be extended"):
        actions.request_extension(proposal=p, actor=personas.marcus.user, days=7)


# --- Success criteria (the trials feature) ---------------------------------------------------


def test_trial_approval_sets_success_criteria(personas, proposal):
    from homeward.evidence.models import Metric

    tickets = Metric.objects.create(name="Tickets resolved", unit="tickets", team=personas.support)
    criteria = [{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5}]
    d = decide(proposal, personas.marcus, "approve_trial", criteria=criteria)
    arrangement = Arrangement.objects.get(proposal=proposal)
    [criterion] = arrangement.success_criteria.all()
    assert criterion.metric == tickets and criterion.threshold == 5
    assert d.criteria == [{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5.0}]


def test_criteria_on_a_metric_that_does_not_measure_the_employee_are_refused(personas, proposal):
    from homeward.evidence.models import Metric

    sales = Metric.objects.create(name="Sales", unit="£", team=personas.sales)
    with pytest.raises(ValidationError) as exc:
        decide(
            proposal,
            personas.marcus,
            "approve_trial",
            criteria=[{"metric_id": sales.pk, "rule": "no_worse_than_pct", "threshold": 5}],
        )
    assert "does not measure Emma" in str(exc.value.message_dict["criteria"])
    assert not Arrangement.objects.exists()
