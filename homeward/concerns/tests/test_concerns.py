"""Concern items on a proposal: creation, threads, who may act, notifications and gating."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.audit.models import AuditEvent
from homeward.concerns import actions
from homeward.concerns.models import ConcernItem, ConcernMessage, ItemState
from homeward.concerns.queries import assert_no_blocking, open_blocking, open_items, summary
from homeward.concerns.tests.conftest import ANSWERED
from homeward.notify.models import Notification
from homeward.policy.actions import retire_concern
from homeward.policy.models import Concern
from homeward.proposals.models import Status


def item(proposal, key: str) -> ConcernItem:
    return proposal.concern_items.select_related("concern", "proposal").get(concern__key=key)


def notes_for(person) -> list[str]:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=person).values_list("subject", flat=True))


# --- Creation -------------------------------------------------------------------------------


def test_items_answered_by_policy_are_resolved_and_the_rest_await_their_resolver(proposal):
    states = dict(proposal.concern_items.values_list("concern__key", "state"))
    assert len(states) == 24
    for key in ANSWERED:
        assert states[key] == ItemState.RESOLVED_BY_POLICY, key
    assert states["goals_change"] == ItemState.AWAITING_MANAGER
    assert states["background_noise"] == ItemState.AWAITING_EMPLOYEE
    assert states["contract_change"] == ItemState.AWAITING_HR
    assert states["remote_access"] == ItemState.AWAITING_IT
    # Policy usually answers it, but this version does not: HR answers instead.
    assert states["it_support"] == ItemState.AWAITING_HR
    answered = item(proposal, "internet_cost")
    assert answered.policy_answer == "Own broadband, with a £20 monthly stipend."
    assert answered.resolved_at is not None and answered.raised_by is None


def test_without_any_policy_every_concern_awaits_a_person(personas, submit):
    proposal = submit(None)
    states = set(proposal.concern_items.values_list("state", flat=True))
    assert ItemState.RESOLVED_BY_POLICY not in states
    assert item(proposal, "internet_cost").state == ItemState.AWAITING_HR


def test_blocking_is_copied_from_the_catalogue(proposal):
    for i in proposal.concern_items.select_related("concern"):
        assert i.blocking == i.concern.blocking


def test_creation_notifies_the_employee_and_hr_once_each(personas, proposal):
    assert notes_for(personas.emma) == ["4 concern(s) on your proposal need your answer"]
    [hr_note] = notes_for(personas.hannah)
    assert "await HR" in hr_note
    assert notes_for(personas.pete) == []
    assert AuditEvent.objects.filter(action="concerns.created").count() == 1


def test_summary_counts_open_blocking_and_policy_answers(proposal):
    counts = summary(proposal)
    assert counts["total"] == 24 and counts["by_policy"] == len(ANSWERED)
    assert counts["open"] == 24 - len(ANSWERED)
    assert counts["blocking"] == len(open_blocking(proposal))
    assert list(open_items(proposal))[0].blocking


# --- Threads --------------------------------------------------------------------------------


def test_the_employee_answers_and_the_item_passes_to_the_manager(
    personas, proposal, django_capture_on_commit_callbacks
):
    noise = item(proposal, "background_noise")
    with django_capture_on_commit_callbacks(execute=True):
        message = actions.post_message(
            actor=personas.emma.user, item=noise, body="A closed door and a headset."
        )
    noise.refresh_from_db()
    assert (message.kind, message.author) == (ConcernMessage.ANSWER, personas.emma)
    assert noise.state == ItemState.AWAITING_MANAGER
    assert any("Emma answers" in s for s in notes_for(personas.marcus))
    assert mail.outbox and mail.outbox[-1].to == [personas.marcus.user.email]


def test_a_manager_question_passes_the_item_to_the_employee(personas, proposal):
    goals = item(proposal, "goals_change")
    actions.post_message(
        actor=personas.marcus.user, item=goals, body="Which goals change?", kind="question"
    )
    goals.refresh_from_db()
    assert goals.state == ItemState.AWAITING_EMPLOYEE
    assert any("Marcus asks" in s for s in notes_for(personas.emma))


def test_an_employee_cannot_ask_questions_of_themself(personas, proposal):
    noise = item(proposal, "background_noise")
    m = actions.post_message(actor=personas.emma.user, item=noise, body="Q?", kind="question")
    assert m.kind == ConcernMessage.ANSWER


def test_a_reply_to_a_resolved_thread_is_refused(personas, proposal):
    goals = item(proposal, "goals_change")
    actions.resolve_item(actor=personas.marcus.user, item=goals, note="No change.")
    with pytest.raises(ValidationError, match="resolved: replies are closed"):
        actions.post_message(actor=personas.emma.user, item=goals, body="Thanks!")
    with pytest.raises(ValidationError, match="replies are closed"):
        actions.post_message(
            actor=personas.emma.user, item=item(proposal, "internet_cost"), body="Hm."
        )


def test_an_answer_to_a_retired_concern_is_refused(personas, proposal):
    noise = item(proposal, "background_noise")
    retire_concern(actor=personas.hannah.user, concern=noise.concern)
    with pytest.raises(ValidationError, match="retired"):
        actions.post_message(actor=personas.emma.user, item=noise, body="Headset.")
    # It can still be resolved, so that an old proposal is not stuck.
    actions.resolve_item(actor=personas.marcus.user, item=noise, note="No longer asked.")
    with pytest.raises(ValidationError, match="retired"):
        actions.reopen_item(actor=personas.marcus.user, item=noise, reason="Again")


def test_empty_messages_are_refused(personas, proposal):
    with pytest.raises(ValidationError, match="Write a message"):
        actions.post_message(
            actor=personas.emma.user, item=item(proposal, "background_noise"), body=" "
        )


@pytest.mark.parametrize("who", ["pete", "oscar", "olivia"])
def test_people_who_cannot_see_the_proposal_cannot_take_part(personas, proposal, who):
    user = getattr(personas, who).user
    noise = item(proposal, "background_noise")
    with pytest.raises(PermissionDenied):
        actions.post_message(actor=user, item=noise, body="Hi")
    with pytest.raises(PermissionDenied):
        actions.resolve_item(actor=user, item=noise)
    with pytest.raises(PermissionDenied):
        actions.raise_concern(actor=user, proposal=proposal, question="Why?")


def test_the_manager_above_the_decider_may_take_part(personas, proposal):
    goals = item(proposal, "goals_change")
    actions.post_message(actor=personas.diana.user, item=goals, body="Keep the SLA goals.")
    actions.resolve_item(actor=personas.diana.user, item=goals)
    assert ConcernItem.objects.get(pk=goals.pk).resolved_by == personas.diana


def test_nobody_resolves_a_concern_on_their_own_proposal(personas, proposal):
    with pytest.raises(PermissionDenied, match="own proposal"):
        actions.resolve_item(actor=personas.emma.user, item=item(proposal, "background_noise"))


def test_hr_is_never_the_resolver_of_their_own_proposal(personas, published, submit):
    own = submit(published, employee=personas.hannah, decider=personas.diana)
    with pytest.raises(PermissionDenied, match="own proposal"):
        actions.resolve_item(actor=personas.hannah.user, item=item(own, "contract_change"))
    # ... and HR's own proposal does not wake HR up about itself.
    assert not any("Hannah's proposal" in s for s in notes_for(personas.hannah))


def test_only_hr_resolves_what_waits_on_hr_or_it(personas, proposal):
    contract = item(proposal, "contract_change")
    vpn = item(proposal, "remote_access")
    with pytest.raises(PermissionDenied, match="only HR"):
        actions.resolve_item(actor=personas.marcus.user, item=contract)
    actions.resolve_item(actor=personas.hannah.user, item=contract, note="No change for a trial.")
    actions.resolve_item(actor=personas.hannah.user, item=vpn, note="VPN installed.")
    assert ConcernItem.objects.get(pk=vpn.pk).state == ItemState.RESOLVED
    # Emma and Marcus hear about it.
    assert any("Hannah resolved" in s for s in notes_for(personas.emma))
    assert any("Hannah resolved" in s for s in notes_for(personas.marcus))


def test_resolving_twice_is_refused(personas, proposal):
    goals = item(proposal, "goals_change")
    actions.resolve_item(actor=personas.marcus.user, item=goals)
    with pytest.raises(ValidationError, match="already resolved"):
        actions.resolve_item(actor=personas.marcus.user, item=goals)


def test_reopen_needs_a_reason_and_a_reviewer_then_the_employee_answers(personas, proposal):
    internet = item(proposal, "internet_cost")
    with pytest.raises(ValidationError, match="reason"):
        actions.reopen_item(actor=personas.marcus.user, item=internet, reason="")
    with pytest.raises(PermissionDenied):
        actions.reopen_item(actor=personas.emma.user, item=internet, reason="I want more")
    actions.reopen_item(
        actor=personas.marcus.user, item=internet, reason="Is your line fast enough for video?"
    )
    internet.refresh_from_db()
    assert internet.state == ItemState.REOPENED and internet.resolved_at is None
    assert any("Marcus reopened" in s for s in notes_for(personas.emma))
    with pytest.raises(ValidationError, match="still open"):
        actions.reopen_item(actor=personas.marcus.user, item=internet, reason="again")
    actions.post_message(actor=personas.emma.user, item=internet, body="80 Mbit/s, fine.")
    assert ConcernItem.objects.get(pk=internet.pk).state == ItemState.AWAITING_MANAGER


def test_the_manager_raises_a_concern_in_their_own_words(personas, proposal):
    raised = actions.raise_concern(
        actor=personas.marcus.user,
        proposal=proposal,
        question="Who covers the Tuesday queue review?",
        details="It needs the wallboard.",
    )
    assert (raised.state, raised.blocking, raised.raised_by) == (
        ItemState.AWAITING_EMPLOYEE,
        True,
        personas.marcus,
    )
    assert raised.is_custom and raised.title == "Who covers the Tuesday queue review?"
    assert raised.messages.get().body == "It needs the wallboard."
    assert any("Marcus raised a concern" in s for s in notes_for(personas.emma))
    with pytest.raises(PermissionDenied):
        actions.raise_concern(actor=personas.emma.user, proposal=proposal, question="Me?")
    with pytest.raises(ValidationError, match="own words"):
        actions.raise_concern(actor=personas.marcus.user, proposal=proposal, question=" ")


def test_a_decided_proposal_takes_no_more_messages(personas, proposal):
    proposal.status = Status.APPROVED_TRIAL
    proposal.save()
    with pytest.raises(ValidationError, match="approved as a trial"):
        actions.post_message(
            actor=personas.emma.user, item=item(proposal, "background_noise"), body="x"
        )


def test_every_thread_action_is_audited(personas, proposal):
    noise = item(proposal, "background_noise")
    actions.post_message(actor=personas.emma.user, item=noise, body="Headset.")
    actions.resolve_item(actor=personas.marcus.user, item=noise)
    actions.reopen_item(actor=personas.marcus.user, item=noise, reason="One more thing")
    actions.raise_concern(actor=personas.marcus.user, proposal=proposal, question="Q?")
    done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"concern.answer", "concern.resolved", "concern.reopened", "concern.raised"} <= done


# --- Gating ---------------------------------------------------------------------------------


def test_approval_gate_lists_what_is_open_until_every_blocking_concern_is_resolved(
    personas, proposal
):
    raised = actions.raise_concern(
        actor=personas.marcus.user, proposal=proposal, question="Who covers Tuesdays?"
    )
    blocking = open_blocking(proposal)
    assert raised in blocking and all(i.blocking for i in blocking)
    with pytest.raises(ValidationError) as exc:
        assert_no_blocking(proposal)
    text = " ".join(exc.value.messages)
    assert "Who covers Tuesdays?" in text and "Awaiting the employee" in text
    assert "Do the employee's goals" not in text  # goals_change does not block

    for i in blocking:
        resolver = personas.hannah if i.state in ("awaiting_hr", "awaiting_it") else personas.marcus
        actions.resolve_item(actor=resolver.user, item=i)
    assert open_blocking(proposal) == []
    assert_no_blocking(proposal)  # no error
    assert open_items(proposal).filter(blocking=False).exists()


def test_a_non_blocking_manager_question_does_not_gate(personas, proposal):
    actions.raise_concern(
        actor=personas.marcus.user, proposal=proposal, question="Coffee?", blocking=False
    )
    assert all(i.title != "Coffee?" for i in open_blocking(proposal))


def test_concern_string_is_its_question():
    assert str(Concern(question="Q?")) == "Q?"


# --- Appeals --------------------------------------------------------------------------------


# --- Notifications stay sendable --------------------------------------------------------------


def test_a_question_with_newlines_becomes_one_line_and_its_email_is_sent(
    personas, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raised = actions.raise_concern(
            actor=personas.marcus.user, proposal=proposal, question="Who covers\nTuesdays?\r\n"
        )
    assert raised.title == "Who covers Tuesdays?"
    assert mail.outbox and all("\n" not in m.subject for m in mail.outbox)


def test_a_long_name_never_overflows_a_notification_subject(personas, proposal):
    personas.marcus.name = "M" * 150
    personas.marcus.save()
    goals = item(proposal, "goals_change")
    actions.post_message(actor=personas.marcus.user, item=goals, body="?", kind="question")
    [subject] = [s for s in notes_for(personas.emma) if " asks: " in s]
    assert subject.startswith("M" * 150 + " asks: Do the employee") and len(subject) == 200
