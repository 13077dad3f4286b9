from __future__ import annotations

from homeward.proposals.models import Proposal, Status
from tests.today import today


def post(client, path: str, data: dict):
    return client.post(f"/api/v1{path}", data, content_type="application/json")


def test_rules_of_a_gb_proposal(personas, proposal):
    r = personas.client(personas.marcus).get(f"/api/v1/proposals/{proposal.pk}/rules")
    assert r.status_code == 200
    data = r.json()
    assert data["jurisdiction"] == "GB" and data["consultation_required"] is True
    assert data["decision_due"] == proposal.decision_due.isoformat()
    assert len(data["allowed_grounds"]) == 8 and data["free_text_reasons"] is False
    assert data["extension_by_agreement_only"] is True and data["consultation_held"] is False


def test_proposal_detail_carries_status_and_dates(personas, proposal):
    data = personas.client(personas.marcus).get(f"/api/v1/proposals/{proposal.pk}").json()
    assert data["status"] == "in_review" and data["jurisdiction"] == "GB"
    assert data["received_on"] == proposal.received_on.isoformat()
    assert data["decision_due"] == proposal.decision_due.isoformat()


def test_decline_over_the_api(personas, proposal):
    marcus = personas.client(personas.marcus)
    body = {"outcome": "decline", "grounds": ["quality"], "explanation": "Not yet."}
    r = post(marcus, f"/proposals/{proposal.pk}/decision", body)
    assert r.status_code == 422 and "meeting" in r.json()["detail"]
    r = post(
        marcus,
        f"/proposals/{proposal.pk}/meetings",
        {"held_on": today().isoformat(), "notes": "Talked it through."},
    )
    assert r.status_code == 201
    r = post(marcus, f"/proposals/{proposal.pk}/decision", {**body, "grounds": ["nope"]})
    assert r.status_code == 422 and "grounds" in r.json()["detail"]
    r = post(marcus, f"/proposals/{proposal.pk}/decision", body)
    assert r.status_code == 201
    assert r.json()["ground_labels"] == ["Detrimental impact on quality"]
    assert r.json()["proposal_status"] == "declined"
    r = post(marcus, f"/proposals/{proposal.pk}/decision", body)
    assert r.status_code == 409


def test_appeal_over_the_api(personas, proposal):
    marcus = personas.client(personas.marcus)
    post(
        marcus,
        f"/proposals/{proposal.pk}/meetings",
        {"held_on": today().isoformat(), "notes": "Talked."},
    )
    post(
        marcus,
        f"/proposals/{proposal.pk}/decision",
        {"outcome": "decline", "grounds": ["quality"], "explanation": "No."},
    )
    emma = personas.client(personas.emma)
    r = post(emma, f"/proposals/{proposal.pk}/appeal", {"reason": "Please reconsider."})
    assert r.status_code == 201
    appeal = r.json()
    assert appeal["assigned_to_id"] == personas.diana.pk
    diana = personas.client(personas.diana)
    assert [a["id"] for a in diana.get("/api/v1/appeals").json()] == [appeal["id"]]
    r = post(
        marcus,
        f"/appeals/{appeal['id']}/decision",
        {"outcome": "upheld", "explanation": "Mine."},
    )
    assert r.status_code == 403
    r = post(
        diana,
        f"/appeals/{appeal['id']}/decision",
        {"outcome": "overturned", "explanation": "Try it."},
    )
    assert r.status_code == 200 and r.json()["proposal_status"] == "overturned"


def test_counter_and_answer_over_the_api(personas, make_proposal):
    p = make_proposal(weekdays=(0, 4))
    r = post(
        personas.client(personas.marcus),
        f"/proposals/{p.pk}/decision",
        {"outcome": "counter", "counter": {"weekdays": [2]}, "explanation": "One day."},
    )
    assert r.status_code == 201 and r.json()["counter"]["text"] == "every Wednesday"
    r = post(
        personas.client(personas.emma), f"/proposals/{p.pk}/counter-response", {"accept": False}
    )
    assert r.status_code == 200 and r.json()["counter_response"] == "declined"
    assert Proposal.objects.get(pk=p.pk).status == Status.IN_REVIEW


def test_outsiders_and_the_employee(personas, proposal):
    oscar = personas.client(personas.oscar)
    assert oscar.get(f"/api/v1/proposals/{proposal.pk}/rules").status_code == 404
    r = post(oscar, f"/proposals/{proposal.pk}/decision", {"outcome": "approve"})
    assert r.status_code == 404
    r = post(
        personas.client(personas.emma), f"/proposals/{proposal.pk}/decision", {"outcome": "approve"}
    )
    assert r.status_code == 403 and "own request" in r.json()["detail"]


def test_extension_over_the_api(personas, make_proposal):
    p = make_proposal(jurisdiction="IE")
    r = post(personas.client(personas.marcus), f"/proposals/{p.pk}/extensions", {"days": 28})
    assert r.status_code == 201 and r.json()["state"] == "in_force"
    r = post(personas.client(personas.marcus), f"/proposals/{p.pk}/extensions", {"days": 7})
    assert r.status_code == 422


def test_decision_endpoints_are_in_the_schema(personas):
    paths = personas.client(personas.marcus).get("/api/v1/openapi.json").json()["paths"]
    for path in ("decision", "rules", "meetings", "appeal", "counter-response", "hr-approval"):
        assert f"/api/v1/proposals/{{proposal_id}}/{path}" in paths, path
