"""The policy API: the same actions and access rules as the pages, as JSON."""

from __future__ import annotations

import json

from homeward.policy.models import Concern, PolicyVersion

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
