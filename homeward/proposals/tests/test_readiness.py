"""A readiness check shared through a proposal: its result page, attaching it, who reads it."""

from __future__ import annotations

import pytest

from homeward.coach.actions import record_readiness
from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import QUESTIONS
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal
from tests.today import today

BEST = {q.key: q.choices[-1].value for q in QUESTIONS}
NEW_JOINER = {**BEST, "time_in_role": "under_6_months", "track_record": "unsure"}


@pytest.fixture
def check(personas) -> ReadinessCheck:
    return record_readiness(actor=personas.emma.user, answers=NEW_JOINER)


def test_a_check_is_private_to_its_owner(personas, check):
    url = f"/coach/readiness/{check.pk}/"
    assert personas.client(personas.emma).get(url).status_code == 200
    for who in ("marcus", "hannah", "oscar", "pete"):
        assert personas.client(getattr(personas, who)).get(url).status_code == 404


def test_attached_to_a_submitted_proposal_the_manager_can_read_it(personas, check):
    from datetime import timedelta

    emma = personas.client(personas.emma)
    start = today() + timedelta(days=14)
    proposal = create_draft(actor=personas.emma.user, data={"start_date": start})
    response = emma.post(f"/proposals/{proposal.pk}/readiness/", {"readiness": check.pk})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).readiness == check
    url = f"/coach/readiness/{check.pk}/"
    assert personas.client(personas.marcus).get(url).status_code == 404  # still a draft
    submit_proposal(actor=personas.emma.user, proposal=proposal)
    assert personas.client(personas.marcus).get(url).status_code == 200
    assert personas.client(personas.oscar).get(url).status_code == 404
    # HR without an employee record (the administrator) may read it too, as the API allows.
    assert personas.client(personas.root).get(url).status_code == 200
    assert personas.client(personas.root).get(f"/api/v1/readiness/{check.pk}").status_code == 200


def test_start_a_proposal_with_the_check_attached(personas, check):
    emma = personas.client(personas.emma)
    page = emma.get(f"/proposals/new/?readiness={check.pk}")
    assert f'name="readiness" value="{check.pk}"'.encode() in page.content
    emma.post(
        "/proposals/new/",
        {"pattern_kind": "weekdays", "weekdays": ["1"], "readiness": str(check.pk)},
    )
    assert Proposal.objects.get(employee=personas.emma).readiness == check


def test_someone_elses_check_cannot_be_attached(personas, check):
    response = personas.client(personas.pete).get(f"/proposals/new/?readiness={check.pk}")
    assert response.status_code == 404


def test_post_to_the_result_is_405(personas, check):
    response = personas.client(personas.emma).post(f"/coach/readiness/{check.pk}/")
    assert response.status_code == 405


def test_attach_from_the_result_page_to_a_chosen_proposal(personas, check):
    from datetime import timedelta

    first = create_draft(actor=personas.emma.user)
    second = create_draft(
        actor=personas.emma.user, data={"start_date": today() + timedelta(days=7)}
    )
    emma = personas.client(personas.emma)
    page = emma.get(f"/coach/readiness/{check.pk}/").content.decode()
    assert f'<option value="{second.pk}">' in page and f'<option value="{first.pk}">' in page
    response = emma.post(f"/coach/readiness/{check.pk}/attach/", {"proposal": second.pk})
    assert response["Location"] == f"/proposals/{second.pk}/"
    assert Proposal.objects.get(pk=second.pk).readiness == check
    assert Proposal.objects.get(pk=first.pk).readiness is None
    assert emma.get(f"/coach/readiness/{check.pk}/attach/").status_code == 405
    # Pete may not attach Emma's check, nor attach his to Emma's proposal.
    pete = personas.client(personas.pete)
    assert (
        pete.post(f"/coach/readiness/{check.pk}/attach/", {"proposal": first.pk}).status_code == 404
    )
