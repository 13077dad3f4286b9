from __future__ import annotations

from datetime import timedelta

from homeward.demo import build_demo
from homeward.people.models import Person
from homeward.schedule.models import DayEntry, EntryKind
from homeward.schedule.resolver import where_range
from tests.today import today


def test_the_demo_has_leave_and_swaps_the_schedule_shows(db):
    build_demo(people=120, seed=7)
    leave = DayEntry.objects.filter(kind=EntryKind.LEAVE).select_related("person").first()
    assert leave is not None
    days = where_range([leave.person], leave.start_date, leave.start_date)[leave.person_id]
    assert days[leave.start_date].kind in ("leave", "holiday", "not_working")
    assert DayEntry.objects.filter(source="swap").exists()
    people = list(Person.objects.filter(active=True))
    monday = today() - timedelta(days=today().weekday())
    kinds = {
        loc.kind
        for d in where_range(people, monday, monday + timedelta(days=13)).values()
        for loc in d.values()
    }
    assert {"home", "office", "leave"} <= kinds
