"""The one answer to "where does P work on day D, and why".

``where_range`` computes a range for many people in a fixed number of queries (people,
arrangements, one-off entries, planned days), whatever the number of people or days; the
pages, the API, coverage, the evidence and the feeds all read it. ``where`` is one day of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.people.models import Office, Person
from homeward.schedule.models import DayEntry, EntryKind, PlannedDay
from homeward.schedule.planner import Where

# The states in which an arrangement puts someone at home (a recalled one does not).
SCHEDULED = (ArrangementStatus.TRIAL, ArrangementStatus.EXTENDED, ArrangementStatus.STANDING)
MAX_DAYS = 366


# The locations are the week planner's (``Where``), and one more: a flexible
# arrangement's day that is not yet picked.
FLEXIBLE = "flexible"


@dataclass(frozen=True)
class Location:
    kind: str
    reason: str
    arrangement_id: int | None = None
    entry_id: int | None = None


def check_range(start: date, end: date) -> None:
    """Refuse a reversed range or one of more than a year (422 in the API)."""
    if end < start:
        raise ValidationError({"end": "The range ends before it starts."})
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError({"end": f"A range is at most {MAX_DAYS} days."})


@lru_cache(maxsize=64)
def _holidays(country: str, subdiv: str, year: int) -> dict[date, str]:
    try:
        table = holidays.country_holidays(country, subdiv=subdiv or None, years=year)
    except NotImplementedError:
        return {}
    return dict(table.items())


def holiday_name(office: Office | None, day: date) -> str | None:
    if office is None:
        return None
    return _holidays(office.holiday_country, office.holiday_subdiv, day.year).get(day)


def office_today(person: Person) -> date:
    """Today in the person's office (the office's local date)."""
    office = person.office if person.office_id else None
    zone = office.timezone if office is not None else None
    return timezone.localdate(timezone=ZoneInfo(zone) if zone else None)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def where_range(
    people: Iterable[Person], start: date, end: date
) -> dict[int, dict[date, Location]]:
    """Every person's location for every day from ``start`` to ``end`` (inclusive)."""
    check_range(start, end)
    people = list(people)
    ids = [p.pk for p in people]
    offices = {o.pk: o for o in Office.objects.filter(pk__in={p.office_id for p in people})}
    arrangements: dict[int, list[Arrangement]] = defaultdict(list)
    # An ended arrangement still places its own days (up to its end date) in the past; a
    # later start wins where two overlap (a new arrangement ends the old one anyway).
    ran = Q(status__in=SCHEDULED) | Q(status=ArrangementStatus.ENDED, end_date__isnull=False)
    for a in (
        Arrangement.objects.filter(ran, employee_id__in=ids, start_date__lte=end)
        .exclude(end_date__lt=start)
        .order_by("-start_date", "-pk")
    ):
        arrangements[a.employee_id].append(a)
    entries: dict[int, list[DayEntry]] = defaultdict(list)
    for e in DayEntry.objects.filter(person_id__in=ids, start_date__lte=end, end_date__gte=start):
        entries[e.person_id].append(e)
    # Planned days are read for whole weeks, so a week's count of picked days is right at
    # the range's edges.
    planned: dict[int, set[date]] = defaultdict(set)
    for pid, day in PlannedDay.objects.filter(
        person_id__in=ids, day__gte=week_of(start), day__lte=week_of(end) + timedelta(days=6)
    ).values_list("person_id", "day"):
        planned[pid].add(day)
    days = _days(start, end)
    return {
        p.pk: {
            d: _locate(
                p,
                d,
                offices.get(p.office_id or 0),
                arrangements[p.pk],
                entries[p.pk],
                planned[p.pk],
            )
            for d in days
        }
        for p in people
    }


def where(person: Person, day: date) -> Location:
    return where_range([person], day, day)[person.pk][day]


def _locate(
    person: Person,
    day: date,
    office: Office | None,
    arrangements: list[Arrangement],
    entries: list[DayEntry],
    planned: set[date],
) -> Location:
    if day.weekday() >= 5:
        return Location(Where.NOT_WORKING, "Weekend")
    if person.start_date and day < person.start_date:
        return Location(Where.NOT_WORKING, "Before the person started")
    holiday = holiday_name(office, day)
    if holiday:
        return Location(Where.HOLIDAY, f"Public holiday: {holiday}")
    # One-off entries override the arrangement; leave and business trips before swaps.
    on_day = [e for e in entries if e.start_date <= day <= e.end_date]
    for kind in (EntryKind.LEAVE, EntryKind.BUSINESS, EntryKind.HOME, EntryKind.OFFICE):
        for e in on_day:
            if e.kind == kind:
                return Location(_ENTRY_WHERE[kind], _entry_reason(e), entry_id=e.pk)
    arrangement = next(
        (
            a
            for a in arrangements
            if a.start_date <= day and (a.end_date is None or day <= a.end_date)
        ),
        None,
    )
    if arrangement is None:
        return Location(Where.OFFICE, "No arrangement")
    label = f"Arrangement #{arrangement.pk} ({arrangement.get_status_display().lower()})"
    if arrangement.pattern_kind == "weekdays":
        if day.weekday() in (arrangement.weekdays or []):
            return Location(Where.HOME, label, arrangement.pk)
        return Location(Where.OFFICE, "Office day of " + label, arrangement.pk)
    if arrangement.pattern_kind == "n_of_set":
        if day in planned:
            return Location(Where.HOME, f"Picked home day, {label}", arrangement.pk)
        allowed = arrangement.allowed_weekdays or []
        week = week_of(day)
        picked = sum(1 for d in planned if week_of(d) == week)
        if day.weekday() in allowed and picked < (arrangement.n_days or 0):
            return Location(FLEXIBLE, f"Flexible, not planned: {label}", arrangement.pk)
        return Location(Where.OFFICE, "Office day of " + label, arrangement.pk)
    return Location(Where.OFFICE, label, arrangement.pk)


_ENTRY_WHERE = {
    EntryKind.LEAVE: Where.LEAVE,
    EntryKind.BUSINESS: Where.AWAY,
    EntryKind.HOME: Where.HOME,
    EntryKind.OFFICE: Where.OFFICE,
}


def _entry_reason(entry: DayEntry) -> str:
    reason = entry.get_kind_display()
    return f"{reason}: {entry.note}" if entry.note else reason
