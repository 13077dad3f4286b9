"""What the planner takes and what it gives back: plain frozen dataclasses.

Keys (people, teams, offices) are strings chosen by the caller (the schedule app passes
primary keys); names are only used in explanations. Weekdays are integers, 0 = Monday
... 6 = Sunday, as ``date.weekday()``. Every date is the office's local date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

WORKING_WEEK = (0, 1, 2, 3, 4)


class PlannerInputError(ValueError):
    """The problem itself is malformed (an unknown team, a week that is not a Monday...).

    A problem that is well formed but has no plan is not an error: the plan's status is
    ``infeasible`` and its clashes say which rules cannot all hold.
    """


class Where(StrEnum):
    """Where a person is on a day in a plan."""

    OFFICE = "office"
    HOME = "home"
    LEAVE = "leave"
    AWAY = "away"  # on business elsewhere
    HOLIDAY = "holiday"  # a public holiday in the person's office
    NOT_WORKING = "not_working"  # outside the person's working weekdays (part time)


ABSENT = frozenset({Where.LEAVE, Where.AWAY, Where.HOLIDAY, Where.NOT_WORKING})


class Block(StrEnum):
    """A one-off entry that fixes a person's day before planning.

    What each forces is in :data:`FORCES`: leave and business trips force absence (the
    person counts neither for coverage nor for desks, and the day is no home day);
    recalls and fixed meetings force the office (the person counts for coverage and takes
    a desk); an occasional day is a one-off home day agreed outside the arrangement (not
    in the office, and it does not use up the arrangement's home days). When two entries
    fall on the same day, absence beats office, and office beats an occasional home day.
    """

    LEAVE = "leave"
    AWAY = "away"
    RECALL = "recall"
    MEETING = "meeting"
    OCCASIONAL = "occasional"


FORCES: Mapping[Block, Where] = MappingProxyType(
    {
        Block.LEAVE: Where.LEAVE,
        Block.AWAY: Where.AWAY,
        Block.RECALL: Where.OFFICE,
        Block.MEETING: Where.OFFICE,
        Block.OCCASIONAL: Where.HOME,
    }
)


@dataclass(frozen=True)
class Flexible:
    """A flexible arrangement: ``n_days`` home days a week chosen from ``allowed_weekdays``.

    In a week where leave, holidays or one-off entries leave fewer allowed days free than
    ``n_days``, the person gets the days that are free and not the team's anchor days
    (days are not carried over). When the anchor days leave fewer than ``n_days`` allowed
    days even in an ordinary week, the arrangement and the anchor days clash (reported).
    Minimums and desks never reduce the entitlement: when they leave too few days, that
    is a clash too.
    """

    n_days: int
    allowed_weekdays: tuple[int, ...]


@dataclass(frozen=True)
class Person:
    """Someone in the plan: everyone who may take a desk, with or without an arrangement.

    ``home_weekdays`` is a fixed arrangement (constants: always home those weekdays);
    ``flexible`` the flexible one the planner chooses days for; a person may have neither
    (always in the office on working days). ``preferences`` ranks weekdays, most wanted
    first, for every week; ``week_preferences`` overrides them for single weeks (keyed by
    the week's Monday). Allowed weekdays a person did not rank share the last place.
    ``prior_regret`` is the regret carried over from earlier horizons, so fairness spans
    more than one planning run.
    """

    key: str
    name: str
    team: str
    office: str
    flexible: Flexible | None = None
    home_weekdays: tuple[int, ...] = ()
    working_weekdays: tuple[int, ...] = WORKING_WEEK
    preferences: tuple[int, ...] = ()
    week_preferences: Mapping[date, tuple[int, ...]] = field(default_factory=dict)
    prior_regret: int = 0

    def preferences_for(self, monday: date) -> tuple[int, ...]:
        return self.week_preferences.get(monday, self.preferences)


@dataclass(frozen=True)
class Minimum:
    """A team's minimum in the office on a weekday: a number of people, or a share.

    A share is of the team's people who work that day (not on leave, holiday, a business
    trip or a non-working day), rounded up: 0.5 of 7 working is 4.
    """

    weekday: int
    people: int | None = None
    share: float | None = None


@dataclass(frozen=True)
class Team:
    """A team's coverage rules: minimums per weekday and anchor days (everyone comes in).

    On an anchor day nobody in the team gets a flexible home day; fixed arrangements and
    one-off entries stand (the arrangement was approved as it is).
    """

    key: str
    name: str
    minimums: tuple[Minimum, ...] = ()
    anchor_weekdays: tuple[int, ...] = ()


@dataclass(frozen=True)
class Office:
    """An office: its desks (None: no limit) and its public holidays."""

    key: str
    name: str
    desks: int | None = None
    holidays: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Published:
    """The plan people have already been told, for stability when re-planning.

    ``weeks`` are the Mondays it covered; ``home`` each person's published flexible home
    days. A person missing from ``home`` had nothing published, so nothing of theirs can
    change; a person present with an empty set was published as in the office all week.
    """

    weeks: frozenset[date] = frozenset()
    home: Mapping[str, frozenset[date]] = field(default_factory=dict)


@dataclass(frozen=True)
class Weights:
    """How the objective trades regret, fairness and stability (all whole numbers).

    The objective is: total regret + ``fairness`` x (sum over teams of the worst
    cumulative regret in the team) + ``stability`` x (published days that change).
    """

    fairness: int = 4
    stability: int = 3


@dataclass(frozen=True)
class Blocked:
    """One person's day fixed before planning: leave, a recall, a meeting..."""

    person: str
    day: date
    block: Block


@dataclass(frozen=True)
class Problem:
    """Everything the planner needs for one horizon.

    ``weeks`` are Mondays (any order; planned in date order). ``frozen_before`` is the
    first day the planner may change: earlier days keep the published plan (re-planning
    mid-week), count towards their week's home days, and are not checked against coverage
    rules any more (they are past). Blocks outside the horizon are ignored.

    ``prorate_short_weeks`` is the policy for weeks shortened by leave, business trips or
    public holidays: False keeps the arrangement's home days (as far as free days allow),
    True shrinks them in proportion to the days worked, rounded half up (two home days in
    a four-day week stay two, in a two-day week become one).
    """

    weeks: tuple[date, ...]
    people: tuple[Person, ...]
    teams: tuple[Team, ...]
    offices: tuple[Office, ...]
    blocks: tuple[Blocked, ...] = ()
    published: Published = field(default_factory=Published)
    frozen_before: date | None = None
    weights: Weights = field(default_factory=Weights)
    prorate_short_weeks: bool = False


@dataclass(frozen=True)
class Settings:
    """How hard CP-SAT tries.

    ``time_limit`` is wall-clock seconds for the whole problem (shared out between its
    independent parts by size); ``relative_gap`` stops as soon as a plan is proven within
    that share of the optimum (0.01 = 1%; 0 = prove optimality). ``workers`` is how many
    parts are solved at the same time (2 suits a 2-core machine); each CP-SAT solve uses
    one search thread, with the fixed ``seed``, so the same problem gives the same plan
    from run to run as long as no solve is cut short by the time limit.
    ``stop_after_first`` takes each solve's first plan (for benchmarks).
    """

    time_limit: float = 10.0
    relative_gap: float = 0.0
    workers: int = 2
    seed: int = 1
    decompose: bool = True
    hint_from_greedy: bool = True
    stop_after_first: bool = False


class Status(StrEnum):
    OPTIMAL = "optimal"  # CP-SAT proved no better plan exists
    FEASIBLE = "feasible"  # CP-SAT's plan, within ``gap`` of the optimum
    FALLBACK = "fallback"  # CP-SAT found nothing in time; the greedy plan (may have holes)
    GREEDY = "greedy"  # the greedy planner was asked for directly
    INFEASIBLE = "infeasible"  # no plan meets every rule; ``clashes`` say which


@dataclass(frozen=True)
class Rule:
    """One rule of the problem, as named in holes and clashes.

    ``kind`` is "minimum" (subject: a team), "anchor" (a team), "desks" (an office) or
    "home_days" (a person; ``day`` is the week's Monday); ``day`` is the day it is for.
    """

    kind: str
    subject: str
    day: date


@dataclass(frozen=True)
class Hole:
    """A rule a plan breaks (only greedy plans can): by how many people."""

    rule: Rule
    required: int
    actual: int
    message: str


@dataclass(frozen=True)
class Clash:
    """Rules that cannot all hold at once; dropping any one of them leaves a plan.

    ``focus`` is the rule the message is built around, ``required`` what it asks for and
    ``possible`` the most (for a minimum or home days) or the least (for desks) the other
    rules in the clash allow.
    """

    rules: tuple[Rule, ...]
    focus: Rule
    required: int
    possible: int
    message: str


@dataclass(frozen=True)
class Assignment:
    """Where one person is on one working day, and why.

    ``planned`` is True for the days the planner chose (a flexible arrangement's home and
    office days); the schedule stores those. ``reason`` says where the rest comes from:
    "flexible", "fixed arrangement", "no arrangement", "anchor day", "published" (a day
    before ``frozen_before``), a block's name, "holiday" or "not working".
    """

    person: str
    day: date
    where: Where
    planned: bool
    reason: str


@dataclass(frozen=True)
class Satisfaction:
    """How well one person's preferences were met over the horizon.

    ``preferred_days`` counts home days on one of the week's most wanted free days (as
    many as the week has home days). ``regret`` adds up, over the person's home days, how far down their ranking each day
    was, minus the best any plan could do that week (0: as well as possible every week).
    ``score`` is 1.0 when every week was the best possible and 0.0 when every week was the
    worst possible (1.0 for people with nothing to choose). ``cumulative_regret`` adds the
    regret carried over from earlier horizons.
    """

    person: str
    home_days: int
    preferred_days: int
    regret: int
    cumulative_regret: int
    score: float


@dataclass(frozen=True)
class Fairness:
    """The spread of cumulative regret over people with preferences to meet."""

    worst_regret: int
    worst_people: tuple[str, ...]
    spread: int
    mean_regret: float


@dataclass(frozen=True)
class Plan:
    """The planner's answer.

    For CP-SAT plans, ``objective`` is the plan's value, ``bound`` the best lower bound
    proven and ``gap`` = (objective - bound) / max(1, objective). Greedy plans have no
    bound or gap. An infeasible problem has no assignments, only ``clashes``.
    ``first_solution_seconds`` is when the first complete plan existed.
    """

    status: Status
    solver: str
    assignments: tuple[Assignment, ...]
    objective: int | None
    bound: int | None
    gap: float | None
    solve_seconds: float
    first_solution_seconds: float | None
    total_regret: int
    changes: int
    satisfaction: tuple[Satisfaction, ...]
    fairness: Fairness | None
    holes: tuple[Hole, ...] = ()
    clashes: tuple[Clash, ...] = ()

    @property
    def has_plan(self) -> bool:
        return self.status is not Status.INFEASIBLE

    def home_days(self) -> dict[str, tuple[date, ...]]:
        """The planned home days per person: what the schedule writes for flexible days."""
        days: dict[str, list[date]] = {}
        for a in self.assignments:
            if a.planned and a.where is Where.HOME:
                days.setdefault(a.person, []).append(a.day)
        return {person: tuple(sorted(d)) for person, d in days.items()}

    def where(self, person: str, day: date) -> Where | None:
        """Where the person is that day (None: not working, or not in the plan)."""
        found = self._by_cell.get((person, day))
        return found.where if found else None

    @cached_property
    def _by_cell(self) -> dict[tuple[str, date], Assignment]:
        return {(a.person, a.day): a for a in self.assignments}
