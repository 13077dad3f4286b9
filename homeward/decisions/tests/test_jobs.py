from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.models import AuditEvent
from homeward.decisions import actions, jobs
from homeward.decisions.models import DeadlineNotice, Decision
from homeward.jobs import JOBS, run_due_jobs
from homeward.notify.models import Notification
from homeward.people.models import Office
from homeward.proposals.models import Proposal, Status
from tests.today import today


def at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def notes_for(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("subject", flat=True))


def test_jobs_are_registered_at_startup():
    assert {"decisions.deemed_granted", "decisions.reminders", "decisions.escalations"} <= set(JOBS)


def test_reminder_before_the_deadline_is_sent_once(personas, proposal):
    day = proposal.decision_due - timedelta(days=5)
    assert jobs.reminders(at(day)) == 1
    assert jobs.reminders(at(day)) == 0
    assert jobs.reminders(at(day + timedelta(days=1))) == 0
    [subject] = notes_for(personas.marcus)
    assert subject.startswith("Decision due in 5 days")
    assert notes_for(personas.emma) == []


def test_final_reminder_two_days_before(personas, proposal):
    jobs.reminders(at(proposal.decision_due - timedelta(days=6)))
    jobs.reminders(at(proposal.decision_due - timedelta(days=2)))
    kinds = set(DeadlineNotice.objects.values_list("kind", flat=True))
    assert kinds == {DeadlineNotice.REMINDER, DeadlineNotice.FINAL_REMINDER}


def test_no_reminder_once_decided(personas, proposal):
    actions.decide_proposal(proposal=proposal, actor=personas.marcus.user, outcome="approve")
    assert jobs.reminders(at(proposal.decision_due - timedelta(days=1))) == 0
    assert jobs.escalations(at(proposal.decision_due + timedelta(days=1))) == 0


def test_overdue_decision_escalates_to_the_manager_above_and_hr(personas, proposal):
    day = proposal.decision_due + timedelta(days=1)
    assert jobs.escalations(at(day)) == 1
    assert jobs.escalations(at(day + timedelta(days=3))) == 0
    assert any(s.startswith("Overdue") for s in notes_for(personas.diana))
    assert any(s.startswith("Overdue") for s in notes_for(personas.hannah))
    assert notes_for(personas.emma) == [] and notes_for(personas.pete) == []
    notice = DeadlineNotice.objects.get(kind=DeadlineNotice.ESCALATION)
    assert set(notice.recipients) == {personas.diana.pk, personas.hannah.pk}
    event = AuditEvent.objects.for_object(proposal).get(action="deadline.escalation")
    assert event.actor is None and event.actor_label == "system"


def test_an_agreed_extension_arms_the_reminders_again(personas, proposal):
    jobs.reminders(at(proposal.decision_due - timedelta(days=3)))
    ext = actions.request_extension(proposal=proposal, actor=personas.marcus.user, days=14)
    actions.answer_extension(extension=ext, actor=personas.emma.user, agree=True)
    proposal.refresh_from_db()
    assert jobs.reminders(at(proposal.decision_due - timedelta(days=3))) == 1


def test_worker_runs_everything_twice_without_repeating(personas, proposal):
    now = at(proposal.decision_due + timedelta(days=1))
    first = run_due_jobs(now)
    second = run_due_jobs(now)
    assert first["decisions.escalations"] == 1
    assert second["decisions.escalations"] == 0 and -1 not in second.values()


# --- NL: deemed granted -------------------------------------------------------------------------


@pytest.fixture
def dutch(personas, make_proposal):
    start = today() + timedelta(days=75)
    return make_proposal(jurisdiction="NL", start=start, trial_weeks=8)


