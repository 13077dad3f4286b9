from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.models import AuditEvent
from homeward.notify.models import Notification
from homeward.schedule.actions import add_leave, pick_days, swap_day
from homeward.schedule.models import DayEntry, PlannedDay
from homeward.schedule.planner import Where
from homeward.schedule.resolver import FLEXIBLE, holiday_name, week_of, where, where_range
from tests.today import today

from .helpers import FRI, MON, THU, WED, arrange


def test_fixed_days_come_from_the_arrangement(personas):
    a = arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    assert where(personas.emma, WED).kind == Where.HOME
    assert where(personas.emma, WED).arrangement_id == a.pk
    assert where(personas.emma, THU).kind == Where.OFFICE
    assert where(personas.emma, MON + timedelta(5)).kind == Where.NOT_WORKING
    assert where(personas.pete, WED).kind == Where.OFFICE
    christmas = where(personas.emma, date(2030, 12, 25))
    assert christmas.kind == Where.HOLIDAY and "Christmas" in christmas.reason


def test_no_home_days_before_start_after_end_or_when_recalled(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2], start=WED + timedelta(7))
    arrange(
        personas.pete, pattern_kind="weekdays", weekdays=[2], status=ArrangementStatus.SUSPENDED
    )
    assert where(personas.emma, WED).kind == Where.OFFICE
    assert where(personas.emma, WED + timedelta(7)).kind == Where.HOME
    assert where(personas.pete, WED).kind == Where.OFFICE
    Arrangement.objects.filter(employee=personas.emma).update(end_date=WED + timedelta(8))
    assert where(personas.emma, WED + timedelta(14)).kind == Where.OFFICE
    assert where(personas.emma, date(2019, 12, 31)).kind == Where.NOT_WORKING  # before she started


def test_an_ended_arrangement_keeps_its_own_days(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2], status=ArrangementStatus.ENDED)
    assert where(personas.emma, WED).kind == Where.OFFICE  # ended, with no end date: none
    Arrangement.objects.filter(employee=personas.emma).update(end_date=WED)
    assert where(personas.emma, WED).kind == Where.HOME
    assert where(personas.emma, WED + timedelta(7)).kind == Where.OFFICE


def test_leave_overrides_and_overlapping_leave_is_refused(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    add_leave(person=personas.emma, start_date=MON, end_date=WED, actor=personas.emma.user)
    assert where(personas.emma, WED).kind == Where.LEAVE
    assert where(personas.emma, THU).kind == Where.OFFICE
    with pytest.raises(ValidationError, match="overlaps leave"):
        add_leave(person=personas.emma, start_date=WED, end_date=FRI, actor=personas.emma.user)
    assert DayEntry.objects.count() == 1
    assert AuditEvent.objects.filter(action="schedule.leave_added").count() == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (FRI, MON, "before the first"),
        (MON, MON + timedelta(400), "at most 366 days"),
        (date(2019, 12, 30), date(2020, 1, 10), "started on"),
    ],
)
def test_bad_leave_is_refused_and_nothing_saved(personas, start, end, message):
    with pytest.raises(ValidationError, match=message):
        add_leave(person=personas.emma, start_date=start, end_date=end, actor=None)
    assert not DayEntry.objects.exists() and not AuditEvent.objects.exists()


