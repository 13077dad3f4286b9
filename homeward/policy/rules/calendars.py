"""Working-day calendars for deadlines: an office's region, or simple stand-ins for tests.

Deadlines are computed in the office's calendar: a due date that falls on a weekend or a
public holiday of the office's region moves back to the last working day before it, so
a decision made by the adjusted date is never late (see ``last_working_day``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

import holidays

from homeward.policy.rules.periods import RuleError

# A calendar without a single working day in a year is a configuration mistake.
_SEARCH_LIMIT_DAYS = 366


class WorkingCalendar(Protocol):
    """Anything that can say whether a date is a working day."""

    def is_working_day(self, day: date) -> bool: ...


@dataclass(frozen=True)
class OfficeCalendar:
    """Weekends and public holidays of one country (and region) from the holidays package."""

    country: str
    subdiv: str | None
    _holidays: holidays.HolidayBase = field(repr=False, compare=False)

    def is_working_day(self, day: date) -> bool:
        return bool(self._holidays.is_working_day(day))

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's name on ``day``, or None."""
        return self._holidays.get(day)


def office_calendar(country: str, subdiv: str | None = None) -> OfficeCalendar:
    """The calendar of an office in ``country`` (ISO code) and region ``subdiv``.

    England is ``("GB", "ENG")``, Scotland ``("GB", "SCT")``, Northern Ireland
    ``("GB", "NIR")``; an empty ``subdiv`` (as offices store "none") means the whole
    country. Holidays include substitute ("observed") days. An unknown country or region
    raises RuleError rather than silently using a calendar without holidays.
    """
    subdiv = subdiv or None
    try:
        table = holidays.country_holidays(country, subdiv=subdiv)
    except NotImplementedError as exc:
        raise RuleError(f"No public-holiday calendar for {country}/{subdiv}: {exc}") from None
    return OfficeCalendar(country=country, subdiv=subdiv, _holidays=table)


@dataclass(frozen=True)
class WeekdayCalendar:
    """Monday to Friday are working days, except the listed ``closed`` dates.

    For tests and for offices whose region has no holiday calendar.
    """

    closed: frozenset[date] = frozenset()

    @classmethod
    def closing(cls, days: Iterable[date]) -> WeekdayCalendar:
        return cls(closed=frozenset(days))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed


def last_working_day(day: date, calendar: WorkingCalendar) -> date:
    """``day`` itself if it is a working day, else the nearest working day before it.

    Moving back (never forward) keeps a decision on the adjusted date inside the legal
    period. Raises RuleError if no working day is found within a year.
    """
    for back in range(_SEARCH_LIMIT_DAYS):
        candidate = day - timedelta(days=back)
        if calendar.is_working_day(candidate):
            return candidate
    raise RuleError(f"The calendar has no working day in the year before {day.isoformat()}.")