def test_netherlands_request_is_granted_as_asked_when_no_decision_comes(personas, dutch):
    granted_on = dutch.deemed_granted_on
    assert granted_on is not None and granted_on < dutch.start_date
    assert jobs.deemed_granted(at(granted_on - timedelta(days=1))) == 0
    assert jobs.deemed_granted(at(granted_on)) == 1
    assert jobs.deemed_granted(at(granted_on)) == 0
    dutch.refresh_from_db()
    assert dutch.status == Status.APPROVED_TRIAL
    arrangement = Arrangement.objects.get(proposal=dutch)
    assert arrangement.status == ArrangementStatus.TRIAL
    assert arrangement.weekdays == [2] and arrangement.start_date == dutch.start_date
    assert arrangement.review_date == dutch.start_date + timedelta(weeks=8)
    decision = Decision.objects.get(proposal=dutch)
    assert decision.deemed and decision.decider is None
    assert "Wet flexibel werken" in decision.explanation
    event = AuditEvent.objects.for_object(dutch).get(action="decision.deemed_granted")
    assert event.actor_label == "system" and event.after["deemed"] is True
    notice = DeadlineNotice.objects.get(proposal=dutch, kind=DeadlineNotice.DEEMED_GRANTED)
    assert notice.due_on == granted_on and personas.marcus.pk in notice.recipients
    assert any("granted by law" in s for s in notes_for(personas.marcus))
    assert any("approved" in s for s in notes_for(personas.emma))


def test_a_timely_decision_is_not_overridden(personas, dutch):
    actions.record_meeting(
        proposal=dutch, actor=personas.marcus.user, held_on=today(), notes="Talked."
    )
    actions.decide_proposal(
        proposal=dutch, actor=personas.marcus.user, outcome="decline", explanation="Not now."
    )
    assert jobs.deemed_granted(at(dutch.deemed_granted_on + timedelta(days=3))) == 0
    assert Proposal.objects.get(pk=dutch.pk).status == Status.DECLINED


def test_deemed_granted_only_in_the_netherlands(personas, proposal):
    assert jobs.deemed_granted(at(proposal.start_date)) == 0
    assert Proposal.objects.get(pk=proposal.pk).status == Status.IN_REVIEW


# --- Appeals ---------------------------------------------------------------------------------------


def test_appeal_deadline_reminds_the_hearer_and_escalates(personas, proposal):
    actions.record_meeting(
        proposal=proposal, actor=personas.marcus.user, held_on=today(), notes="Met."
    )
    actions.decide_proposal(
        proposal=proposal,
        actor=personas.marcus.user,
        outcome="decline",
        grounds=["quality"],
        explanation="Quality.",
    )
    appeal = actions.lodge_appeal(proposal=proposal, actor=personas.emma.user, reason="Please.")
    assert jobs.reminders(at(appeal.due - timedelta(days=1))) == 1
    assert any(s.startswith("Appeal decision due") for s in notes_for(personas.diana))
    assert jobs.escalations(at(appeal.due + timedelta(days=1))) == 1
    assert any(s.startswith("Overdue: the appeal") for s in notes_for(personas.hannah))
    assert jobs.escalations(at(appeal.due + timedelta(days=2))) == 0


# --- Each office's day (#9 §5) ----------------------------------------------------------------


def _office(person, name, tz):
    person.office = Office.objects.create(name=name, timezone=tz, holiday_country="")
    person.save(update_fields=["office"])


def test_a_washington_request_is_not_escalated_on_its_due_date(personas, proposal):
    # 02:00 UTC the day after the due date is still the due date in Washington.
    _office(personas.emma, "Washington", "America/New_York")
    due = proposal.decision_due
    early = datetime.combine(due + timedelta(days=1), time(2, 0), tzinfo=UTC)
    assert jobs.escalations(early) == 0
    assert jobs.escalations(early + timedelta(hours=4)) == 1  # 01:00 in Washington


def test_a_sydney_reminder_counts_days_on_sydneys_date(personas, proposal):
    # 22:00 UTC is already the next morning in Sydney: two days left there, not three.
    _office(personas.emma, "Sydney", "Australia/Sydney")
    due = proposal.decision_due
    moment = datetime.combine(due - timedelta(days=3), time(22, 0), tzinfo=UTC)
    assert jobs.reminders(moment) == 1
    [subject] = notes_for(personas.marcus)
    assert subject.startswith("Decision due in 2 days")
