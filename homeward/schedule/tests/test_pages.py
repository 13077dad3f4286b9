from __future__ import annotations

from datetime import timedelta

import pytest

from homeward.schedule.models import DayEntry

from .helpers import FRI, MON, THU, WED, arrange

pytestmark = pytest.mark.django_db


def test_the_week_page_shows_each_day_with_a_letter(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    page = personas.client(personas.emma).get(f"/schedule/people/{personas.emma.pk}/?week={WED}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "week of 11 March 2030" in text and "where-home" in text and "Swap a home day" in text
    assert (
        personas.client(personas.oscar).get(f"/schedule/people/{personas.emma.pk}/").status_code
        == 404
    )
    assert personas.client(personas.emma).get("/schedule/").status_code == 302


def test_a_refused_swap_is_reshown_with_the_reason_and_nothing_saved(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    url = f"/schedule/people/{personas.emma.pk}/swap/"
    emma = personas.client(personas.emma)
    bad = emma.post(url, {"from_day": WED, "to_day": WED + timedelta(days=6)})
    assert bad.status_code == 422 and "same week" in bad.content.decode()
    assert not DayEntry.objects.exists()
    assert (
        personas.client(personas.marcus).post(url, {"from_day": WED, "to_day": THU}).status_code
        == 403
    )
    ok = emma.post(url, {"from_day": WED, "to_day": FRI})
    assert ok.status_code == 302
    assert "where-home" in emma.get(ok["Location"]).content.decode()
    assert DayEntry.objects.filter(source="swap").count() == 2


def test_leave_on_the_page_and_overlap_reshown(personas):
    url = f"/schedule/people/{personas.emma.pk}/leave/"
    marcus = personas.client(personas.marcus)
    assert (
        marcus.post(url, {"start_date": MON, "end_date": WED, "kind": "leave"}).status_code == 302
    )
    again = marcus.post(url, {"start_date": WED, "end_date": FRI, "kind": "leave"})
    assert again.status_code == 422 and "overlaps" in again.content.decode()
    assert (
        personas.client(personas.pete)
        .post(url, {"start_date": THU, "end_date": THU, "kind": "leave"})
        .status_code
        == 403
    )
    assert DayEntry.objects.count() == 1
