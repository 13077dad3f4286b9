"""The policy API: the same actions and access rules as the pages, as JSON."""

from __future__ import annotations

import json

import pytest

from homeward.concerns.models import ItemState
from homeward.policy.models import Concern, PolicyVersion
from homeward.policy.safety import ITEMS

API = "/api/v1"


def call(client, method: str, path: str, data=None):  # type: ignore[no-untyped-def]
    fn = getattr(client, method)
    if data is None:
        return fn(API + path)
    return fn(API + path, data=json.dumps(data), content_type="application/json")


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
