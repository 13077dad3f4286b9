"""The proposal actions: drafts, submission under the rules, revisions, withdrawal, access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from homeward.audit.models import AuditEvent
from homeward.coach.actions import record_readiness
from homeward.coach.readiness import QUESTIONS
from homeward.lib.errors import INVALID_STATE
from homeward.notify.models import Notification
from homeward.proposals.access import get_proposal_for, visible_proposals
from homeward.proposals.actions import (
    create_draft,
    submit_proposal,
    update_draft,
    withdraw_proposal,
)
from homeward.proposals.models import Proposal, ProposalRevision, Status

from .conftest import COMPLETE, DUE, START, TODAY


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_new_draft_suggests_one_day_a_week_as_a_policy_length_trial(personas, policy):
    proposal = create_draft(actor=personas.emma.user)
    assert proposal.status == Status.DRAFT
    assert proposal.pattern_kind == "weekdays" and proposal.weekdays == [2]
    assert proposal.trial_weeks == policy.default_trial_weeks
    assert proposal.commute_km == personas.emma.commute_km
    assert proposal.pattern_text() == "every Wednesday"
    assert AuditEvent.objects.filter(action="proposal.created", object_id=str(proposal.pk)).exists()


def test_happy_path_submit_fixes_decider_deadline_rules_and_revision(personas, draft, policy):
    proposal = submit_proposal(actor=personas.emma.user, proposal=draft(), tone="warm")
    assert proposal.status == Status.SUBMITTED
    assert proposal.decider == personas.marcus
    assert proposal.jurisdiction == "GB"
    assert proposal.received_on == TODAY
    # 31 August 2026 is the English summer bank holiday: due the Friday before.
    assert proposal.decision_due == DUE
    assert proposal.rules["pack"]["code"] == "GB"
    assert "2 months beginning with receipt" in proposal.rules["deadline"]["basis"]
    assert proposal.policy_version == policy
    assert proposal.revision == 1
    revision = ProposalRevision.objects.get(proposal=proposal)
    assert revision.content["proposal"]["pattern"] == "every Wednesday"
    assert revision.content["letter"]["tone"] == "warm"
    assert revision.content["letter"]["subject"].startswith("Could I try working from home")
    event = AuditEvent.objects.get(action="proposal.submitted", object_id=str(proposal.pk))
    assert event.after["decision_due"] == DUE.isoformat()


def test_submission_notifies_the_manager_in_app_and_by_email_with_a_link(
    personas, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(actor=personas.emma.user, proposal=draft())
    note = Notification.objects.get(recipient=personas.marcus)
    assert note.url == f"/proposals/{proposal.pk}/"
    to_marcus = [m for m in mail.outbox if m.to == [personas.marcus.user.email]]
    assert len(to_marcus) == 1
    message = to_marcus[0]
    assert message.subject.startswith("Request to work from home: every Wednesday")
    assert f"/proposals/{proposal.pk}/" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and f"/proposals/{proposal.pk}/" in html
    assert "Dear Marcus" in message.body
    # The HTML part carries the letter itself, not only the link.
    assert "Dear Marcus" in html and "every Wednesday" in html


def test_submission_opens_concern_items_resolved_by_policy_where_it_answers(
    personas, submitted, policy
):
    items = submitted.concern_items.all()
    assert items.count() > 10
    internet = items.get(concern__key="internet_cost")
    assert internet.state == "resolved_by_policy"


def test_a_failed_submission_sends_nothing(personas, draft, django_capture_on_commit_callbacks):
    proposal = draft(start_date=None)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        submit_proposal(actor=personas.emma.user, proposal=proposal)
    assert mail.outbox == []
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start_date": TODAY - timedelta(days=1)}, "start_date", "in the past"),
        ({"weekdays": []}, "weekdays", "at least one weekday"),
        ({"weekdays": [0, 1, 2, 3, 4, 5]}, "weekdays", "working week has 5"),
        ({"weekdays": [0, 1, 2]}, "weekdays", "policy allows at most two days"),
        ({"pattern_kind": "n_of_set", "n_days": 0, "allowed_weekdays": [0, 1]}, "n_days", ""),
        ({"trial_weeks": 0}, "trial_weeks", "at least one week"),
        ({"start_date": TODAY + timedelta(days=800)}, "start_date", "within the next two years"),
        ({"commute_km": "-3"}, "commute_km", "cannot be negative"),
        ({"commute_minutes": -5}, "commute_minutes", "cannot be negative"),
        ({"core_hours": "all day"}, "core_hours", "10:00-16:00"),
        ({"pattern_kind": "sometimes"}, "pattern_kind", "Choose"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(
    personas, policy, fields, field, message
):
    with pytest.raises(ValidationError) as exc:
        create_draft(actor=personas.emma.user, data={**COMPLETE, **fields})
    assert field in errors_of(exc)
    assert message in " ".join(errors_of(exc)[field])
    assert not Proposal.objects.exists()
    assert not AuditEvent.objects.filter(action="proposal.created").exists()


def test_bad_update_leaves_the_draft_as_it_was(personas, draft):
    proposal = draft()
    with pytest.raises(ValidationError) as exc:
        update_draft(
            actor=personas.emma.user,
            proposal=proposal,
            changes={"trial_weeks": 8, "commute_km": "-1"},
        )
    assert set(errors_of(exc)) == {"commute_km"}
    fresh = Proposal.objects.get(pk=proposal.pk)
    assert fresh.trial_weeks == 12 and fresh.commute_km == personas.emma.commute_km


def test_start_date_before_policy_eligibility_is_refused(personas, draft, policy):
    policy.min_tenure_days = 182
    policy.save()
    personas.emma.start_date = TODAY - timedelta(days=30)
    personas.emma.save()
    with pytest.raises(ValidationError) as exc:
        draft(start_date=START)
    assert "after 182 days in the company" in errors_of(exc)["start_date"][0]
    eligible = personas.emma.start_date + timedelta(days=182)
    assert draft(start_date=eligible).start_date == eligible


def test_start_date_before_the_irish_six_months_is_refused(personas, draft):
    personas.emma.jurisdiction = "IE"
    personas.emma.start_date = TODAY - timedelta(days=40)
    personas.emma.save()
    with pytest.raises(ValidationError) as exc:
        draft(start_date=START)
    assert "cannot start before" in errors_of(exc)["start_date"][0]


def test_dutch_requests_need_two_months_notice(personas, draft):
    personas.emma.jurisdiction = "NL"
    personas.emma.save()
    with pytest.raises(ValidationError) as exc:
        draft(start_date=START)
    assert "at least 2 months before the start" in errors_of(exc)["start_date"][0]
    assert draft(start_date=TODAY + timedelta(days=70)).start_date


def test_submission_is_refused_to_a_manager_when_the_policy_excludes_managers(
    personas, draft, policy
):
    policy.excluded_roles = ["manager"]
    policy.save()
    proposal = draft(personas.marcus)
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.marcus.user, proposal=proposal)
    assert errors_of(exc)["__all__"] == [f"The policy ({policy.label}) excludes the manager role."]
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT
    # An ordinary employee under the same policy is not excluded.
    assert submit_proposal(actor=personas.emma.user, proposal=draft()).status == Status.SUBMITTED


def test_submission_is_refused_when_the_policy_excludes_the_team(personas, draft, policy):
    policy.excluded_teams.set([personas.support])
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.emma.user, proposal=draft())
    assert errors_of(exc)["__all__"] == [f"The policy ({policy.label}) excludes the Support team."]


def test_draft_may_be_incomplete_but_submission_needs_everything(personas, policy):
    proposal = create_draft(actor=personas.emma.user, data={"trial_weeks": 6})
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.emma.user, proposal=proposal)
    assert "start_date" in errors_of(exc)


def test_a_larger_first_ask_is_allowed(personas, draft):
    proposal = draft(weekdays=[0, 4])
    assert submit_proposal(actor=personas.emma.user, proposal=proposal).status == Status.SUBMITTED


def test_nobody_without_a_manager_can_submit(personas, draft):
    proposal = draft(who=personas.diana)
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.diana.user, proposal=proposal)
    assert "no manager" in errors_of(exc)["__all__"][0]


def test_gb_allows_one_live_request_at_a_time(personas, submitted, draft):
    second = draft(start_date=START + timedelta(weeks=4))
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.emma.user, proposal=second)
    assert "only one may be live" in errors_of(exc)["__all__"][0]


def test_gb_allows_two_requests_in_twelve_months(personas, draft):
    for _ in range(2):
        withdraw_proposal(
            actor=personas.emma.user,
            proposal=submit_proposal(actor=personas.emma.user, proposal=draft()),
        )
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.emma.user, proposal=draft())
    assert "At most 2 requests" in errors_of(exc)["__all__"][0]


def test_submitting_twice_is_a_state_error(personas, submitted):
    with pytest.raises(ValidationError) as exc:
        submit_proposal(actor=personas.emma.user, proposal=submitted)
    assert exc.value.code == INVALID_STATE


def test_only_the_employee_submits_changes_or_withdraws(personas, submitted):
    for verb, kwargs in (
        (update_draft, {"changes": {"trial_weeks": 8}}),
        (withdraw_proposal, {}),
    ):
        with pytest.raises(PermissionDenied):
            verb(actor=personas.marcus.user, proposal=submitted, **kwargs)
    assert Proposal.objects.get(pk=submitted.pk).trial_weeks == 12


def test_editing_a_submitted_proposal_makes_a_revision_the_manager_can_compare(personas, submitted):
    later = START + timedelta(weeks=2)
    update_draft(actor=personas.emma.user, proposal=submitted, changes={"start_date": later})
    proposal = Proposal.objects.get(pk=submitted.pk)
    assert proposal.revision == 2 and proposal.status == Status.SUBMITTED
    assert proposal.decision_due == DUE  # the deadline runs from the first receipt
    first, second = proposal.revisions.order_by("number")
    assert first.fields["start_date"] == START.isoformat()
    assert second.fields["start_date"] == later.isoformat()
    note = Notification.objects.get(recipient=personas.marcus, subject__contains="revised")
    assert "Start date: Wednesday 15 July 2026 -> Wednesday 29 July 2026" in note.body


def test_an_edit_that_changes_nothing_makes_no_revision(personas, submitted):
    update_draft(actor=personas.emma.user, proposal=submitted, changes={"trial_weeks": 12})
    assert Proposal.objects.get(pk=submitted.pk).revision == 1


def test_withdraw_before_a_decision_tells_the_manager(personas, submitted):
    proposal = withdraw_proposal(actor=personas.emma.user, proposal=submitted, reason="Moving")
    assert proposal.status == Status.WITHDRAWN
    assert Notification.objects.filter(recipient=personas.marcus, subject__contains="withdrew")
    event = AuditEvent.objects.get(action="proposal.withdrawn")
    assert event.after == {"status": "withdrawn", "reason": "Moving"}


@pytest.mark.parametrize("status", [Status.APPROVED_TRIAL, Status.DECLINED, Status.WITHDRAWN])
def test_no_withdrawal_or_change_after_a_decision(personas, submitted, status):
    Proposal.objects.filter(pk=submitted.pk).update(status=status)
    for verb, kwargs in (
        (withdraw_proposal, {}),
        (update_draft, {"changes": {"trial_weeks": 8}}),
    ):
        with pytest.raises(ValidationError) as exc:
            verb(actor=personas.emma.user, proposal=submitted, **kwargs)
        assert exc.value.code == INVALID_STATE


def test_access_drafts_are_the_employees_alone(personas, draft):
    proposal = draft()
    assert get_proposal_for(personas.emma.user, proposal.pk) == proposal
    for who in ("marcus", "diana", "hannah", "oscar", "pete"):
        with pytest.raises(Http404):
            get_proposal_for(getattr(personas, who).user, proposal.pk)


def test_access_submitted_for_the_manager_line_and_hr_only(personas, submitted):
    for who in ("marcus", "diana", "hannah"):
        assert get_proposal_for(getattr(personas, who).user, submitted.pk) == submitted
    assert get_proposal_for(personas.root, submitted.pk) == submitted  # admin sees as HR does
    for who in ("oscar", "olivia", "pete"):
        with pytest.raises(Http404):
            get_proposal_for(getattr(personas, who).user, submitted.pk)
    with pytest.raises(PermissionDenied):
        get_proposal_for(personas.marcus.user, submitted.pk, write=True)
    assert submitted in visible_proposals(personas.diana.user)
    assert submitted not in visible_proposals(personas.olivia.user)


def test_nobody_decides_their_own_request(personas, draft):
    proposal = submit_proposal(actor=personas.marcus.user, proposal=draft(who=personas.marcus))
    assert proposal.decider == personas.diana
    assert proposal not in Proposal.objects.awaiting(personas.marcus)
    assert proposal in Proposal.objects.awaiting(personas.diana)


def test_no_start_date_in_the_past_for_a_fresh_revision(personas, submitted):
    with pytest.raises(ValidationError) as exc:
        update_draft(
            actor=personas.emma.user,
            proposal=submitted,
            changes={"start_date": date(2026, 6, 1)},
        )
    assert "in the past" in errors_of(exc)["start_date"][0]


@pytest.mark.parametrize("live", [False, True])
def test_only_your_own_readiness_check_can_be_attached_by_the_action(personas, draft, live):
    """The action refuses someone else's check, whatever face calls it (drafts and live
    proposals alike); the employee's own is attached."""
    answers = {q.key: q.choices[-1].value for q in QUESTIONS}
    petes = record_readiness(actor=personas.pete.user, answers=answers)
    own = record_readiness(actor=personas.emma.user, answers=answers)
    proposal = draft()
    if live:
        proposal = submit_proposal(actor=personas.emma.user, proposal=proposal)
    with pytest.raises(ValidationError) as exc:
        update_draft(actor=personas.emma.user, proposal=proposal, changes={"readiness": petes})
    assert exc.value.message_dict == {"readiness": ["Attach one of your own readiness checks."]}
    assert Proposal.objects.get(pk=proposal.pk).readiness is None
    update_draft(actor=personas.emma.user, proposal=proposal, changes={"readiness": own})
    assert Proposal.objects.get(pk=proposal.pk).readiness == own
