"""The policy API: the same actions and access rules as the pages, as JSON."""

from __future__ import annotations

import json

import pytest

from homeward.policy.models import Concern, ItemState, PolicyVersion
from homeward.policy.safety import ITEMS

API = "/api/v1"


def call(client, method: str, path: str, data=None):  # type: ignore[no-untyped-def]
    fn = getattr(client, method)
    if data is None:
        return fn(API + path)
    return fn(API + path, data=json.dumps(data), content_type="application/json")


def test_everyone_reads_the_catalogue_and_only_hr_writes(personas):
    emma, hr = personas.client(personas.emma), personas.client(personas.hannah)
    response = call(emma, "get", "/concerns")
    assert response.status_code == 200 and len(response.json()) == 24
    new = {"question": "Parking?", "category": "Costs", "resolver": "hr", "blocking": False}
    response = call(emma, "post", "/concerns", new)
    assert response.status_code == 403 and "Only HR" in response.json()["detail"]
    response = call(hr, "post", "/concerns", new)
    assert response.status_code == 201 and response.json()["key"] == "parking"
    cid = response.json()["id"]
    response = call(hr, "patch", f"/concerns/{cid}", {"blocking": True})
    assert response.json()["blocking"] is True
    assert call(emma, "patch", f"/concerns/{cid}", {"blocking": False}).status_code == 403
    response = call(hr, "post", f"/concerns/{cid}/retire")
    assert response.json()["retired_at"] is not None
    assert len(call(emma, "get", "/concerns").json()) == 24
    assert len(call(emma, "get", "/concerns?include_retired=true").json()) == 25
    assert call(hr, "post", f"/concerns/{cid}/retire").status_code == 422
    assert call(hr, "post", f"/concerns/{cid}/reinstate").status_code == 200


def test_a_duplicate_concern_key_is_422(personas):
    response = call(
        personas.client(personas.hannah),
        "post",
        "/concerns",
        {"question": "Q", "category": "Costs", "key": "expenses"},
    )
    assert response.status_code == 422 and "already exists" in response.json()["detail"]["key"][0]


