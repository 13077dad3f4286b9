"""The problem compiled into the facts both planners share.

Every person-day is either fixed before planning (leave, a holiday, a fixed arrangement,
a recall, a day already past...) or one of a flexible arrangement's free days, which the
planner decides. The rules become numbers over those days: a team's minimum says at most
so many of its free days that day may be home days, desks say at least so many must be.
Rules that no plan can break (enough people are in the office whatever happens) are left
out, which keeps the models small.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from .model import (
    ABSENT,
    FORCES,
    Block,
    Person,
    PlannerInputError,
    Problem,
    Rule,
    Where,
)

Cell = tuple[int, int]  # (person index, day index)


@dataclass
class Choice:
    """One person-week whose home days the planner chooses: exactly ``need`` of ``days``."""

    person: int
    week: int
    rule: Rule
    days: tuple[int, ...]
    anchored: frozenset[int]  # those of ``days`` on one of the team's anchor days
    need: int
    ranks: dict[int, int]  # day index -> place in the person's ranking (0 = first choice)
    best: int  # the lowest rank sum any plan can give this week
    worst: int  # the highest
    cutoff: int  # a home day ranked at most this is one of the week's most wanted

    @property
    def usable(self) -> tuple[int, ...]:
        return tuple(d for d in self.days if d not in self.anchored)


@dataclass
class Coverage:
    """A minimum (at least ``required`` in) or desks (at most ``required`` in) on one day."""

    rule: Rule
    day: int
    people: tuple[int, ...]  # everyone the rule counts
    fixed_in: int  # of them, certainly in the office
    cells: tuple[Cell, ...]  # of them, the ones whose day the planner decides
    required: int


@dataclass
class Anchor:
    rule: Rule
    cells: tuple[Cell, ...]


@dataclass
class Instance:
    problem: Problem
    people: tuple[Person, ...]
    days: tuple[date, ...]
    weeks: tuple[date, ...]
    fixed: dict[Cell, tuple[Where, str]]
    choices: list[Choice]
    choice_of: dict[Cell, Choice]
    minimums: list[Coverage]
    desks: list[Coverage]
    anchors: list[Anchor]
    # Stability: the free cells of people with a published plan, and whether it said home;
    # plus the changes no plan can avoid (a published home day that is now an office day).
    published: dict[Cell, bool]
    forced_changes: int
    team_members: dict[str, tuple[int, ...]]
    planned_fixed: set[Cell] = field(default_factory=set)  # fixed cells that are planned days

    @cached_property
    def choosers(self) -> frozenset[int]:
        """The people with a real choice somewhere (their ranking can matter): fairness
        is measured over them."""
        return frozenset(c.person for c in self.choices if c.best != c.worst)


def compile_problem(problem: Problem) -> Instance:
    """Check the problem and work out the facts; raises PlannerInputError."""
    validate(problem)
    weeks = tuple(sorted(problem.weeks))
    days = tuple(w + timedelta(days=i) for w in weeks for i in range(7))
    index = {d: i for i, d in enumerate(days)}
    people = problem.people
    pindex = {p.key: i for i, p in enumerate(people)}
    teams = {t.key: t for t in problem.teams}
    offices = {o.key: o for o in problem.offices}
    blocks = _resolve_blocks(problem, index, pindex)
    frozen = problem.frozen_before
    first_open = 0 if frozen is None else sum(1 for d in days if d < frozen)

    fixed: dict[Cell, tuple[Where, str]] = {}
    planned_fixed: set[Cell] = set()
    choices: list[Choice] = []
    choice_of: dict[Cell, Choice] = {}
    published: dict[Cell, bool] = {}
    forced_changes = 0
    pub_weeks = problem.published.weeks

    for p, person in enumerate(people):
        holidays = offices[person.office].holidays
        team = teams[person.team]
        flex = person.flexible
        allowed = set(flex.allowed_weekdays) if flex else set()
        pub_home = problem.published.home.get(person.key)
        ordinary = len(
            allowed.intersection(person.working_weekdays)
            - set(person.home_weekdays)
            - set(team.anchor_weekdays)
        )
        for w, monday in enumerate(weeks):
            free: list[int] = []
            frozen_home = 0
            week = range(w * 7, w * 7 + 7)
            for di in week:
                day, weekday = days[di], days[di].weekday()
                if weekday not in person.working_weekdays:
                    fixed[p, di] = (Where.NOT_WORKING, "not working")
                elif day in holidays:
                    fixed[p, di] = (Where.HOLIDAY, "holiday")
                elif (p, di) in blocks:
                    block = blocks[p, di]
                    fixed[p, di] = (FORCES[block], str(block))
                elif weekday in person.home_weekdays:
                    fixed[p, di] = (Where.HOME, "fixed arrangement")
                elif flex and weekday in allowed and flex.n_days:
                    if di < first_open:
                        home = pub_home is not None and day in pub_home
                        frozen_home += home
                        reason = "published" if pub_home is not None else "frozen"
                        fixed[p, di] = (Where.HOME if home else Where.OFFICE, reason)
                        planned_fixed.add((p, di))
                    else:
                        free.append(di)
                else:
                    reason = "arrangement" if flex or person.home_weekdays else "no arrangement"
                    fixed[p, di] = (Where.OFFICE, reason)
            if flex is None or not free:
                continue
            anchored = frozenset(di for di in free if days[di].weekday() in team.anchor_weekdays)
            # Anchor days come first: in a week where leave or holidays take allowed days,
            # the person gets the free days that are not anchor days. Only when anchor days
            # leave too few even in an ordinary week is that a clash (reported).
            free_days = len(free) - len(anchored) if flex.n_days <= ordinary else len(free)
            entitled = flex.n_days
            if problem.prorate_short_weeks:
                worked = sum(fixed.get((p, di), (Where.OFFICE,))[0] not in ABSENT for di in week)
                entitled = _prorate(flex.n_days, worked, len(person.working_weekdays))
            need = max(0, min(entitled - frozen_home, free_days))
            if need == 0:
                for di in free:
                    fixed[p, di] = (Where.OFFICE, "anchor day" if di in anchored else "flexible")
                    planned_fixed.add((p, di))
                continue
            choice = _choice(person, p, w, monday, tuple(free), anchored, need, days, allowed)
            choices.append(choice)
            for di in free:
                choice_of[p, di] = choice
        if pub_home is None or flex is None:
            continue
        for di in range(first_open, len(days)):
            if days[di] - timedelta(days=days[di].weekday()) not in pub_weeks:
                continue
            if (p, di) in choice_of:
                published[p, di] = days[di] in pub_home
            elif days[di] in pub_home and fixed[p, di][0] is Where.OFFICE:
                forced_changes += 1

    members: dict[str, list[int]] = defaultdict(list)
    by_office: dict[str, list[int]] = defaultdict(list)
    for p, person in enumerate(people):
        members[person.team].append(p)
        by_office[person.office].append(p)
    team_members = {t: tuple(ps) for t, ps in members.items()}
    state = _states(len(people), len(days), fixed, choice_of)

    minimums: list[Coverage] = []
    anchors: list[Anchor] = []
    for key, ps in team_members.items():
        team = teams[key]
        need_by_weekday = {m.weekday: m for m in team.minimums}
        for di in range(first_open, len(days)):
            day = days[di]
            codes = [state[p][di] for p in ps]
            if all(code == CLOSED for code in codes):
                continue  # the team's day off: no rule applies
            cells = tuple((p, di) for p in ps if state[p][di] == FREE)
            if day.weekday() in team.anchor_weekdays and cells:
                anchors.append(Anchor(Rule("anchor", key, day), cells))
            minimum = need_by_weekday.get(day.weekday())
            if minimum is None:
                continue
            working = sum(1 for code in codes if code <= HOME)
            if minimum.people is not None:
                required = minimum.people
            else:
                required = math.ceil(round((minimum.share or 0) * working, 9))
            fixed_in = codes.count(IN)
            if fixed_in >= required:
                continue
            rule = Rule("minimum", key, day)
            minimums.append(Coverage(rule, di, ps, fixed_in, cells, required))

    desks: list[Coverage] = []
    for office in problem.offices:
        if office.desks is None:
            continue
        ps = tuple(by_office.get(office.key, ()))
        for di in range(first_open, len(days)):
            codes = [state[p][di] for p in ps]
            fixed_in = codes.count(IN)
            if fixed_in + codes.count(FREE) <= office.desks:
                continue
            cells = tuple((p, di) for p in ps if state[p][di] == FREE)
            rule = Rule("desks", office.key, days[di])
            desks.append(Coverage(rule, di, ps, fixed_in, cells, office.desks))

    return Instance(
        problem=problem,
        people=people,
        days=days,
        weeks=weeks,
        fixed=fixed,
        choices=choices,
        choice_of=choice_of,
        minimums=minimums,
        desks=desks,
        anchors=anchors,
        published=published,
        forced_changes=forced_changes,
        team_members=team_members,
        planned_fixed=planned_fixed,
    )


# A person-day in short: in the office, free for the planner, at home, absent (leave or a
# business trip: still a working day for a share), or closed (holiday, not working).
IN, FREE, HOME, ABSENT_DAY, CLOSED = range(5)


def _states(
    n_people: int,
    n_days: int,
    fixed: dict[Cell, tuple[Where, str]],
    choice_of: dict[Cell, Choice],
) -> list[bytearray]:
    code = {
        Where.OFFICE: IN,
        Where.HOME: HOME,
        Where.LEAVE: ABSENT_DAY,
        Where.AWAY: ABSENT_DAY,
        Where.HOLIDAY: CLOSED,
        Where.NOT_WORKING: CLOSED,
    }
    state = [bytearray(n_days) for _ in range(n_people)]
    for (p, di), (where, _) in fixed.items():
        state[p][di] = code[where]
    for p, di in choice_of:
        state[p][di] = FREE
    return state


def _prorate(n_days: int, worked: int, usual: int) -> int:
    """Home days in a week of ``worked`` days out of ``usual``, rounded half up."""
    if usual == 0:
        return 0
    return min(n_days, (2 * n_days * worked + usual) // (2 * usual))


def _choice(
    person: Person,
    p: int,
    w: int,
    monday: date,
    free: tuple[int, ...],
    anchored: frozenset[int],
    need: int,
    days: tuple[date, ...],
    allowed: set[int],
) -> Choice:
    ranking: list[int] = []
    for weekday in person.preferences_for(monday):
        if weekday in allowed and weekday not in ranking:
            ranking.append(weekday)
    ranks = {
        di: ranking.index(days[di].weekday()) if days[di].weekday() in ranking else len(ranking)
        for di in free
    }
    pool = [ranks[di] for di in free if di not in anchored]
    if len(pool) < need:  # the anchor days clash with the arrangement; rank all free days
        pool = list(ranks.values())
    pool.sort()
    return Choice(
        person=p,
        week=w,
        rule=Rule("home_days", person.key, monday),
        days=free,
        anchored=anchored,
        need=need,
        ranks=ranks,
        best=sum(pool[:need]),
        worst=sum(pool[-need:]),
        cutoff=pool[need - 1],
    )


def _resolve_blocks(
    problem: Problem, index: dict[date, int], pindex: dict[str, int]
) -> dict[Cell, Block]:
    """One block per person-day: absence beats office, office beats an occasional day."""
    order = {Where.LEAVE: 0, Where.AWAY: 0, Where.OFFICE: 1, Where.HOME: 2}
    chosen: dict[Cell, Block] = {}
    for entry in problem.blocks:
        di = index.get(entry.day)
        if di is None:
            continue
        cell = (pindex[entry.person], di)
        current = chosen.get(cell)
        if current is None or order[FORCES[entry.block]] < order[FORCES[current]]:
            chosen[cell] = entry.block
    return chosen


def validate(problem: Problem) -> None:
    """Raise PlannerInputError naming the first malformed part of the problem."""
    if not problem.weeks:
        raise PlannerInputError("The horizon has no weeks.")
    if len(set(problem.weeks)) != len(problem.weeks):
        raise PlannerInputError("A week appears twice in the horizon.")
    for monday in problem.weeks:
        if monday.weekday() != 0:
            raise PlannerInputError(f"Weeks start on a Monday; {monday} is not one.")
    _unique("person", [p.key for p in problem.people])
    _unique("team", [t.key for t in problem.teams])
    _unique("office", [o.key for o in problem.offices])
    teams = {t.key for t in problem.teams}
    offices = {o.key for o in problem.offices}
    for person in problem.people:
        _check_person(person, teams, offices)
    for team in problem.teams:
        _weekdays(f"team {team.key}'s anchor days", team.anchor_weekdays)
        seen: set[int] = set()
        for minimum in team.minimums:
            _weekdays(f"team {team.key}'s minimum", (minimum.weekday,))
            if minimum.weekday in seen:
                raise PlannerInputError(f"Team {team.key} has two minimums for one weekday.")
            seen.add(minimum.weekday)
            if (minimum.people is None) == (minimum.share is None):
                raise PlannerInputError(
                    f"Team {team.key}'s minimum needs either a number of people or a share."
                )
            if minimum.people is not None and minimum.people < 0:
                raise PlannerInputError(f"Team {team.key}'s minimum cannot be negative.")
            if minimum.share is not None and not 0 < minimum.share <= 1:
                raise PlannerInputError(
                    f"Team {team.key}'s share must be more than 0 and at most 1."
                )
    for office in problem.offices:
        if office.desks is not None and office.desks < 0:
            raise PlannerInputError(f"Office {office.key} cannot have a negative desk count.")
    keys = {p.key for p in problem.people}
    for entry in problem.blocks:
        if entry.person not in keys:
            raise PlannerInputError(f"A {entry.block} entry names an unknown person.")
    if problem.weights.fairness < 0 or problem.weights.stability < 0:
        raise PlannerInputError("Weights cannot be negative.")


def _check_person(person: Person, teams: set[str], offices: set[str]) -> None:
    who = f"person {person.key}"
    if person.team not in teams:
        raise PlannerInputError(f"{who.capitalize()} belongs to an unknown team.")
    if person.office not in offices:
        raise PlannerInputError(f"{who.capitalize()} works in an unknown office.")
    _weekdays(f"{who}'s working days", person.working_weekdays)
    _weekdays(f"{who}'s fixed home days", person.home_weekdays)
    _weekdays(f"{who}'s preferences", person.preferences)
    for prefs in person.week_preferences.values():
        _weekdays(f"{who}'s preferences", prefs)
    if person.prior_regret < 0:
        raise PlannerInputError(f"{who.capitalize()}'s carried-over regret cannot be negative.")
    flex = person.flexible
    if flex is None:
        return
    _weekdays(f"{who}'s allowed days", flex.allowed_weekdays)
    if flex.n_days < 0:
        raise PlannerInputError(f"{who.capitalize()}'s home days cannot be negative.")
    if flex.n_days > len(set(flex.allowed_weekdays)):
        raise PlannerInputError(
            f"{who.capitalize()} cannot have {flex.n_days} home days "
            f"from {len(set(flex.allowed_weekdays))} allowed days."
        )


def _weekdays(what: str, days: tuple[int, ...]) -> None:
    if any(not isinstance(d, int) or d not in range(7) for d in days):
        raise PlannerInputError(f"Unknown weekday in {what}.")


def _unique(kind: str, keys: list[str]) -> None:
    if len(set(keys)) != len(keys):
        raise PlannerInputError(f"Two {kind} entries share a key.")
