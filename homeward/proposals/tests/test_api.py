"""The proposals API: every endpoint, with the same rules and access as the pages."""

from __future__ import annotations

import pytest
from django.core import mail

from homeward.proposals.models import Proposal, Status

from .conftest import COMPLETE, DUE, START, TODAY

BODY = {**COMPLETE, "own_benefits": ["Fewer interruptions"], "start_date": START.isoformat()}


def test_create_read_update_submit_and_read_the_letter(
    personas, policy, api, django_capture_on_commit_callbacks
):
    emma = api(personas.emma)
    created = emma.post("/proposals", BODY)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == "draft" and data["pattern"] == "every Wednesday"
    assert data["benefits"]["emission_factor"]["source"].startswith("UK Government GHG")
    pk = data["id"]

    patched = emma.patch(f"/proposals/{pk}", {"trial_weeks": 8})
    assert patched.status_code == 200 and patched.json()["trial_weeks"] == 8
    put = emma.put(f"/proposals/{pk}", {"trial_weeks": 10})
    assert put.json()["trial_weeks"] == 10 and put.json()["core_hours"] == "10:00-16:00"

    letter = emma.get(f"/proposals/{pk}/letter?tone=formal").json()
    assert set(letter) == {"tone", "subject", "text", "html"}
    assert letter["subject"].startswith("Request to work from home: every Wednesday")
    assert "<p>Dear Marcus,</p>" in letter["html"]

    with django_capture_on_commit_callbacks(execute=True):
        sent = emma.post(f"/proposals/{pk}/submit", {"tone": "warm"})
    assert sent.status_code == 200, sent.json()
    out = sent.json()
    assert out["status"] == "submitted" and out["jurisdiction"] == "GB"
    assert out["received_on"] == TODAY.isoformat() and out["decision_due"] == DUE.isoformat()
    assert any(m.to == [personas.marcus.user.email] for m in mail.outbox)

    read = emma.get(f"/proposals/{pk}").json()
    assert read["decision_due"] == DUE.isoformat() and read["revision"] == 1
    revisions = emma.get(f"/proposals/{pk}/revisions").json()
    assert revisions[0]["number"] == 1 and revisions[0]["subject"].startswith("Could I")


def test_list_holds_mine_and_those_i_decide(personas, submitted, draft, api):
    own_draft = draft(who=personas.marcus)
    ids = {p["id"] for p in api(personas.marcus).get("/proposals").json()}
    assert ids == {submitted.pk, own_draft.pk}
    deciding = api(personas.marcus).get("/proposals?role=deciding").json()
    assert [p["id"] for p in deciding] == [submitted.pk]
    assert api(personas.oscar).get("/proposals").json() == []


def test_withdraw_then_withdraw_again_is_409(personas, submitted, api):
    emma = api(personas.emma)
    first = emma.post(f"/proposals/{submitted.pk}/withdraw", {"reason": "Not now"})
    assert first.status_code == 200 and first.json()["status"] == "withdrawn"
    again = emma.post(f"/proposals/{submitted.pk}/withdraw")
    assert again.status_code == 409 and "withdrawn" in again.json()["detail"]


def test_submit_twice_is_409(personas, submitted, api):
    assert api(personas.emma).post(f"/proposals/{submitted.pk}/submit").status_code == 409


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_date": "2026-06-30"}, "start_date"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [0, 1, 2, 3, 4, 5]}, "weekdays"),
        ({"weekdays": [0, 1, 2]}, "weekdays"),
        ({"trial_weeks": 0}, "trial_weeks"),
        ({"commute_km": -2}, "commute_km"),
        # Extremes answer 422 at the field, never 500.
        ({"commute_km": 1e300}, "commute_km"),
        ({"start_date": "9999-12-31"}, "start_date"),
        ({"outage_plan": "hotspot\x00"}, "outage_plan"),
        ({"pattern_kind": "n_of_set", "n_days": 10**12, "allowed_weekdays": [0, 1]}, "n_days"),
    ],
)
def test_bad_input_is_422_with_a_message_per_field(personas, policy, api, fields, field):
    response = api(personas.emma).post("/proposals", {**BODY, **fields})
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"start_date": "9999-12-31"},
        {"commute_km": 1e300},
        {"trial_weeks": 3, "weekdays": [0, 1, 2]},  # one good field, one bad: neither saved
    ],
)
def test_bad_change_to_a_sent_proposal_is_422_and_changes_nothing(personas, submitted, api, fields):
    response = api(personas.emma).patch(f"/proposals/{submitted.pk}", fields)
    assert response.status_code == 422
    after = Proposal.objects.get(pk=submitted.pk)
    assert (after.revision, after.trial_weeks, after.weekdays) == (1, 12, [2])
    assert after.revisions.count() == 1


