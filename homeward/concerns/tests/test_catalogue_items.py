"""Policies, versions and the catalogue: who may change them, what is refused, history kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditEvent
from homeward.concerns.actions import create_concern_items
from homeward.concerns.models import ConcernItem, ItemState
from homeward.policy import actions
from homeward.policy.models import Concern, policy_for
from homeward.policy.tests.conftest import answers


def test_a_submitted_proposal_keeps_the_version_it_was_judged_under(personas, published, submit):
    old = submit(published)
    hr = personas.hannah.user
    v2 = actions.start_draft(actor=hr, policy=published.policy)
    actions.update_draft(
        actor=hr,
        version=v2,
        answers=answers(internet_cost="Own broadband; £30 a month.", goals_change="Unchanged."),
    )
    actions.publish_version(actor=hr, version=v2)

    old.refresh_from_db()
    assert old.policy_version == published
    item = old.concern_items.get(concern__key="internet_cost")
    assert item.policy_answer == "Own broadband, with a £20 monthly stipend."
    assert old.concern_items.get(concern__key="goals_change").state == ItemState.AWAITING_MANAGER
    # The page and the API show the version it was judged under, with that version's words.
    marcus = personas.client(personas.marcus)
    page = marcus.get(f"/policy/proposals/{old.pk}/concerns/").content.decode()
    assert "Company telework policy v1</a>" in page and "£30" not in page
    api = marcus.get(f"/api/v1/proposals/{old.pk}/concerns").json()
    assert api["policy_version_id"] == published.pk

    new = submit(policy_for(personas.pete), employee=personas.pete)
    assert new.policy_version == v2
    assert new.concern_items.get(concern__key="internet_cost").policy_answer.endswith(
        "£30 a month."
    )
    assert new.concern_items.get(concern__key="goals_change").state == ItemState.RESOLVED_BY_POLICY


def test_hr_adds_a_company_concern_that_new_proposals_get(personas, published, submit):
    concern = actions.add_concern(
        actor=personas.hannah.user,
        question="Is a parking permit needed on office days?",
        category="Costs",
        resolver="hr",
        blocking=False,
    )
    assert (concern.key, concern.standard) == ("is_a_parking_permit_needed_on_office_days", False)
    assert concern.position > Concern.objects.filter(standard=True).count() - 1
    proposal = submit(published)
    item = proposal.concern_items.get(concern=concern)
    assert (item.state, item.blocking) == (ItemState.AWAITING_HR, False)


def test_retiring_keeps_old_items_and_leaves_new_proposals_without_it(personas, published, submit):
    old = submit(published)
    concern = Concern.objects.get(key="background_noise")
    actions.retire_concern(actor=personas.hannah.user, concern=concern)
    assert Concern.objects.filter(pk=concern.pk).exists()  # never deleted
    assert old.concern_items.filter(concern=concern).exists()
    new = submit(published, employee=personas.pete)
    assert not new.concern_items.filter(concern=concern).exists()
    with pytest.raises(ValidationError, match="already retired"):
        actions.retire_concern(actor=personas.hannah.user, concern=concern)
    with pytest.raises(ValidationError, match="reinstate it"):
        actions.update_concern(actor=personas.hannah.user, concern=concern, blocking=True)
    actions.reinstate_concern(actor=personas.hannah.user, concern=concern)
    assert Concern.objects.current().filter(pk=concern.pk).exists()


def test_marking_blocking_changes_new_items_only(personas, published, submit):
    old = submit(published)
    concern = Concern.objects.get(key="goals_change")
    assert not concern.blocking
    actions.update_concern(actor=personas.hannah.user, concern=concern, blocking=True)
    assert not old.concern_items.get(concern=concern).blocking
    new = submit(published, employee=personas.pete)
    assert new.concern_items.get(concern=concern).blocking
    assert AuditEvent.objects.filter(action="concern.changed").count() == 1


def test_rewording_a_concern_keeps_the_question_old_proposals_were_asked(
    personas, published, submit
):
    old = submit(published)
    concern = Concern.objects.get(key="monitoring")
    actions.update_concern(
        actor=personas.hannah.user, concern=concern, question="How are results measured?"
    )
    assert old.concern_items.get(concern=concern).title.startswith("How results are measured")


def test_create_concern_items_is_idempotent(personas, published, submit):
    proposal = submit(published)
    count = proposal.concern_items.count()
    assert count == Concern.objects.current().count()
    assert create_concern_items(proposal=proposal, actor=personas.emma.user) == []
    assert ConcernItem.objects.filter(proposal=proposal).count() == count


def test_an_emptied_catalogue_is_restored_before_items_are_made(personas, published, submit):
    from homeward.policy.actions import ensure_standard_concerns

    assert ensure_standard_concerns() == 0
    ConcernItem.objects.all().delete()
    Concern.objects.all().delete()  # only a flushed database looks like this
    proposal = submit(published)
    assert proposal.concern_items.count() == 24
