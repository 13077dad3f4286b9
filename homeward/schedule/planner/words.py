"""Small wording helpers for holes and clashes ("Friday 12 March", "Ann, Bo and Cy")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MAX_NAMES = 5


def day(d: date) -> str:
    """ "Friday 12 March"."""
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"


def week(monday: date) -> str:
    """ "the week of 8 March"."""
    return f"the week of {monday.day} {MONTHS[monday.month - 1]}"


def names(items: Sequence[str], limit: int = MAX_NAMES) -> str:
    """ "Ann", "Ann and Bo", "Ann, Bo and Cy"; past ``limit``, "... and 4 others"."""
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit + 1
        items = items[: limit - 1] + [f"{rest} others"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 desk", "3 desks", "1 home day", "2 people"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def be(n: int) -> str:
    return "is" if n == 1 else "are"
