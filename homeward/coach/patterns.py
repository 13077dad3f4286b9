"""Home-working patterns: which days, how to describe them, and how big a first ask is.

Pure module: no Django import. Weekdays are integers, 0 = Monday ... 6 = Sunday
(as `datetime.date.weekday()`).

Three kinds of pattern:

- "weekdays": fixed home days, e.g. every Wednesday.
- "n_of_set": N home days a week, chosen each week from an allowed set of weekdays
  (the schedule optimiser picks the concrete days).
- "short_office_days": no home days; office days are shortened by some hours (the
  rest is worked from home). `weekdays` optionally names which office days are
  shortened; empty means every office day.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("weekdays", "n_of_set", "short_office_days")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORKING_WEEKDAYS = (0, 1, 2, 3, 4)
DEFAULT_TRIAL_WEEKS = 12
DEFAULT_REDUCED_HOURS = 2.0

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven")


@dataclass(frozen=True)
class Pattern:
    """A proposed home-working pattern; which fields matter depends on `kind`."""

    kind: str
    weekdays: tuple[int, ...] = ()
    n_days: int = 0
    allowed_weekdays: tuple[int, ...] = ()
    reduced_hours_per_day: float = 0.0


@dataclass(frozen=True)
class FirstStep:
    """A suggested first request: the pattern, the trial length, and why."""

    pattern: Pattern
    trial_weeks: int
    reason: str


def home_days_per_week(pattern: Pattern) -> float:
    """Full days worked from home in a week: the days on which no commute happens.

    Shorter office days count as 0: the person still travels in and out every day,
    so no journey is saved (leaving earlier may dodge the rush hour, but that saving
    depends on the route and is not claimed). Duplicated weekdays count once.
    """
    if pattern.kind == "weekdays":
        return float(len(set(pattern.weekdays)))
    if pattern.kind == "n_of_set":
        return float(max(pattern.n_days, 0))
    if pattern.kind == "short_office_days":
        return 0.0
    raise ValueError(f"unknown pattern kind: {pattern.kind!r}")


def validate_pattern(
    pattern: Pattern,
    *,
    max_days_per_week: int,
    working_weekdays: tuple[int, ...] = WORKING_WEEKDAYS,
    hours_per_day: float = 8.0,
) -> dict[str, str]:
    """Field errors for the pattern, empty if it is valid.

    One message per field, the most basic problem first: no days; an unknown
    weekday; a weekday chosen twice; more days than the working week has; a day
    that is not a working day; more home days than the policy's `max_days_per_week`;
    for "n_of_set", N larger than the allowed set; for "short_office_days", a
    reduction that is not more than 0 and less than `hours_per_day`.
    """
    if pattern.kind == "weekdays":
        return _weekday_errors(
            "weekdays", pattern.weekdays, working_weekdays, max_days_per_week, required=True
        )
    if pattern.kind == "n_of_set":
        return _n_of_set_errors(pattern, working_weekdays, max_days_per_week)
    if pattern.kind == "short_office_days":
        return _short_day_errors(pattern, working_weekdays, hours_per_day)
    return {"kind": "Choose fixed weekdays, a number of days from a set, or shorter office days."}


def _weekday_errors(
    field: str,
    days: tuple[int, ...],
    working: tuple[int, ...],
    max_days: int | None,
    *,
    required: bool,
) -> dict[str, str]:
    message = _weekday_message(days, working, max_days, required=required)
    return {field: message} if message else {}


def _weekday_message(
    days: tuple[int, ...], working: tuple[int, ...], max_days: int | None, *, required: bool
) -> str | None:
    if not days:
        return "Choose at least one weekday." if required else None
    if any(day not in range(7) for day in days):
        return "Unknown weekday."
    if len(set(days)) != len(days):
        return "Each weekday can be chosen only once."
    if len(days) > len(working):
        return f"You chose {len(days)} days, but the working week has {len(working)}."
    off = [WEEKDAY_NAMES[day] for day in days if day not in working]
    if off:
        return f"{_join(off, 'and')} {'is' if len(off) == 1 else 'are'} not a working day."
    if max_days is not None and len(days) > max_days:
        return _policy_message(max_days)
    return None


def _policy_message(max_days: int) -> str:
    return f"The policy allows at most {_days(max_days)} at home a week."


def _n_of_set_errors(pattern: Pattern, working: tuple[int, ...], max_days: int) -> dict[str, str]:
    errors = _weekday_errors(
        "allowed_weekdays", pattern.allowed_weekdays, working, None, required=True
    )
    n = pattern.n_days
    if n < 1:
        errors["n_days"] = "Choose at least one day."
    elif n > len(working):
        errors["n_days"] = f"You chose {n} days, but the working week has {len(working)}."
    elif "allowed_weekdays" not in errors and n > len(pattern.allowed_weekdays):
        errors["n_days"] = (
            f"You cannot choose {n} days from a set of {len(pattern.allowed_weekdays)}."
        )
    elif n > max_days:
        errors["n_days"] = _policy_message(max_days)
    return errors


def _short_day_errors(
    pattern: Pattern, working: tuple[int, ...], hours_per_day: float
) -> dict[str, str]:
    errors = _weekday_errors("weekdays", pattern.weekdays, working, None, required=False)
    hours = pattern.reduced_hours_per_day
    if not hours > 0:
        errors["reduced_hours_per_day"] = "Shorten the office day by more than 0 hours."
    elif hours >= hours_per_day:
        errors["reduced_hours_per_day"] = (
            f"A working day has {_hours(hours_per_day)}; ask for a home day instead."
        )
    return errors


def describe(pattern: Pattern) -> str:
    """The pattern in words, to follow "working from home" in a sentence.

    "every Wednesday", "every Monday and Friday", "two days a week chosen from Monday
    to Thursday", "one day a week chosen from Monday, Wednesday or Friday",
    "for 2 hours of every office day", "for 1.5 hours of each Monday and Friday"
    (shorter office days: the hours are worked from home, so "working from home for 2
    hours of every office day" reads as a sentence, in a letter's subject too).
    Weekdays are listed Monday first whatever their input order.
    Meant for valid patterns; an invalid one still gets a best-effort description.
    Raises ValueError for an unknown kind.
    """
    if pattern.kind == "weekdays":
        return "every " + _join(_names(pattern.weekdays), "and")
    if pattern.kind == "n_of_set":
        days = f"{_number(pattern.n_days)} day{'' if pattern.n_days == 1 else 's'}"
        return f"{days} a week chosen from {_describe_set(pattern.allowed_weekdays)}"
    if pattern.kind == "short_office_days":
        hours = _hours(pattern.reduced_hours_per_day)
        if pattern.weekdays:
            return f"for {hours} of each {_join(_names(pattern.weekdays), 'and')}"
        return f"for {hours} of every office day"
    raise ValueError(f"unknown pattern kind: {pattern.kind!r}")


def suggest_first_step(
    *,
    allowed_weekdays: tuple[int, ...] = WORKING_WEEKDAYS,
    preferred_weekday: int | None = None,
    full_day_possible: bool = True,
    reduced_hours: float = DEFAULT_REDUCED_HOURS,
    trial_weeks: int = DEFAULT_TRIAL_WEEKS,
) -> FirstStep:
    """The suggested first request: one home day a week as a trial.

    With a `preferred_weekday` inside `allowed_weekdays` the day is fixed ("every
    Wednesday"); otherwise one day a week is chosen from the allowed set. Where a full
    day will not fly (`full_day_possible=False`), office days are shortened by
    `reduced_hours` instead.
    """
    if not full_day_possible:
        pattern = Pattern("short_office_days", reduced_hours_per_day=reduced_hours)
        reason = (
            "A full home day may not suit your job yet; shorter office days show that "
            "you can work well away from the office at almost no risk to the team."
        )
    elif preferred_weekday is not None and preferred_weekday in allowed_weekdays:
        pattern = Pattern("weekdays", weekdays=(preferred_weekday,))
        reason = _ONE_DAY_REASON
    else:
        days = tuple(sorted(set(allowed_weekdays)))
        pattern = Pattern("n_of_set", n_days=1, allowed_weekdays=days)
        reason = _ONE_DAY_REASON
    return FirstStep(pattern, trial_weeks, reason)


_ONE_DAY_REASON = (
    "One home day a week is a small, easily reviewed change: your manager risks little, "
    "the team keeps you in the office most of the week, and a successful trial is the "
    "strongest argument for the next step."
)


def size_warning(
    pattern: Pattern, *, is_first_request: bool, current_home_days: float = 0.0
) -> str | None:
    """Why a smaller ask is likelier to be accepted, or None if the ask is small.

    A first request is flagged when it asks for more than one home day a week. A
    later request is flagged when it adds more than one day to `current_home_days`
    (one step at a time). Shorter office days are never flagged: they save no day.
    """
    days = home_days_per_week(pattern)
    if is_first_request and days > 1:
        return (
            f"You are asking for {_days(days)} at home a week as a first request. "
            "One day a week is likelier to be accepted: it is a small risk for your "
            "manager, it is easy to review, and a successful trial is the strongest "
            "argument for more. Consider asking for one day now and the next after the review."
        )
    if not is_first_request and days - current_home_days > 1:
        return (
            f"You are asking to go from {_days(current_home_days)} to {_days(days)} at "
            "home a week. One more day at a time is likelier to be accepted: each step "
            "is backed by the results of the one before."
        )
    return None


def _names(days: tuple[int, ...]) -> list[str]:
    return [WEEKDAY_NAMES[day] for day in sorted(set(days)) if day in range(7)]


def _describe_set(days: tuple[int, ...]) -> str:
    """ "Monday to Thursday" for a run of three or more days, else a list with "or"."""
    ordered = sorted(set(d for d in days if d in range(7)))
    if len(ordered) >= 3 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAY_NAMES[ordered[0]]} to {WEEKDAY_NAMES[ordered[-1]]}"
    return _join(_names(days), "or")


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _days(n: float) -> str:
    """ "one day", "two days", "1.5 days"."""
    if n == int(n):
        return f"{_number(int(n))} day{'' if n == 1 else 's'}"
    return f"{n:g} days"


def _hours(hours: float) -> str:
    """ "1 hour", "2 hours", "1.5 hours"."""
    return f"{hours:g} hour{'' if hours == 1 else 's'}"
