"""The schedule: where each person works each day, leave, swaps and picked flexible days.

The same resolver, actions and access helpers as the pages: 404 for a person one may not
see, 403 for a change one may not make (another person's swap; leave of someone outside
one's line), 422 with the reason for bad input (a range of more than a year, a swap across
weeks or onto a day that is not an office day, overlapping leave, a date before the person
started).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from homeward.schedule import actions
from homeward.schedule.access import (
    get_leave_of,
    get_office_for,
    get_own_days_of,
    get_schedule_of,
    get_team_for,
    sees_reasons,
)
from homeward.schedule.models import DayEntry
from homeward.schedule.resolver import check_range, office_today, where_range
from homeward.schedule.whois import WhoIsIn, office_people, team_people, who_is_in

router = Router(tags=["schedule"])


class Detail(Schema):
    detail: Any


ERRORS: dict[int, Any] = {403: Detail, 404: Detail, 422: Detail}


class DayOut(Schema):
    day: date
    kind: str
    reason: str | None
    arrangement_id: int | None


class ScheduleOut(Schema):
    person_id: int
    name: str
    days: list[DayOut]


class EntryOut(Schema):
    id: int
    person_id: int
    kind: str
    start_date: date
    end_date: date
    source: str
    note: str


class LeaveIn(Schema):
    start_date: date
    end_date: date
    kind: str = "leave"
    note: str = ""


class SwapIn(Schema):
    from_day: date
    to_day: date


class PickIn(Schema):
    week: date
    days: list[date]


@router.get("/people/{person_id}/schedule", response={200: ScheduleOut, **ERRORS})
def person_schedule(request: HttpRequest, person_id: int, start: date, end: date) -> Any:
    """Where the person works each day from ``start`` to ``end`` (at most 366 days); the
    reasons only for the person, their manager line and HR."""
    person = get_schedule_of(request.user, person_id)
    check_range(start, end)
    reasons = sees_reasons(request.user, person)
    days = where_range([person], start, end)[person.pk]
    return {
        "person_id": person.pk,
        "name": person.name,
        "days": [
            {
                "day": d,
                "kind": loc.kind,
                "reason": loc.reason if reasons else None,
                "arrangement_id": loc.arrangement_id if reasons else None,
            }
            for d, loc in days.items()
        ],
    }


@router.get("/people/{person_id}/leave", response={200: list[EntryOut], **ERRORS})
def list_leave(request: HttpRequest, person_id: int) -> Any:
    """The person's one-off entries (leave, business trips, swaps)."""
    person = get_leave_of(request.user, person_id)
    return DayEntry.objects.filter(person=person)


@router.post("/people/{person_id}/leave", response={201: EntryOut, **ERRORS})
def post_leave(request: HttpRequest, person_id: int, payload: LeaveIn) -> Any:
    """Enter leave or a business trip (``kind``: leave | business); 422 when it overlaps."""
    person = get_leave_of(request.user, person_id)
    entry = actions.add_leave(
        person=person,
        start_date=payload.start_date,
        end_date=payload.end_date,
        kind=payload.kind,
        note=payload.note,
        source="api",
        actor=request.user,
    )
    return Status(201, entry)


@router.post("/people/{person_id}/swaps", response={201: list[EntryOut], **ERRORS})
def post_swap(request: HttpRequest, person_id: int, payload: SwapIn) -> Any:
    """Move one's own home day to an office day of the same week; the manager is told."""
    person = get_own_days_of(request.user, person_id)
    made = actions.swap_day(
        person=person, from_day=payload.from_day, to_day=payload.to_day, actor=request.user
    )
    return Status(201, list(made))


@router.post("/people/{person_id}/picked-days", response={200: list[date], **ERRORS})
def post_picked_days(request: HttpRequest, person_id: int, payload: PickIn) -> Any:
    """Pick the home days of one's flexible arrangement for a coming week."""
    person = get_own_days_of(request.user, person_id)
    made = actions.pick_days(
        person=person,
        week=payload.week,
        days=payload.days,
        today=office_today(person),
        actor=request.user,
    )
    return [p.day for p in made]


class PersonRef(Schema):
    id: int
    name: str


class WhoIsInOut(Schema):
    day: date
    desks: int | None
    in_office: int
    over_capacity: bool
    groups: dict[str, list[PersonRef]]


def _who_out(board: WhoIsIn) -> dict[str, Any]:
    return {
        "day": board.day,
        "desks": board.desks,
        "in_office": board.in_office,
        "over_capacity": board.over_capacity,
        "groups": {k: [{"id": p.pk, "name": p.name} for p in v] for k, v in board.groups.items()},
    }


@router.get("/offices/{office_id}/who-is-in", response={200: WhoIsInOut, **ERRORS})
def office_who_is_in(request: HttpRequest, office_id: int, day: date) -> Any:
    """Everyone of the office on ``day``, grouped by where they are, with the desk count."""
    office = get_office_for(request.user, office_id)
    return _who_out(who_is_in(office_people(office), day, desks=office.desk_capacity))


@router.get("/teams/{team_id}/who-is-in", response={200: WhoIsInOut, **ERRORS})
def team_who_is_in(request: HttpRequest, team_id: int, day: date) -> Any:
    """Everyone of the team on ``day``, grouped by where they are."""
    team = get_team_for(request.user, team_id)
    return _who_out(who_is_in(team_people(team), day, desks=None))