def test_hr_creates_edits_and_publishes_a_policy(personas):
    hr, emma = personas.client(personas.hannah), personas.client(personas.emma)
    response = call(hr, "post", "/policies", {"name": "Company policy"})
    assert response.status_code == 201
    pid = response.json()["id"]
    [draft] = call(hr, "get", f"/policies/{pid}/versions").json()
    assert draft["status"] == "draft"
    # Drafts are HR's: invisible to others.
    assert call(emma, "get", f"/policy-versions/{draft['id']}").status_code == 404
    assert call(emma, "get", "/policies").json() == []

    response = call(
        hr,
        "patch",
        f"/policy-versions/{draft['id']}",
        {"recall_notice_hours": -1, "max_home_days_per_week": 6, "default_trial_weeks": 0},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert set(detail) == {"recall_notice_hours", "max_home_days_per_week", "default_trial_weeks"}

    response = call(
        hr,
        "patch",
        f"/policy-versions/{draft['id']}",
        {
            "internet_stipend_monthly": "20.00",
            "answers": {"internet_cost": "Own broadband; £20 a month."},
            "excluded_team_ids": [personas.sales.pk],
        },
    )
    assert response.status_code == 200
    assert response.json()["excluded_team_ids"] == [personas.sales.pk]
    assert response.json()["excluded_roles"] == []
    for bad, reason in ((["employee"], "exclude everyone"), (["admin"], "cannot exclude")):
        response = call(hr, "patch", f"/policy-versions/{draft['id']}", {"excluded_roles": bad})
        assert response.status_code == 422 and reason in str(response.json()["detail"])
    response = call(hr, "patch", f"/policy-versions/{draft['id']}", {"excluded_roles": ["manager"]})
    assert response.status_code == 200 and response.json()["excluded_roles"] == ["manager"]
    assert (
        call(emma, "patch", f"/policy-versions/{draft['id']}", {"cooldown_weeks": 1}).status_code
        == 403
    )
    assert call(emma, "post", f"/policy-versions/{draft['id']}/publish", {}).status_code == 403

    response = call(hr, "post", f"/policy-versions/{draft['id']}/publish", {"summary": "First."})
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert call(hr, "post", f"/policy-versions/{draft['id']}/publish", {}).status_code == 422

    # Everyone signed in reads published policies, and the one that applies to them.
    assert [p["id"] for p in call(emma, "get", "/policies").json()] == [pid]
    mine = call(emma, "get", "/policies/mine").json()
    assert mine["answers"]["internet_cost"] == "Own broadband; £20 a month."

    response = call(hr, "post", f"/policies/{pid}/drafts")
    assert response.status_code == 201 and response.json()["number"] == 2
    v2 = response.json()["id"]
    call(hr, "patch", f"/policy-versions/{v2}", {"answers": {"internet_cost": ""}})
    call(hr, "post", f"/policy-versions/{v2}/publish", {})
    changes = call(emma, "get", f"/policy-versions/{v2}/diff/{draft['id']}").json()
    assert [c["field"] for c in changes] == ["answer:internet_cost"]
    assert call(emma, "get", f"/policy-versions/{v2}").json()["excluded_roles"] == ["manager"]
    assert PolicyVersion.objects.get(pk=draft["id"]).status == "superseded"


def test_policies_mine_is_404_when_nothing_is_published(personas):
    response = call(personas.client(personas.emma), "get", "/policies/mine")
    assert response.status_code == 404


def test_an_unknown_office_is_422(personas):
    response = call(
        personas.client(personas.hannah), "post", "/policies", {"name": "X", "office_id": 999}
    )
    assert response.status_code == 422


def test_concern_threads_through_the_api(personas, proposal):
    emma, marcus = personas.client(personas.emma), personas.client(personas.marcus)
    data = call(marcus, "get", f"/proposals/{proposal.pk}/concerns").json()
    assert data["total"] == 24 and data["policy_version_id"] == proposal.policy_version_id
    by_key = {i["concern_key"]: i for i in data["items"]}
    assert by_key["internet_cost"]["state"] == ItemState.RESOLVED_BY_POLICY
    assert by_key["internet_cost"]["policy_answer"].startswith("Own broadband")

    response = call(
        marcus,
        "post",
        f"/proposals/{proposal.pk}/concerns",
        {"question": "Who covers Tuesdays?", "details": "The queue review."},
    )
    assert response.status_code == 201
    raised = response.json()
    assert raised["state"] == "awaiting_employee" and raised["concern_key"] is None
    assert (
        call(emma, "post", f"/proposals/{proposal.pk}/concerns", {"question": "x"}).status_code
        == 403
    )

    response = call(emma, "post", f"/concern-items/{raised['id']}/messages", {"body": "Pete does."})
    assert response.status_code == 201 and response.json()["author"] == "Emma"
    assert call(emma, "post", f"/concern-items/{raised['id']}/resolve", {}).status_code == 403
    response = call(marcus, "post", f"/concern-items/{raised['id']}/resolve", {"note": "OK"})
    assert response.json()["state"] == "resolved"
    response = call(emma, "post", f"/concern-items/{raised['id']}/messages", {"body": "Thanks"})
    assert response.status_code == 422 and "replies are closed" in str(response.json()["detail"])
    response = call(marcus, "post", f"/concern-items/{raised['id']}/reopen", {"reason": "Wait"})
    assert response.json()["state"] == "reopened"
    assert len(response.json()["messages"]) == 4


@pytest.mark.parametrize("who", ["oscar", "pete"])
def test_outsiders_get_404_from_the_concerns_api(personas, proposal, who):
    client = personas.client(getattr(personas, who))
    assert call(client, "get", f"/proposals/{proposal.pk}/concerns").status_code == 404
    item = proposal.concern_items.first()
    assert (
        call(client, "post", f"/concern-items/{item.pk}/messages", {"body": "x"}).status_code == 404
    )
    assert call(client, "get", f"/proposals/{proposal.pk}/safety-check").status_code == 404


def test_the_safety_check_through_the_api(personas, proposal):
    emma = personas.client(personas.emma)
    checklist = call(emma, "get", f"/proposals/{proposal.pk}/safety-check").json()
    assert checklist["required"] is False and len(checklist["items"]) == len(ITEMS) == 22
    assert sum(1 for i in checklist["items"] if i["part"] == "A") == 13
    answers = {i.key: "yes" for i in ITEMS}
    answers["screen_glare"] = "no"
    response = call(emma, "post", f"/proposals/{proposal.pk}/safety-check", {"answers": answers})
    assert response.status_code == 201
    assert response.json()["needing_action"] == [
        "The screen is free of glare and reflections from windows and lamps."
    ]
    assert proposal.concern_items.get(concern__key="ergonomics").state == ItemState.REOPENED
    response = call(emma, "post", f"/proposals/{proposal.pk}/safety-check", {"answers": {}})
    assert response.status_code == 422
    marcus = personas.client(personas.marcus)
    response = call(marcus, "post", f"/proposals/{proposal.pk}/safety-check", {"answers": answers})
    assert response.status_code == 403


def test_catalogue_requires_sign_in(client, db):
    assert client.get(f"{API}/concerns").status_code == 401
    assert Concern.objects.count() == 24


def test_the_openapi_schema_lists_the_policy_endpoints(personas):
    response = personas.client(personas.emma).get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/concerns",
        "/api/v1/policies",
        "/api/v1/policy-versions/{version_id}/publish",
        "/api/v1/proposals/{proposal_id}/concerns",
        "/api/v1/concern-items/{item_id}/resolve",
        "/api/v1/proposals/{proposal_id}/safety-check",
    ]:
        assert path in paths, path