def test_wrong_types_are_422(personas, policy, api):
    response = api(personas.emma).post("/proposals", {"trial_weeks": "many"})
    assert response.status_code == 422


def test_incomplete_submission_is_422_naming_the_fields(personas, policy, api):
    pk = api(personas.emma).post("/proposals", {"trial_weeks": 4}).json()["id"]
    response = api(personas.emma).post(f"/proposals/{pk}/submit")
    assert response.status_code == 422 and "start_date" in response.json()["detail"]
    incomplete = api(personas.emma).get(f"/proposals/{pk}/letter")
    assert incomplete.status_code == 422 and "start_date" in incomplete.json()["detail"]


def test_unknown_tone_is_422(personas, draft, api):
    response = api(personas.emma).get(f"/proposals/{draft().pk}/letter?tone=angry")
    assert response.status_code == 422


def test_anonymous_gets_401(personas, submitted, api):
    anonymous = api(None)
    assert anonymous.get("/proposals").status_code == 401
    assert anonymous.post("/proposals", BODY).status_code == 401
    assert anonymous.get(f"/proposals/{submitted.pk}/letter").status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("get", "/letter"),
        ("get", "/revisions"),
        ("patch", ""),
        ("post", "/submit"),
        ("post", "/withdraw"),
    ],
)
def test_outsider_gets_404(personas, submitted, api, method, path):
    client = api(personas.oscar)
    call = getattr(client, method)
    response = (
        call(f"/proposals/{submitted.pk}{path}", {})
        if method != "get"
        else call(f"/proposals/{submitted.pk}{path}")
    )
    assert response.status_code == 404
    assert Proposal.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_manager_reads_but_may_not_change(personas, submitted, api):
    marcus = api(personas.marcus)
    read = marcus.get(f"/proposals/{submitted.pk}")
    assert read.status_code == 200 and read.json()["can_edit"] is False
    assert marcus.patch(f"/proposals/{submitted.pk}", {"trial_weeks": 4}).status_code == 403
    assert marcus.post(f"/proposals/{submitted.pk}/withdraw").status_code == 403


def test_drafts_are_404_to_the_manager(personas, draft, api):
    assert api(personas.marcus).get(f"/proposals/{draft().pk}").status_code == 404


def test_patch_after_submission_makes_a_revision(personas, submitted, api):
    response = api(personas.emma).patch(f"/proposals/{submitted.pk}", {"trial_weeks": 6})
    assert response.status_code == 200 and response.json()["revision"] == 2
    changes = api(personas.marcus).get(f"/proposals/{submitted.pk}/revisions").json()[1]["changes"]
    assert changes == [
        {"field": "trial_weeks", "label": "Trial length (weeks)", "before": "12", "after": "6"},
        {
            "field": "review_date",
            "label": "Review date",
            "before": "Wednesday 7 October 2026",
            "after": "Wednesday 26 August 2026",
        },
    ]


def test_someone_elses_readiness_check_cannot_be_attached(personas, draft, api):
    from homeward.coach.actions import record_readiness
    from homeward.coach.readiness import QUESTIONS

    answers = {q.key: q.choices[-1].value for q in QUESTIONS}
    petes = record_readiness(actor=personas.pete.user, answers=answers)
    mine = record_readiness(actor=personas.emma.user, answers=answers)
    proposal = draft()
    bad = api(personas.emma).patch(f"/proposals/{proposal.pk}", {"readiness_id": petes.pk})
    assert bad.status_code == 422 and "readiness_id" in bad.json()["detail"]
    good = api(personas.emma).patch(f"/proposals/{proposal.pk}", {"readiness_id": mine.pk})
    assert good.json()["readiness_id"] == mine.pk
