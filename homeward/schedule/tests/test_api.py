from __future__ import annotations

from datetime import timedelta

import pytest

from homeward.schedule.models import DayEntry

from .helpers import FRI, MON, THU, WED, arrange

pytestmark = pytest.mark.django_db


def _json(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_schedule_for_a_range_with_reasons_only_for_the_line(personas):
    a = arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    url = f"/api/v1/people/{personas.emma.pk}/schedule?start={MON}&end={FRI}"
    mine = personas.client(personas.emma).get(url).json()
    wed = next(d for d in mine["days"] if d["day"] == WED.isoformat())
    assert wed["kind"] == "home" and wed["arrangement_id"] == a.pk and wed["reason"]
    mate = personas.client(personas.pete).get(url).json()  # same team: where, not why
    wed = next(d for d in mate["days"] if d["day"] == WED.isoformat())
    assert wed["kind"] == "home" and wed["reason"] is None and wed["arrangement_id"] is None
    assert personas.client(personas.oscar).get(url).status_code == 404  # another team
    too_long = f"/api/v1/people/{personas.emma.pk}/schedule?start={MON}&end={MON + timedelta(400)}"
    got = personas.client(personas.emma).get(too_long)
    assert got.status_code == 422 and "366" in str(got.json()["detail"])


def test_leave_through_the_api_and_overlaps_refused(personas):
    url = f"/api/v1/people/{personas.emma.pk}/leave"
    manager = personas.client(personas.marcus)
    made = _json(manager, url, {"start_date": str(MON), "end_date": str(WED)})
    assert made.status_code == 201 and made.json()["source"] == "api"
    again = _json(manager, url, {"start_date": str(WED), "end_date": str(FRI)})
    assert again.status_code == 422 and "overlaps" in str(again.json()["detail"])
    assert (
        _json(
            personas.client(personas.pete), url, {"start_date": str(THU), "end_date": str(THU)}
        ).status_code
        == 403
    )
    assert [e["start_date"] for e in personas.client(personas.emma).get(url).json()] == [str(MON)]
    assert DayEntry.objects.count() == 1


def test_swaps_are_ones_own(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    url = f"/api/v1/people/{personas.emma.pk}/swaps"
    body = {"from_day": str(WED), "to_day": str(THU)}
    assert _json(personas.client(personas.marcus), url, body).status_code == 403
    across = _json(
        personas.client(personas.emma),
        url,
        {"from_day": str(WED), "to_day": str(WED + timedelta(6))},
    )
    assert across.status_code == 422 and "same week" in str(across.json()["detail"])
    made = _json(personas.client(personas.emma), url, body)
    assert made.status_code == 201
    assert sorted(e["kind"] for e in made.json()) == ["home", "office"]