def test_bad_input_through_the_api_is_refused_with_reasons_and_nothing_saved(personas, proposal):
    hr, emma = personas.client(personas.hannah), personas.client(personas.emma)
    draft = call(hr, "post", f"/policies/{proposal.policy_version.policy_id}/drafts").json()
    retired = Concern.objects.get(key="background_noise")
    call(hr, "post", f"/concerns/{retired.pk}/retire")
    response = call(
        hr,
        "patch",
        f"/policy-versions/{draft['id']}",
        {"recall_notice_hours": -3, "answers": {"background_noise": "Headsets."}},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "cannot be negative" in detail["recall_notice_hours"][0]
    assert "is retired" in detail["answer_background_noise"][0]
    version = PolicyVersion.objects.get(pk=draft["id"])
    assert version.recall_notice_hours == 24 and "background_noise" not in version.answers
    assert call(emma, "patch", f"/policy-versions/{draft['id']}", {}).status_code == 403
    # A thread on the retired concern takes no more answers.
    noise = proposal.concern_items.get(concern=retired)
    response = call(emma, "post", f"/concern-items/{noise.pk}/messages", {"body": "Headset."})
    assert response.status_code == 422 and "retired" in str(response.json()["detail"])
    assert not noise.messages.exists()
    # Too long for the columns: 422, not a database error.
    response = call(hr, "post", "/concerns", {"question": "Q?", "category": "C" * 41})
    assert response.status_code == 422
    assert call(hr, "post", "/policies", {"name": "P" * 101}).status_code == 422


def test_approval_through_the_api_waits_for_blocking_concerns(personas, proposal):
    """The decisions API's approve calls the same gate: 422 naming what is open, then 201."""
    marcus, hr = personas.client(personas.marcus), personas.client(personas.hannah)
    raised = call(
        marcus, "post", f"/proposals/{proposal.pk}/concerns", {"question": "Who covers?"}
    ).json()
    response = call(marcus, "post", f"/proposals/{proposal.pk}/decision", {"outcome": "approve"})
    assert response.status_code == 422
    assert (
        "Open blocking concern: Who covers? (Awaiting the employee)." in response.json()["detail"]
    )
    assert not proposal.decisions.exists()
    items = call(marcus, "get", f"/proposals/{proposal.pk}/concerns").json()["items"]
    for i in items:
        if i["open"] and i["blocking"]:
            who = hr if i["state"] in ("awaiting_hr", "awaiting_it") else marcus
            assert call(who, "post", f"/concern-items/{i['id']}/resolve", {}).status_code == 200
    assert raised["id"] in [i["id"] for i in items]
    response = call(marcus, "post", f"/proposals/{proposal.pk}/decision", {"outcome": "approve"})
    assert response.status_code == 201, response.json()
