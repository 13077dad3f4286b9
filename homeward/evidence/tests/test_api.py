"""The evidence API: results in (single, batch, idempotent), metrics, criteria, reviews,
the team view and the next step, with the same access rules as the pages."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client

from homeward.accounts.actions import create_token
from homeward.arrangements.actions import move_arrangement
from homeward.evidence.models import Metric, ResultEntry
from homeward.evidence.reports import BASELINE_WEEKS
from homeward.evidence.tests.conftest import fill, make_trial
from tests.today import today

MON = date(2025, 11, 3)


class Api:
    def __init__(self, person) -> None:
        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=person.user, name='t')[1]}"}

    def get(self, path: str):
        return self.client.get(f"/api/v1{path}", **self.auth)

    def send(self, method: str, path: str, body):
        return getattr(self.client, method)(
            f"/api/v1{path}", data=json.dumps(body), content_type="application/json", **self.auth
        )


@pytest.fixture
def api(personas):
    return lambda who: Api(getattr(personas, who))


def test_post_one_result(personas, tickets, api):
    response = api("emma").send(
        "post", "/results", {"metric": "Tickets resolved", "date": MON.isoformat(), "value": 21}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] == 1 and body["results"][0]["day_type"] == "office"
    assert ResultEntry.objects.get().source == "api"


def test_post_a_batch_is_idempotent(personas, tickets, api):
    batch = {
        "results": [
            {
                "person_id": personas.emma.pk,
                "metric_id": tickets.pk,
                "date": (MON + timedelta(days=i)).isoformat(),
                "value": 20 + i,
            }
            for i in range(5)
        ]
    }
    manager = api("marcus")
    assert manager.send("post", "/results", batch).json()["created"] == 5
    again = manager.send("post", "/results", batch).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)


def test_a_bad_batch_writes_nothing_and_names_each_item(personas, tickets, api):
    batch = {
        "results": [
            {"metric_id": tickets.pk, "date": MON.isoformat(), "value": 20},
            {"metric": "Nope", "date": MON.isoformat(), "value": 20},
            {
                "email": "oscar@example.test",
                "metric_id": tickets.pk,
                "date": MON.isoformat(),
                "value": 1,
            },
        ]
    }
    response = api("emma").send("post", "/results", batch)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(d.startswith("item 2: metric 'Nope'") for d in detail)
    assert any(d.startswith("item 3:") and "nobody you may enter results for" in d for d in detail)
    assert not ResultEntry.objects.exists()


def test_schema_errors_are_422(personas, tickets, api):
    response = api("emma").send(
        "post", "/results", {"metric_id": tickets.pk, "date": "soon", "value": 1}
    )
    assert response.status_code == 422


def test_outsiders_cannot_read_or_write_results(personas, tickets, api):
    fill(personas.emma, tickets, since=MON, until=MON + timedelta(days=4))
    assert api("marcus").get(f"/results?person_id={personas.emma.pk}").json()[0]["value"] > 0
    assert api("oscar").get(f"/results?person_id={personas.emma.pk}").status_code == 404
    response = api("oscar").send(
        "post",
        "/results",
        {
            "person_id": personas.emma.pk,
            "metric_id": tickets.pk,
            "date": MON.isoformat(),
            "value": 1,
        },
    )
    assert response.status_code == 422


def test_metrics_over_the_api(personas, api):
    created = api("marcus").send(
        "post", "/metrics", {"name": "Calls", "unit": "calls", "team_id": personas.support.pk}
    )
    assert created.status_code == 201
    metric_id = created.json()["id"]
    assert api("emma").get(f"/metrics/{metric_id}").status_code == 200
    assert api("oscar").get(f"/metrics/{metric_id}").status_code == 404
    assert (
        api("marcus")
        .send("post", "/metrics", {"name": "X", "unit": "x", "team_id": personas.sales.pk})
        .status_code
        == 403
    )
    patched = api("marcus").send("patch", f"/metrics/{metric_id}", {"unit": "calls answered"})
    assert patched.json()["unit"] == "calls answered"
    assert api("emma").send("patch", f"/metrics/{metric_id}", {"unit": "x"}).status_code == 404
    assert api("hannah").send("post", f"/metrics/{metric_id}/archive", {}).json()["archived"]
    assert Metric.objects.current().count() == 0


def test_criteria_and_review_over_the_api(personas, trial, tickets, api):
    fill(
        personas.emma, tickets, since=trial.start_date - timedelta(weeks=BASELINE_WEEKS), effect=3.0
    )
    body = {"criteria": [{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5}]}
    assert api("emma").send("put", f"/trials/{trial.pk}/criteria", body).status_code == 403
    assert api("oscar").send("put", f"/trials/{trial.pk}/criteria", body).status_code == 404
    saved = api("marcus").send("put", f"/trials/{trial.pk}/criteria", body)
    assert saved.status_code == 200 and saved.json()[0]["rule"] == "no_worse_than_pct"
    evidence = api("emma").get(f"/trials/{trial.pk}/evidence").json()
    assert evidence["overall"] == "pass" and evidence["findings"][0]["estimate"]["n_home"] > 0
    bad = api("marcus").send("post", f"/trials/{trial.pk}/review", {"decision": "extend"})
    assert bad.status_code == 422
    review = api("marcus").send("post", f"/trials/{trial.pk}/review", {"decision": "confirm"})
    assert review.status_code == 200 and review.json()["status"] == "standing"


def test_team_view_over_the_api(personas, trial, tickets, api):
    rows = api("marcus").get("/team/trials").json()
    assert [r["person"] for r in rows] == ["Emma"] and rows[0]["status"] == "trial"
    assert api("olivia").get("/team/trials").json() == []
    assert api("marcus").get(f"/team/trials?team_id={personas.sales.pk}").status_code == 404


def test_group_estimate_over_the_api(personas, tickets, api):
    for who, day in ((personas.emma, [2]), (personas.pete, [4]), (personas.marcus, [0])):
        t = make_trial(personas, who, weekdays=day)
        fill(
            who,
            tickets,
            since=t.start_date - timedelta(weeks=BASELINE_WEEKS),
            effect=2.0,
            seed=who.pk,
        )
    body = api("diana").get(f"/evidence/group?metric_id={tickets.pk}").json()
    assert body["estimate"]["n_units"] == 3 and len(body["people"]) == 4  # Diana has no results
    only_mine = api("emma").get(f"/evidence/group?metric_id={tickets.pk}").json()
    assert only_mine["people"] == [personas.emma.pk] and only_mine["estimate"] is None
    assert api("oscar").get(f"/evidence/group?metric_id={tickets.pk}").status_code == 404


def test_next_step_over_the_api(personas, tickets, api):
    start = today() - timedelta(weeks=28)
    trial = make_trial(personas, start=start, review=start + timedelta(weeks=12))
    fill(personas.emma, tickets, since=start - timedelta(weeks=BASELINE_WEEKS), effect=3.0)
    move_arrangement(
        arrangement_id=trial.pk,
        to="standing",
        actor=personas.marcus.user,
        on=today() - timedelta(weeks=16),
    )
    emma = api("emma")
    offer = emma.get("/well").json()
    assert offer["available"] and offer["suggested"]["weekdays"] == [2, 4]
    big = emma.send("post", "/well", {"weekdays": [0, 2, 4]})
    assert big.status_code == 422 and "big_step_ok" in big.json()["detail"]
    made = emma.send("post", "/well", {"weekdays": [2, 4]})
    assert made.status_code == 201 and "95% interval" in made.json()["precedent"]
    assert made.json()["previous_id"] == trial.proposal_id


@pytest.mark.parametrize("who", ["pete", "olivia", "oscar"])
def test_outsiders_get_404_on_a_trial_over_the_api(personas, trial, tickets, api, who):
    client = api(who)
    assert client.get(f"/trials/{trial.pk}/criteria").status_code == 404
    assert client.get(f"/trials/{trial.pk}/evidence").status_code == 404
    assert client.send("post", f"/trials/{trial.pk}/review", {"decision": "end"}).status_code == 404
    # Pete is measured by his team's metric too; the other team never sees it.
    assert client.get(f"/metrics/{tickets.pk}").status_code == (200 if who == "pete" else 404)
    trial.refresh_from_db()
    assert trial.status == "trial"
