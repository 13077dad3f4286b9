"""What kind of day a result was measured on: home, office, leave or a public holiday.

:func:`classify_day` is the rule (pure, table-tested); :class:`DayClassifier` feeds it a
person's arrangements and their office's public holidays (the ``holidays`` package, for the
office's ``holiday_country`` and ``holiday_subdiv``).

The rule, first match wins:

1. A stated day type (leave, or a swapped home/office day, or a holiday worked) is kept.
2. A public holiday of the person's office is a holiday.
3. Under a fixed-weekday arrangement, its weekdays are home days.
4. Everything else is an office day: no arrangement, a flexible "N days from a set"
   pattern whose days were not stated (home days must be stated, since only the week's
   plan knows them), and shorter office days.

A suspended arrangement (a recall) keeps its pattern here: recalled days are stated as
office days by whoever enters the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from homeward.arrangements.models import Arrangement
from homeward.evidence.models import DayType
from homeward.people.models import Person

DAY_TYPES = tuple(t.value for t in DayType)
WORKING_WEEKDAYS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class PatternSpan:
    """An arrangement's pattern over the dates it ran (``end`` None: still running)."""

    start: date
    end: date | None
    kind: str
    weekdays: tuple[int, ...] = ()
    n_days: int = 0
    allowed_weekdays: tuple[int, ...] = ()

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def classify_day(
    day: date,
    *,
    stated: str | None = None,
    holiday: bool = False,
    span: PatternSpan | None = None,
) -> str:
    """The day type for a daily result; see the module docstring for the rule.

    Raises ValueError for a stated type that is not one of home, office, leave, holiday.
    """
    if stated:
        if stated not in DAY_TYPES:
            raise ValueError(f"day type {stated!r} is not one of {', '.join(DAY_TYPES)}")
        return stated
    if holiday:
        return DayType.HOLIDAY
    if span is not None and span.kind == "weekdays" and day.weekday() in span.weekdays:
        return DayType.HOME
    return DayType.OFFICE


def home_share(day_type: str) -> float | None:
    """The engine's treatment for a daily result: 1 home, 0 office, None (left out) otherwise."""
    return {DayType.HOME: 1.0, DayType.OFFICE: 0.0}.get(day_type)  # type: ignore[call-overload]


def week_share(types: Sequence[str]) -> float | None:
    """Share of home days among the week's home and office days; None if there were none."""
    worked = [t for t in types if t in (DayType.HOME, DayType.OFFICE)]
    if not worked:
        return None
    return sum(t == DayType.HOME for t in worked) / len(worked)


def week_type(share: float | None, types: Sequence[str]) -> str:
    """One label for a weekly result: holiday/leave when nothing was worked, else home when
    at least half the worked days were at home, else office. The share is what counts."""
    if share is None:
        return DayType.HOLIDAY if DayType.HOLIDAY in types else DayType.LEAVE
    return DayType.HOME if share >= 0.5 else DayType.OFFICE


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class DayClassifier:
    """Classifies one person's days from their arrangements and their office's holidays."""

    def __init__(self, person: Person, arrangements: Sequence[Arrangement] | None = None) -> None:
        self.person = person
        if arrangements is None:
            arrangements = list(Arrangement.objects.filter(employee=person).order_by("start_date"))
        # Later starts win where two overlap (a new arrangement ends the old one anyway).
        self.spans = sorted(
            (
                PatternSpan(
                    start=a.start_date,
                    end=a.end_date,
                    kind=a.pattern_kind,
                    weekdays=tuple(a.weekdays or ()),
                    n_days=a.n_days or 0,
                    allowed_weekdays=tuple(a.allowed_weekdays or ()),
                )
                for a in arrangements
            ),
            key=lambda s: s.start,
            reverse=True,
        )
        self._holidays = _holiday_table(person)

    def span_on(self, day: date) -> PatternSpan | None:
        return next((s for s in self.spans if s.covers(day)), None)

    def is_holiday(self, day: date) -> bool:
        return self._holidays is not None and day in self._holidays

    def holiday_name(self, day: date) -> str | None:
        return None if self._holidays is None else self._holidays.get(day)

    def day(self, day: date, stated: str | None = None) -> tuple[str, float | None]:
        """(day type, home share) of a daily result."""
        kind = classify_day(
            day, stated=stated, holiday=self.is_holiday(day), span=self.span_on(day)
        )
        return kind, home_share(kind)

    def week(self, monday: date, stated: str | None = None) -> tuple[str, float | None]:
        """(day type, home share) of a weekly result for the week starting ``monday``.

        A stated type applies to the whole week (e.g. a week of leave).
        """
        if stated:
            kind = classify_day(monday, stated=stated)
            return kind, home_share(kind)
        types = [self.day(monday + timedelta(days=i))[0] for i in WORKING_WEEKDAYS]
        share = week_share(types)
        return week_type(share, types), share


def _holiday_table(person: Person) -> holidays.HolidayBase | None:
    office = person.office
    if office is None or not office.holiday_country:
        return None
    try:
        return holidays.country_holidays(
            office.holiday_country, subdiv=office.holiday_subdiv or None
        )
    except NotImplementedError:
        return None
