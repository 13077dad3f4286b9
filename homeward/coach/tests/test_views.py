"""The readiness check pages and API: taking the check, the result, privacy, attaching it."""

from __future__ import annotations

import json

import pytest

from homeward.audit.models import AuditEvent
from homeward.coach.actions import record_readiness
from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import QUESTIONS

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


@pytest.mark.parametrize(
    ("method", "url"), [("put", "/coach/readiness/"), ("post", "/coach/readiness/mine/")]
)
def test_wrong_method_is_405(personas, method, url):
    assert getattr(personas.client(personas.emma), method)(url).status_code == 405


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
