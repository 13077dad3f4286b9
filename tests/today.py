"""Every test runs on a frozen "today", chosen per run, so no test depends on the real date.

Each test starts at the same instant (time then ticks on, so timeouts and the live server
behave), in the project's time zone. The instant comes from a seed: half the seeds pick an
awkward day (a 31st, 28 and 29 February, 31 December, the days clocks change, a bank
holiday), the others any day of the next few years; the time of day is either the middle of
the morning or close to midnight, where the local and the UTC date differ. The header shows
the seed and the instant; ``--today-seed N`` repeats a run, ``--today 2028-02-29T23:30``
picks the instant directly. A test that needs a particular day freezes it itself.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

ZONE = ZoneInfo("Europe/London")

AWKWARD_DAYS = [
    date(2026, 12, 31),  # year end
    date(2027, 1, 31),  # a 31st, with a short month next
    date(2027, 2, 28),  # last day of February in a common year
    date(2028, 2, 29),  # leap day
    date(2027, 3, 28),  # clocks go forward in Europe
    date(2027, 10, 31),  # clocks go back in Europe (and a 31st)
    date(2027, 3, 14),  # clocks go forward in the United States
    date(2027, 8, 31),  # a 31st on a Tuesday
    date(2027, 5, 31),  # England's spring bank holiday, a Monday and a month end
    date(2026, 12, 25),  # Christmas Day
    date(2028, 12, 31),  # a leap year's last day
]
TIMES = [time(9, 30), time(23, 40), time(0, 20), time(12, 0)]
FIRST, LAST = date(2026, 12, 1), date(2030, 12, 31)


def instant_for(seed: int) -> datetime:
    """The frozen local instant for a seed (deterministic)."""
    rng = random.Random(seed)
    if rng.random() < 0.5:
        day = rng.choice(AWKWARD_DAYS)
    else:
        day = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days + 1))
    return datetime.combine(day, rng.choice(TIMES), tzinfo=ZONE)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("today", "the frozen date every test runs on")
    group.addoption("--today-seed", type=int, default=None, help="seed for the frozen today")
    group.addoption(
        "--today",
        default=None,
        help="the frozen local instant, e.g. 2028-02-29 or 2027-03-28T00:20",
    )


def _parse(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        if len(value) <= 10:
            parsed = datetime.combine(parsed.date(), time(9, 30))
        parsed = parsed.replace(tzinfo=ZONE)
    return parsed


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # The controller chooses and leaves its choice in the environment, which the xdist
    # workers it starts later inherit, so all of them agree.
    if hasattr(config, "workerinput"):
        config.option.today = os.environ["HOMEWARD_TODAY"]
        config.option.today_seed = int(os.environ["HOMEWARD_TODAY_SEED"] or 0) or None
        return
    if config.option.today is None:
        seed = config.option.today_seed
        if seed is None:
            env = os.environ.get("HOMEWARD_TODAY_SEED")
            seed = int(env) if env else random.SystemRandom().randrange(1, 1_000_000)
        config.option.today_seed = seed
        config.option.today = instant_for(seed).isoformat()
    os.environ["HOMEWARD_TODAY"] = config.option.today
    os.environ["HOMEWARD_TODAY_SEED"] = str(config.option.today_seed or "")


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.option.today_seed
    how = f"--today-seed {seed}" if seed is not None else f"--today {config.option.today}"
    return f"homeward: every test runs on {config.option.today} (repeat with {how})"


@pytest.fixture(autouse=True)
def frozen_today(request: pytest.FixtureRequest) -> Iterator[datetime]:
    """The instant this test starts at; time ticks on from it."""
    instant = _parse(request.config.option.today)
    with time_machine.travel(instant, tick=True):
        yield instant


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    # Shown even with -q, so a failing run always says how to repeat it.
    terminalreporter.write_line(pytest_report_header(config))


def today() -> date:
    """The test's local date: the frozen instant's date in the project's time zone."""
    return timezone.localdate()


def now() -> datetime:
    """The test's current instant (frozen at its start, then ticking)."""
    return timezone.now()
