from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.accounts.actions import create_token
from homeward.audit.models import AuditEvent
from homeward.people.actions import update_office
from homeward.people.models import Office


def test_hr_changes_an_office_and_it_is_audited(personas):
    update_office(
        actor=personas.hannah.user,
        office=personas.london,
        values={"desk_capacity": 35, "holiday_subdiv": "sct", "timezone": "Europe/London"},
    )
    office = Office.objects.get(pk=personas.london.pk)
    assert (office.desk_capacity, office.holiday_subdiv) == (35, "SCT")
    event = AuditEvent.objects.for_object(office).get(action="office.updated")
    assert event.before["desk_capacity"] == 20 and event.after["desk_capacity"] == 35


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"holiday_country": "XX"}, "holiday_country"),
        ({"holiday_country": "GB", "holiday_subdiv": "ZZZ"}, "holiday_country"),
        ({"desk_capacity": -1}, "desk_capacity"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_office_settings_are_refused_and_nothing_changes(personas, values, field):
    with pytest.raises(ValidationError) as err:
        update_office(actor=personas.hannah.user, office=personas.london, values=values)
    assert field in err.value.message_dict
    office = Office.objects.get(pk=personas.london.pk)
    assert (office.timezone, office.holiday_country, office.desk_capacity) == (
        "Europe/London",
        "GB",
        20,
    )
    assert not AuditEvent.objects.filter(action="office.updated").exists()


@pytest.mark.parametrize("who", ["emma", "marcus", "diana"])
def test_only_hr_and_admins_change_offices(personas, who):
    with pytest.raises(PermissionDenied):
        update_office(actor=getattr(personas, who).user, office=personas.london, values={})
    update_office(actor=personas.root, office=personas.london, values={"desk_capacity": 21})


def test_office_pages(personas):
    emma, hr = personas.client(personas.emma), personas.client(personas.hannah)
    listing = emma.get("/people/offices/")
    assert listing.status_code == 200 and b"London" in listing.content
    url = f"/people/offices/{personas.london.pk}/"
    assert emma.get(url).status_code == 403
    assert emma.post(url, {}).status_code == 403
    assert hr.get(url).status_code == 200
    form = {
        "name": "London",
        "desk_capacity": 25,
        "timezone": "Europe/London",
        "holiday_country": "GB",
        "holiday_subdiv": "XYZ",
    }
    bad = hr.post(url, form)
    assert bad.status_code == 400 and b"No public-holiday calendar" in bad.content
    assert Office.objects.get(pk=personas.london.pk).desk_capacity == 20
    assert hr.post(url, {**form, "holiday_subdiv": "ENG"}).status_code == 302
    assert Office.objects.get(pk=personas.london.pk).desk_capacity == 25
    assert hr.get("/people/offices/999999/").status_code == 404


def test_office_api(personas):
    _, raw = create_token(user=personas.hannah.user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    c = personas.client(None)
    [office] = c.get("/api/v1/offices", **auth).json()
    assert office["name"] == "London" and office["people"] == 7
    url = f"/api/v1/offices/{personas.london.pk}"
    bad = c.patch(
        url, json.dumps({"timezone": "Nowhere/Town"}), content_type="application/json", **auth
    )
    assert bad.status_code == 422 and "timezone" in bad.json()["detail"]
    ok = c.patch(url, json.dumps({"desk_capacity": 40}), content_type="application/json", **auth)
    assert ok.status_code == 200 and ok.json()["desk_capacity"] == 40
    _, emma_raw = create_token(user=personas.emma.user, name="t")
    refused = c.patch(
        url,
        json.dumps({"desk_capacity": 1}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {emma_raw}",
    )
    assert refused.status_code == 403
