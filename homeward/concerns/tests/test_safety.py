"""The home-workstation safety self-check: the checklist, validation, and concerns it raises."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.concerns import actions
from homeward.concerns.actions import create_concern_items
from homeward.concerns.models import ConcernItem, ItemState
from homeward.concerns.queries import open_blocking
from homeward.policy import safety
from homeward.policy.actions import retire_concern
from homeward.policy.tests.conftest import publish_default
from homeward.proposals.models import Proposal, Status


def all_yes(**overrides: str) -> dict[str, str]:
    return {**{i.key: safety.YES for i in safety.ITEMS}, **overrides}


# --- The checklist (no database) ------------------------------------------------------------


def test_part_a_is_the_13_item_gsa_opm_environment_list():
    assert len(safety.PART_A) == 13
    assert len(safety.PART_B) >= 6
    assert len(safety.BY_KEY) == len(safety.ITEMS)  # keys are unique


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        (all_yes(), {}),
        (all_yes(stair_handrails=safety.NA), {}),
        (all_yes(floors=safety.NA), {"floors": "applies to every home workstation"}),
        ({k: v for k, v in all_yes().items() if k != "grounding"}, {"grounding": "Answer yes"}),
        (all_yes(breaks="maybe"), {"breaks": "Answer yes"}),
        (all_yes(jacuzzi="yes"), {"jacuzzi": "Not an item"}),
    ],
)
def test_validate(answers, errors):
    found = safety.validate(answers)
    assert set(found) == set(errors)
    for key, text in errors.items():
        assert text in found[key]


def test_needing_action_lists_the_no_answers_in_order():
    answers = all_yes(screen_height=safety.NO, environment=safety.NO, carpets_secured=safety.NA)
    assert [i.key for i in safety.needing_action(answers)] == ["environment", "screen_height"]


# --- With a proposal ------------------------------------------------------------------------


@pytest.fixture
def checked(personas):  # type: ignore[no-untyped-def]
    return publish_default(personas.hannah, check=True)


def _submitted(personas, version):  # type: ignore[no-untyped-def]
    proposal = Proposal.objects.create(
        employee=personas.emma,
        decider=personas.marcus,
        status=Status.SUBMITTED,
        policy_version=version,
    )
    create_concern_items(proposal=proposal, actor=personas.emma.user)
    return proposal


def ergonomics(proposal) -> ConcernItem:  # type: ignore[no-untyped-def]
    return proposal.concern_items.get(concern__key="ergonomics")


def test_when_required_the_ergonomics_concern_waits_for_the_check(personas, checked):
    proposal = _submitted(personas, checked)
    item = ergonomics(proposal)
    assert (item.state, item.blocking) == (ItemState.AWAITING_EMPLOYEE, True)
    assert "complete it" in item.messages.get().body
    assert item in open_blocking(proposal)


def test_a_clean_check_passes_the_item_to_the_manager_to_confirm(personas, checked):
    proposal = _submitted(personas, checked)
    actions.submit_safety_check(actor=personas.emma.user, proposal=proposal, answers=all_yes())
    item = ergonomics(proposal)
    assert item.state == ItemState.AWAITING_MANAGER
    actions.resolve_item(actor=personas.marcus.user, item=item)
    assert ergonomics(proposal).state == ItemState.RESOLVED


def test_answers_needing_action_reopen_a_policy_answered_ergonomics_item(
    personas, published, submit
):
    proposal = submit(published)
    assert ergonomics(proposal).state == ItemState.RESOLVED_BY_POLICY
    check = actions.submit_safety_check(
        actor=personas.emma.user,
        proposal=proposal,
        answers=all_yes(cords_secured=safety.NO, chair_adjustable=safety.NO),
        notes="Ordering a chair.",
    )
    assert len(check.problems()) == 2
    item = ergonomics(proposal)
    assert (item.state, item.blocking) == (ItemState.REOPENED, True)
    message = item.messages.last()
    assert "cords are secured" in message.body and "chair is adjustable" in message.body
    assert item in open_blocking(proposal)


def test_a_check_done_before_submission_is_read_at_submission(personas, checked):
    draft = Proposal.objects.create(employee=personas.emma, status=Status.DRAFT)
    actions.submit_safety_check(actor=personas.emma.user, proposal=draft, answers=all_yes())
    assert not draft.concern_items.exists()
    draft.status, draft.decider, draft.policy_version = Status.SUBMITTED, personas.marcus, checked
    draft.save()
    create_concern_items(proposal=draft, actor=personas.emma.user)
    assert ergonomics(draft).state == ItemState.RESOLVED_BY_POLICY

    other = Proposal.objects.create(employee=personas.pete, status=Status.DRAFT)
    actions.submit_safety_check(
        actor=personas.pete.user, proposal=other, answers=all_yes(floors=safety.NO)
    )
    other.status, other.decider, other.policy_version = Status.SUBMITTED, personas.marcus, checked
    other.save()
    create_concern_items(proposal=other, actor=personas.pete.user)
    item = ergonomics(other)
    assert item.state == ItemState.AWAITING_EMPLOYEE and "level" in item.messages.get().body


def test_with_ergonomics_retired_a_blocking_custom_concern_is_raised(personas, published, submit):
    proposal = submit(published)
    retire_concern(actor=personas.hannah.user, concern=ergonomics(proposal).concern)
    actions.submit_safety_check(
        actor=personas.emma.user, proposal=proposal, answers=all_yes(floors=safety.NO)
    )
    custom = proposal.concern_items.get(concern__isnull=True)
    assert custom.title == actions.SAFETY_QUESTION and custom.blocking and custom.is_open


def test_only_the_employee_completes_a_full_check(personas, published, submit):
    proposal = submit(published)
    with pytest.raises(PermissionDenied):
        actions.submit_safety_check(
            actor=personas.marcus.user, proposal=proposal, answers=all_yes()
        )
    with pytest.raises(ValidationError) as exc:
        actions.submit_safety_check(
            actor=personas.emma.user, proposal=proposal, answers={"floors": "yes"}
        )
    assert "grounding" in exc.value.message_dict
