"""The calendar grid: people by days for a week or a month, from one resolver call."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from homeward.people.models import Person
from homeward.schedule.resolver import Location, week_of, where_range


@dataclass(frozen=True)
class Grid:
    start: date
    end: date
    days: list[date]
    rows: list[tuple[Person, list[Location]]]
    prev: date
    next: date


def span(view: str, anchor: date) -> tuple[date, date, date, date]:
    """(start, end, previous anchor, next anchor) of the week or month holding ``anchor``."""
    if view == "month":
        start = anchor.replace(day=1)
        end = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
        return start, end, start - timedelta(days=1), end + timedelta(days=1)
    start = week_of(anchor)
    return start, start + timedelta(days=6), start - timedelta(days=7), start + timedelta(days=7)


def grid(people: list[Person], view: str, anchor: date) -> Grid:
    start, end, prev, nxt = span(view, anchor)
    located = where_range(people, start, end)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    rows = [(p, [located[p.pk][d] for d in days]) for p in sorted(people, key=lambda p: p.name)]
    return Grid(start=start, end=end, days=days, rows=rows, prev=prev, next=nxt)
