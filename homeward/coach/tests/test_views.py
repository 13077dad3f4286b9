"""The readiness check pages and API: taking the check, the result, privacy, attaching it."""

from __future__ import annotations

import json

import pytest

from homeward.audit.models import AuditEvent
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


def test_take_the_check_and_see_scores_advice_and_recommendation(personas):
    emma = personas.client(personas.emma)
    form = emma.get("/coach/readiness/")
    assert form.status_code == 200
    assert QUESTIONS[0].text.encode() in form.content
    response = emma.post("/coach/readiness/", NEW_JOINER)
    stored = ReadinessCheck.objects.get(person=personas.emma)
    assert response["Location"] == f"/coach/readiness/{stored.pk}/"
    assert stored.recommendation == "build_trust"
    assert stored.scores["standing"] == 44 and stored.scores["fortitude"] == 100
    page = emma.get(response["Location"]).content.decode()
    assert "Build trust first" in page
    assert "Standing and trust" in page and 'value="44"' in page
    assert "Managers want to see you settled first" in page  # advice for the weak spot
    assert AuditEvent.objects.filter(action="readiness.checked").exists()


def test_unanswered_questions_are_shown_at_the_field_and_nothing_is_stored(personas):
    answers = {k: v for k, v in BEST.items() if k != "workspace"}
    response = personas.client(personas.emma).post("/coach/readiness/", answers)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="q-workspace"' in html and "Please answer this question." in html
    assert not ReadinessCheck.objects.exists()


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


@pytest.mark.parametrize(
    ("method", "url"), [("put", "/coach/readiness/"), ("post", "/coach/readiness/mine/")]
)
def test_wrong_method_is_405(personas, method, url):
    assert getattr(personas.client(personas.emma), method)(url).status_code == 405


def test_post_to_the_result_is_405(personas, check):
    response = personas.client(personas.emma).post(f"/coach/readiness/{check.pk}/")
    assert response.status_code == 405


def test_history_lists_my_checks_only(personas, check):
    record_readiness(actor=personas.pete.user, answers=BEST)
    page = personas.client(personas.emma).get("/coach/readiness/mine/").content.decode()
    assert page.count("/coach/readiness/") - page.count('href="/coach/readiness/"') >= 1
    assert "Build trust first" in page and "Ask now" not in page


def test_admin_without_a_person_cannot_take_the_check(personas):
    assert personas.client(personas.root).get("/coach/readiness/").status_code == 403


# --- API ----------------------------------------------------------------------------------


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_api_take_and_read_a_check(personas):
    emma = personas.client(personas.emma)
    questions = emma.get("/api/v1/readiness/questions").json()
    assert len(questions) == len(QUESTIONS)
    response = _post(emma, "/api/v1/readiness", {"answers": BEST})
    assert response.status_code == 201
    data = response.json()
    assert data["recommendation"] == "ask_now" and data["scores"]["commitment"] == 100
    assert data["explanation"].startswith("Every dimension scored 60 or more")
    read = emma.get(f"/api/v1/readiness/{data['id']}")
    assert read.status_code == 200
    assert (
        personas.client(personas.marcus).get(f"/api/v1/readiness/{data['id']}").status_code == 404
    )


def test_api_lists_my_own_checks_only(personas, check):
    record_readiness(actor=personas.pete.user, answers=BEST)
    mine = personas.client(personas.emma).get("/api/v1/readiness")
    assert mine.status_code == 200
    assert [c["id"] for c in mine.json()] == [check.pk]
    assert personas.client(personas.marcus).get("/api/v1/readiness").json() == []
    assert personas.client(personas.root).get("/api/v1/readiness").json() == []


def test_api_missing_answers_are_422_per_question(personas):
    answers = {k: v for k, v in BEST.items() if k != "recall"}
    response = _post(personas.client(personas.emma), "/api/v1/readiness", {"answers": answers})
    assert response.status_code == 422
    assert response.json()["detail"] == {"recall": ["Please answer this question."]}
    assert not ReadinessCheck.objects.exists()


def test_api_anonymous_is_401(personas, check):
    from django.test import Client

    assert Client().get(f"/api/v1/readiness/{check.pk}").status_code == 401
    assert _post(Client(), "/api/v1/readiness", {"answers": BEST}).status_code == 401


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
