"""Counting periods: ``Span`` and the calendar-month arithmetic the statutes use.

``RuleError`` lives here because a period that cannot be counted is the first rule broken;
``base`` re-exports all of it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


class RuleError(ValueError):
    """Something the jurisdiction's rules do not allow; the message names the rule."""


def _overflow(day: date) -> RuleError:
    return RuleError(f"{day.isoformat()} is too far in the past or future to count from.")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (negative moves back).

    A day missing from the target month clamps to that month's last day:
    31 Jan + 1 month is 28 Feb (29 in a leap year); 31 Mar - 1 month likewise. This is the
    end of a period of months *after* ``day`` (Dodds v Walker [1981] 1 WLR 1027 HL: the
    corresponding date, or the month's last day where there is none), and, counting back,
    the latest day whose period after it still ends by ``day``. A period *beginning with*
    a day ends differently: see ``period_end``.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise _overflow(day)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def corresponding_date(day: date, months: int) -> date | None:
    """The date with ``day``'s number ``months`` calendar months on, or None where that
    month has no such day (31 Jan + 1 month; 29 Feb + 12 months)."""
    moved = add_months(day, months)
    return moved if moved.day == day.day else None


def period_end(start: date, span: Span) -> date:
    """The last day of a period of ``span`` *beginning with* ``start`` (``start`` is day one).

    Months: the day before the corresponding date ``span.months`` later; where that month
    has no corresponding date, that month's last day (Dodds v Walker [1981] 1 WLR 1027 HL;
    Zoan v Rouamba [2000] 1 WLR 1509 CA). So 11 Feb 2019 + 3 months ends 10 May 2019
    (Walsh v Network Rail, EAT 2021); 31 Jan 2025 + 1 month ends 28 Feb 2025 (not 27 Feb:
    clamping to the month end first and then taking a day off is one day early);
    29 Feb 2024 + 12 months ends 28 Feb 2025; 28 Feb 2025 + 1 month ends 27 Mar 2025.
    Weeks and days then run on: N weeks beginning with D end on D + 7N - 1 days.
    An empty span ends the day before ``start``. RuleError past the calendar's ends.
    """
    try:
        if span.months:
            same = corresponding_date(start, span.months)
            end = same - timedelta(days=1) if same else add_months(start, span.months)
        else:
            end = start - timedelta(days=1)
        return end + timedelta(weeks=span.weeks, days=span.days)
    except OverflowError:
        raise _overflow(start) from None


def first_day_after(start: date, span: Span) -> date:
    """The first day after the period of ``span`` beginning with ``start``: the day a
    qualifying period is complete, or an earlier request stops counting."""
    try:
        return period_end(start, span) + timedelta(days=1)
    except OverflowError:
        raise _overflow(start) from None


def reaches_age_on(birth: date, years: int) -> date:
    """The day someone born on ``birth`` reaches ``years`` years of age: the anniversary,
    and for a 29 February birth in a common year 1 March (the first day after the period
    of ``years`` years beginning with the birth, see ``period_end``)."""
    return first_day_after(birth, Span(months=12 * years))


@dataclass(frozen=True)
class Span:
    """A length of time: calendar months, then weeks and days.

    The packs use one unit per span, so the order only matters for hand-made mixes.
    """

    months: int = 0
    weeks: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if min(self.months, self.weeks, self.days) < 0:
            raise RuleError(f"A span cannot be negative: {self.months}, {self.weeks}, {self.days}.")

    def after(self, day: date) -> date:
        """The last day of this span counted *after* ``day`` (``day`` itself excluded):
        "within 4 weeks after receipt". Month ends clamp, see ``add_months``."""
        try:
            return add_months(day, self.months) + timedelta(weeks=self.weeks, days=self.days)
        except OverflowError:
            raise _overflow(day) from None

    def before(self, day: date) -> date:
        """The latest day this span before ``day`` ("at least 2 months before the start"):
        month ends clamp back, so 2 months before 30 April is 28 February, the latest day
        whose 2 months after it end by 30 April (see ``add_months``)."""
        try:
            return add_months(day, -self.months) - timedelta(weeks=self.weeks, days=self.days)
        except OverflowError:
            raise _overflow(day) from None

    def ends(self, start: date) -> date:
        """The last day of this span *beginning with* ``start`` (see ``period_end``)."""
        return period_end(start, self)

    def first_day_after(self, start: date) -> date:
        """The day after this span beginning with ``start`` ends (see ``period_end``)."""
        return first_day_after(start, self)

    def __str__(self) -> str:
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in ((self.months, "month"), (self.weeks, "week"), (self.days, "day"))
            if n
        ]
        return ", ".join(parts) or "no time"
