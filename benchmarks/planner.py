"""Time the week planner (CP-SAT) against the greedy baseline on generated departments.

    uv run python benchmarks/planner.py [--sizes 200 2000 10000] [--tight 2000] [--markdown]

Each department is planned over four weeks, three ways: the greedy planner; CP-SAT
stopped as soon as its plan is proven within 1% of the optimum; and CP-SAT asked to prove
optimality (within --optimal-limit seconds). For each: seconds, when the first complete
plan existed, objective, bound and gap, total regret, the share of home days on one of the
week's most wanted days, the mean satisfaction score, the worst cumulative regret and its
spread, and the holes (rules broken; CP-SAT plans have none). Settings: 2 workers (parts
solved side by side), one CP-SAT search thread each.

The departments (seeded, the same every run): offices of about 700 people, teams of 6 to
16 in one office; 55% of people on a flexible arrangement (one to three home days from
Monday-Thursday, Monday-Friday or Tuesday-Thursday), 15% on fixed home weekdays, 30%
without an arrangement, 8% part time (Monday to Thursday); 80% of those with a flexible
arrangement rank their days, Friday and Monday most wanted. Most teams need half their
working people in each day (a fifth need a third of the team instead), a third have an
anchor day mid-week; 10% of person-weeks have a few days' leave, each office has a public
holiday, one team in twenty is recalled for a day, and weeks shortened by leave or a
holiday shrink their home days in proportion. Arrangements are those a manager would have
approved: ones the team's own rules can carry over the horizon. Offices have desks for 80%
of their people (and, for --tight sizes, 74%: the desks bind on most days).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import ortools

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from homeward.schedule.planner import (  # noqa: E402
    Block,
    Blocked,
    Flexible,
    Minimum,
    Office,
    Person,
    Plan,
    Problem,
    Settings,
    Team,
    plan,
    plan_greedy,
)

FIRST_MONDAY = date(2027, 3, 1)
OFFICE_NAMES = (
    "London",
    "Manchester",
    "Dublin",
    "Amsterdam",
    "Madrid",
    "Lisbon",
    "Leeds",
    "Glasgow",
    "Cork",
    "Utrecht",
    "Porto",
    "Bristol",
    "Seville",
    "Belfast",
    "Rotterdam",
)
# How much people want each weekday at home (Plackett-Luce weights): Friday and Monday.
WANT = {0: 4.0, 1: 1.0, 2: 2.0, 3: 1.5, 4: 5.0}
DESK_SHARE = 0.80
TIGHT_DESK_SHARE = 0.74  # desks bind on most days: the hard case
OFFICE_SIZE = 700


def department(n_people: int, *, seed: int = 1, weeks: int = 4) -> Problem:
    rng = random.Random(seed)
    mondays = tuple(FIRST_MONDAY + timedelta(weeks=w) for w in range(weeks))
    n_offices = max(1, round(n_people / OFFICE_SIZE))
    holidays = [
        frozenset({rng.choice(mondays) + timedelta(days=rng.choice((0, 4)))})
        for _ in range(n_offices)
    ]
    headcount = [0] * n_offices
    teams: list[Team] = []
    people: list[Person] = []
    blocks: list[Blocked] = []
    while len(people) < n_people:
        size = min(rng.randint(6, 16), n_people - len(people))
        o = len(teams) % n_offices
        team = _team(rng, f"t{len(teams)}", size)
        members = [_person(rng, f"p{len(people) + i}", team.key, f"o{o}") for i in range(size)]
        leave = [entry for p in members for entry in _leave(rng, p, mondays)]
        if rng.random() < 0.05:  # the team is recalled for a day
            day = rng.choice(mondays) + timedelta(days=rng.randrange(5))
            leave += [Blocked(p.key, day, Block.RECALL) for p in members]
        office = Office(f"o{o}", "-", holidays=holidays[o])
        horizon = Problem(mondays, (), (team,), (office,), tuple(leave), prorate_short_weeks=True)
        teams.append(team)
        people += _approvable(horizon, members)
        blocks += leave
        headcount[o] += size
    offices = tuple(
        Office(
            f"o{o}",
            OFFICE_NAMES[o % len(OFFICE_NAMES)] + ("" if o < len(OFFICE_NAMES) else f" {o}"),
            desks=round(DESK_SHARE * headcount[o]),
            holidays=holidays[o],
        )
        for o in range(n_offices)
    )
    return Problem(
        weeks=mondays,
        people=tuple(people),
        teams=tuple(teams),
        offices=offices,
        blocks=tuple(blocks),
        prorate_short_weeks=True,
    )


def _team(rng: random.Random, key: str, size: int) -> Team:
    if rng.random() < 0.8:
        minimums = tuple(Minimum(d, share=0.5) for d in range(5))
    else:  # a number instead: about a third of the team
        minimums = tuple(Minimum(d, people=max(1, round(size / 3))) for d in range(5))
    anchors = (rng.choice((1, 2, 3)),) if rng.random() < 0.33 else ()
    return Team(key, f"Team {key[1:]}", minimums=minimums, anchor_weekdays=anchors)


def _person(rng: random.Random, key: str, team: str, office: str) -> Person:
    working = (0, 1, 2, 3) if rng.random() < 0.08 else (0, 1, 2, 3, 4)
    kind = rng.random()
    flexible = None
    home: tuple[int, ...] = ()
    prefs: tuple[int, ...] = ()
    if kind < 0.55:
        allowed = rng.choices([(0, 1, 2, 3), (0, 1, 2, 3, 4), (1, 2, 3)], [50, 40, 10])[0]
        allowed = tuple(d for d in allowed if d in working)
        n = rng.choices([1, 2, 3], [30, 55, 15])[0]
        flexible = Flexible(min(n, len(allowed) - 1), allowed)
        if rng.random() < 0.8:
            prefs = _ranking(rng, allowed)
    elif kind < 0.70:
        home = tuple(sorted(rng.sample([d for d in working if d != 2], rng.choice((1, 1, 2)))))
    return Person(
        key,
        f"Person {key[1:]}",
        team,
        office,
        flexible=flexible,
        home_weekdays=home,
        working_weekdays=working,
        preferences=prefs,
    )


def _approvable(horizon: Problem, members: list[Person]) -> list[Person]:
    """The team's arrangements as its manager would have approved them: ones the team's
    coverage rules can carry over the horizon (with its leave and holidays; desks are
    left to the planner). While the greedy planner finds holes in the team's plan, the
    arrangement with the most home days is turned down."""
    members = list(members)
    while True:
        if not plan_greedy(replace(horizon, people=tuple(members))).holes:
            return members
        days = [(p.flexible.n_days if p.flexible else 0) + len(p.home_weekdays) for p in members]
        i = days.index(max(days))
        members[i] = replace(members[i], flexible=None, home_weekdays=(), preferences=())


def _ranking(rng: random.Random, allowed: tuple[int, ...]) -> tuple[int, ...]:
    left, ranked = list(allowed), []
    while left:
        pick = rng.choices(left, [WANT[d] for d in left])[0]
        ranked.append(pick)
        left.remove(pick)
    return tuple(ranked)


def _leave(rng: random.Random, person: Person, mondays: tuple[date, ...]) -> list[Blocked]:
    out = []
    for monday in mondays:
        if rng.random() < 0.10:
            first = rng.randrange(5)
            for d in range(first, min(5, first + rng.randint(1, 5))):
                out.append(Blocked(person.key, monday + timedelta(days=d), Block.LEAVE))
    return out


def cells(people: int, desks: float, method: str, p: Plan) -> list[str]:
    """The table row for one plan."""
    sats = p.satisfaction
    home = sum(s.home_days for s in sats)
    preferred = sum(s.preferred_days for s in sats)
    score = sum(s.score for s in sats) / len(sats) if sats else 1.0
    fair = p.fairness
    return [
        f"{people:,}",
        f"{100 * desks:.0f}%",
        method,
        str(p.status),
        f"{p.solve_seconds:.2f}",
        "-" if p.first_solution_seconds is None else f"{p.first_solution_seconds:.2f}",
        f"{p.objective:,}" if p.objective is not None else "-",
        f"{p.bound:,}" if p.bound is not None else "-",
        f"{100 * p.gap:.2f}%" if p.gap is not None else "-",
        f"{p.total_regret:,}",
        f"{100 * preferred / max(1, home):.1f}%",
        f"{score:.3f}",
        "-" if fair is None else str(fair.worst_regret),
        "-" if fair is None else str(fair.spread),
        str(len(p.holes)),
    ]


HEADER = [
    "people",
    "desks",
    "planner",
    "status",
    "seconds",
    "first plan (s)",
    "objective",
    "bound",
    "gap",
    "total regret",
    "home days on a most wanted day",
    "mean satisfaction",
    "worst regret",
    "regret spread",
    "holes",
]


def run(cases: list[tuple[int, float]], optimal_limit: float) -> list[list[str]]:
    rows = []
    for n, desks in cases:
        global DESK_SHARE
        DESK_SHARE = desks
        problem = department(n)
        flexible = sum(p.flexible is not None for p in problem.people)
        print(f"{n} people, desks for {desks:.0%}: {flexible} flexible", file=sys.stderr)
        runs = [
            ("greedy", None),
            ("CP-SAT, 1% gap", Settings(relative_gap=0.01, time_limit=optimal_limit)),
            (f"CP-SAT, optimal ({optimal_limit:g} s limit)", Settings(time_limit=optimal_limit)),
        ]
        for name, settings in runs:
            gc.collect()
            result = plan_greedy(problem) if settings is None else plan(problem, settings)
            rows.append(cells(n, desks, name, result))
            del result  # 10,000 people's plans are big: keep only the figures
            print("  " + " | ".join(rows[-1]), file=sys.stderr)
    return rows


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument(
        "--tight", type=int, nargs="*", default=[2000], help="sizes also run with tight desks"
    )
    parser.add_argument("--optimal-limit", type=float, default=120.0)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    cases = [(n, DESK_SHARE) for n in args.sizes] + [(n, TIGHT_DESK_SHARE) for n in args.tight]
    before = os.getloadavg()[0]
    rows = run(cases, args.optimal_limit)
    after = os.getloadavg()[0]
    print(markdown(rows))
    if args.markdown:
        print()
        print(
            f"ortools {ortools.__version__}, Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}; "
            f"load average {before:.1f} before and {after:.1f} after."
        )


if __name__ == "__main__":
    main()
