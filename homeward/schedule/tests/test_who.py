from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.accounts.models import User
from homeward.people.models import Person
from homeward.schedule.actions import add_leave
from homeward.schedule.whois import office_people, who_is_in

from .helpers import THU, WED, arrange

pytestmark = pytest.mark.django_db


def test_who_is_in_groups_the_office_by_where_with_the_desks(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    add_leave(person=personas.pete, start_date=WED, end_date=WED, actor=None)
    board = who_is_in(office_people(personas.london), WED, desks=personas.london.desk_capacity)
    assert personas.emma in board.groups["home"] and personas.pete in board.groups["leave"]
    everyone = Person.objects.filter(office=personas.london, active=True).count()
    assert board.in_office == everyone - 2 and board.desks == 20 and not board.over_capacity
    assert who_is_in(office_people(personas.london), WED, desks=1).over_capacity


def test_the_page_and_the_api_agree_and_the_query_count_stays_flat(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[3])
    client = personas.client(personas.oscar)
    page = client.get(f"/schedule/offices/{personas.london.pk}/?day={THU}")
    assert page.status_code == 200 and "of <strong>20</strong> desks" in page.content.decode()
    got = client.get(f"/api/v1/offices/{personas.london.pk}/who-is-in?day={THU}").json()
    assert [p["name"] for p in got["groups"]["home"]] == ["Emma"]
    team = client.get(f"/api/v1/teams/{personas.support.pk}/who-is-in?day={THU}").json()
    assert team["desks"] is None and [p["name"] for p in team["groups"]["home"]] == ["Emma"]
    assert client.get(f"/api/v1/offices/999999/who-is-in?day={THU}").status_code == 404
    with CaptureQueriesContext(connection) as few:
        who_is_in(office_people(personas.london), THU, desks=20)
    for i in range(30):
        user = User.objects.create_user(f"p{i}@example.test", "x")
        p = Person.objects.create(
            user=user, name=f"P{i}", office=personas.london, manager=personas.marcus
        )
        if i % 2:
            arrange(p, pattern_kind="weekdays", weekdays=[i % 5])
    with CaptureQueriesContext(connection) as many:
        who_is_in(office_people(personas.london), THU, desks=20)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_the_team_calendar_shows_people_by_days_and_htmx_gets_the_grid(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    client = personas.client(personas.pete)
    url = f"/schedule/teams/{personas.support.pk}/calendar/"
    week = client.get(f"{url}?from={WED}").content.decode()
    assert "Week of 11 March 2030" in week and week.count('<td class="where where-home"') == 1
    assert '<span class="letter">H</span> Home' in week  # the legend
    month = client.get(f"{url}?view=month&from={WED}").content.decode()
    assert "March 2030" in month and month.count('<td class="where where-home"') == 4
    fragment = client.get(f"{url}?from={WED}", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "grid-scroll" in fragment
    assert personas.client(personas.emma).get("/schedule/teams/999999/calendar/").status_code == 404