def test_a_swap_moves_a_home_day_within_the_week_and_tells_the_manager(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    swap_day(person=personas.emma, from_day=WED, to_day=FRI, actor=personas.emma.user)
    days = where_range([personas.emma], MON, FRI)[personas.emma.pk]
    assert days[WED].kind == Where.OFFICE and days[FRI].kind == Where.HOME
    assert Notification.objects.filter(recipient=personas.marcus, subject__contains="Emma").exists()
    assert AuditEvent.objects.filter(action="schedule.swapped").count() == 1


@pytest.mark.parametrize(
    ("from_day", "to_day", "message"),
    [
        (WED, WED + timedelta(6), "same week"),
        (THU, FRI, "not a home day"),
        (WED, WED, "two different days"),
    ],
)
def test_bad_swaps_are_refused(personas, from_day, to_day, message):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    with pytest.raises(ValidationError, match=message):
        swap_day(person=personas.emma, from_day=from_day, to_day=to_day, actor=None)
    assert not DayEntry.objects.exists() and not Notification.objects.exists()


def test_swap_onto_leave_is_refused(personas):
    arrange(personas.emma, pattern_kind="weekdays", weekdays=[2])
    add_leave(person=personas.emma, start_date=FRI, end_date=FRI, actor=None)
    with pytest.raises(ValidationError, match="not an office day"):
        swap_day(person=personas.emma, from_day=WED, to_day=FRI, actor=None)


def quiet_week(office):
    """The first week from a fortnight ahead with no public holiday, Monday to Friday."""
    week = week_of(today()) + timedelta(days=14)
    while any(holiday_name(office, week + timedelta(i)) for i in range(5)):
        week += timedelta(days=7)
    return week


def test_flexible_days_are_unplanned_until_picked(personas):
    arrange(
        personas.emma,
        start=date(2020, 1, 6),
        pattern_kind="n_of_set",
        n_days=2,
        allowed_weekdays=[0, 1, 2, 3],
    )
    week = quiet_week(personas.london)
    days = where_range([personas.emma], week, week + timedelta(4))[personas.emma.pk]
    assert [days[week + timedelta(i)].kind for i in (0, 3, 4)] == [FLEXIBLE, FLEXIBLE, Where.OFFICE]
    pick_days(
        person=personas.emma, week=week, days=[week, week + timedelta(2)], today=today(), actor=None
    )
    days = where_range([personas.emma], week, week + timedelta(4))[personas.emma.pk]
    kinds = [days[week + timedelta(i)].kind for i in range(5)]
    assert kinds == [Where.HOME, Where.OFFICE, Where.HOME, Where.OFFICE, Where.OFFICE]
    assert PlannedDay.objects.filter(person=personas.emma).count() == 2


@pytest.mark.parametrize(
    ("offsets", "message"),
    [([4], "only days the arrangement allows"), ([0, 1, 2], "at most 2"), ([0, 7], "that week")],
)
def test_bad_picks_are_refused(personas, offsets, message):
    arrange(
        personas.emma,
        start=date(2020, 1, 6),
        pattern_kind="n_of_set",
        n_days=2,
        allowed_weekdays=[0, 1, 2, 3],
    )
    week = week_of(today()) + timedelta(days=14)
    with pytest.raises(ValidationError, match=message):
        pick_days(
            person=personas.emma,
            week=week,
            days=[week + timedelta(i) for i in offsets],
            today=today(),
            actor=None,
        )
    assert not PlannedDay.objects.exists()


def test_a_past_week_cannot_be_picked(personas):
    arrange(
        personas.emma,
        start=date(2020, 1, 6),
        pattern_kind="n_of_set",
        n_days=2,
        allowed_weekdays=[0, 1, 2, 3],
    )
    with pytest.raises(ValidationError, match="coming week"):
        pick_days(person=personas.emma, week=week_of(today()), days=[], today=today(), actor=None)


def test_a_range_of_more_than_a_year_is_refused(personas):
    with pytest.raises(ValidationError, match="at most 366"):
        where_range([personas.emma], MON, MON + timedelta(days=366))


def test_the_query_count_does_not_grow_with_people_or_days(personas):
    for p in (personas.emma, personas.pete, personas.oscar):
        arrange(p, pattern_kind="weekdays", weekdays=[0])
    add_leave(person=personas.pete, start_date=MON, end_date=MON, actor=None)

    def count(people, days):
        with CaptureQueriesContext(connection) as ctx:
            where_range(people, MON, MON + timedelta(days=days))
        return len(ctx.captured_queries)

    few = count([personas.emma], 6)
    many = count([personas.emma, personas.pete, personas.oscar, personas.marcus], 90)
    assert few == many <= 4
