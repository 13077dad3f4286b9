"""The manager hearing an appeal settles the concerns that block the overturn (decisions and
concerns together, so the test lives above both)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from homeward.concerns import actions
from homeward.concerns.models import ConcernItem, ItemState
from homeward.concerns.queries import open_blocking
from homeward.concerns.tests.conftest import proposal, published
from homeward.concerns.tests.test_concerns import notes_for
from homeward.decisions import actions as decisions
from homeward.proposals.models import Proposal, Status
from tests.today import today

__all__ = ["proposal", "published"]  # the concern tests' fixtures


def test_the_manager_hearing_an_appeal_reads_and_settles_the_concerns(personas, proposal):
    """An overturned decline is an approval, gated like any other: the manager HR gave the
    appeal to (Olivia, outside Emma's line) must be able to settle what blocks it."""
    marcus, olivia = personas.marcus, personas.olivia
    decisions.record_meeting(proposal=proposal, actor=marcus.user, held_on=today(), notes="Cover.")
    raised = actions.raise_concern(actor=marcus.user, proposal=proposal, question="Cover?")
    decisions.decide_proposal(
        proposal=proposal,
        actor=marcus.user,
        outcome="decline",
        grounds=["quality"],
        explanation="Quality.",
    )
    appeal = decisions.lodge_appeal(proposal=proposal, actor=personas.emma.user, reason="Please.")
    decisions.assign_appeal(appeal=appeal, actor=personas.hannah.user, to=olivia)
    client = personas.client(olivia)
    assert client.get(f"/policy/proposals/{proposal.pk}/concerns/").status_code == 200
    assert client.get(f"/api/v1/proposals/{proposal.pk}/concerns").status_code == 200
    # Oscar (Olivia's report) is still an outsider.
    oscar = personas.client(personas.oscar)
    assert oscar.get(f"/policy/proposals/{proposal.pk}/concerns/").status_code == 404

    with pytest.raises(ValidationError, match="Cover"):
        decisions.decide_appeal(
            appeal=appeal, actor=olivia.user, outcome="overturned", explanation="Try it."
        )
    actions.post_message(actor=personas.emma.user, item=raised, body="Pete covers.")
    assert any("Emma answers" in s for s in notes_for(olivia))
    response = client.post(f"/policy/items/{raised.pk}/resolve/", {"note": "Fine."})
    assert response.status_code == 302
    assert ConcernItem.objects.get(pk=raised.pk).state == ItemState.RESOLVED
    for i in open_blocking(proposal):
        actions.resolve_item(actor=personas.hannah.user, item=i)
    decisions.decide_appeal(
        appeal=appeal, actor=olivia.user, outcome="overturned", explanation="Try it."
    )
    assert Proposal.objects.get(pk=proposal.pk).status == Status.OVERTURNED
