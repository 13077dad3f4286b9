"""The week planner on small instances: pure, no database, no Django.

Every table case is also solved by brute force (every combination of home days, checked
and scored by ``Oracle`` in planner_oracle.py, written from the rules in
docs/planner-engine.md and not from the planner's code), and CP-SAT's plan must be one of
the optimal ones. The planner does not read the clock, so fixed dates are used: the words
are about those dates. Clashes: test_planner_clashes.py; the rest: test_planner_behaviour.py.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from homeward.schedule.planner import (
    Block,
    Blocked,
    Minimum,
    Office,
    Problem,
    Published,
    Status,
    Team,
    plan,
    plan_greedy,
)
from homeward.schedule.tests.planner_oracle import (
    FRI,
    MON,
    THU,
    TUE,
    WED,
    WEEK1,
    WEEK2,
    Oracle,
    day,
    fixed,
    flex,
    minimums,
    planned_home,
    problem,
)

# ---- table-driven: small instances against brute force -------------------------------

ANN_BO = [flex("ann", 1, (MON, FRI), (FRI, MON)), flex("bo", 1, (MON, FRI), (FRI, MON))]

CASES = {
    "first choices when nothing competes": problem(
        [flex("ann", 2, (MON, TUE, WED, THU), (MON, THU)), flex("bo", 1, (TUE, WED), (WED,))]
    ),
    "a minimum sends one of two to their second choice": problem(
        [*ANN_BO, fixed("cy")],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=2),))],
    ),
    "a share counts only the people working that day": problem(
        [*ANN_BO, fixed("cy"), fixed("di"), flex("ed", 1, (FRI, THU), (FRI,))],
        teams=[Team("sup", "Support", minimums=minimums(share=0.5))],
        blocks=(Blocked("cy", day(WEEK1, FRI), Block.LEAVE),),
    ),
    "desks push a home day onto the busy day": problem(
        [
            flex("ann", 1, (MON, TUE), (MON, TUE)),
            flex("bo", 1, (MON, TUE), (MON, TUE)),
            fixed("cy", (WED, THU, FRI)),
        ],
        offices=[Office("lon", "London", desks=2)],
    ),
    "an anchor day is never a flexible home day": problem(
        [flex("ann", 1, (TUE, WED, THU), (WED, TUE)), flex("bo", 2, (MON, WED, THU), (WED, MON))],
        teams=[Team("sup", "Support", anchor_weekdays=(WED,))],
    ),
    "fixed days, recall, meeting, occasional day and part time are facts": problem(
        [
            flex(
                "ann",
                2,
                (MON, TUE, WED, THU),
                (TUE, MON, WED),
                working_weekdays=(MON, TUE, WED, THU),
            ),
            flex("bo", 1, (MON, TUE, WED), (TUE, MON)),
            fixed("cy", (TUE,)),
            fixed("di"),
        ],
        teams=[Team("sup", "Support", minimums=minimums(2))],
        offices=[Office("lon", "London", desks=3)],
        blocks=(
            Blocked("ann", day(WEEK1, TUE), Block.RECALL),
            Blocked("bo", day(WEEK1, MON), Block.MEETING),
            Blocked("di", day(WEEK1, WED), Block.OCCASIONAL),
            Blocked("di", day(WEEK1, WED), Block.LEAVE),  # leave beats the occasional day
            Blocked("di", day(WEEK1, THU), Block.AWAY),
        ),
    ),
    "a public holiday, kept home days": problem(
        [flex("ann", 2, (MON, TUE, WED), (MON, TUE, WED)), fixed("bo")],
        offices=[Office("lon", "London", holidays=frozenset({day(WEEK1, MON)}))],
    ),
    "a public holiday and leave, prorated home days": problem(
        [
            flex("ann", 2, (MON, TUE, WED, THU), (MON, TUE)),
            flex("bo", 3, (MON, TUE, WED, THU), (THU,)),
        ],
        offices=[Office("lon", "London", holidays=frozenset({day(WEEK1, MON)}))],
        blocks=tuple(Blocked("bo", day(WEEK1, d), Block.LEAVE) for d in (TUE, WED)),
        prorate_short_weeks=True,
    ),
    "carried-over regret wins the contested day": problem(
        [
            flex("ann", 1, (MON, FRI), (FRI, MON)),
            flex("bo", 1, (MON, FRI), (FRI, MON), prior_regret=3),
            fixed("cy"),
        ],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=2),))],
    ),
    "two weeks: the disappointed get their turn": problem(
        [*ANN_BO, fixed("cy")],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=2),))],
        weeks=(WEEK1, WEEK2),
    ),
    "re-planning mid-week keeps what it can": problem(
        [flex("ann", 2, (MON, TUE, WED, THU), (MON, THU)), flex("bo", 1, (TUE, WED, THU), (THU,))],
        teams=[Team("sup", "Support", minimums=(Minimum(THU, people=1),))],
        blocks=(Blocked("bo", day(WEEK1, TUE), Block.LEAVE),),
        published=Published(
            weeks=frozenset({WEEK1}),
            home={
                "ann": frozenset({day(WEEK1, MON), day(WEEK1, THU)}),
                "bo": frozenset({day(WEEK1, TUE)}),
            },
        ),
        frozen_before=day(WEEK1, WED),
    ),
    "two teams share one office's desks": problem(
        [
            flex("ann", 1, (MON, TUE), (MON,)),
            flex("bo", 1, (MON, TUE), (MON,), team="ops"),
            flex("cy", 1, (MON, TUE), (MON,), team="ops"),
            fixed("di", (WED, THU, FRI), team="ops"),
        ],
        teams=[
            Team("sup", "Support"),
            Team("ops", "Operations", minimums=(Minimum(MON, people=2),)),
        ],
        offices=[Office("lon", "London", desks=3)],
    ),
    "one week's own preferences": problem(
        [
            replace(flex("ann", 1, (MON, FRI), (FRI, MON)), week_preferences={WEEK2: (MON, FRI)}),
            flex("bo", 1, (MON, FRI), (FRI, MON)),
            fixed("cy"),
        ],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=2), Minimum(MON, people=2)))],
        weeks=(WEEK1, WEEK2),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_plan_is_optimal_by_brute_force(name):
    p = CASES[name]
    truth = Oracle(p).solve()
    assert truth is not None, "every table case has a plan"
    best, plans = truth
    result = plan(p)
    assert result.status is Status.OPTIMAL
    assert (result.objective, result.bound, result.gap) == (best, best, 0.0)
    assert planned_home(result) in plans
    assert result.holes == ()


def random_problem(seed: int) -> Problem:
    """A small random department: up to six people, one or two weeks, random rules."""
    rng = random.Random(seed)
    weeks = (WEEK1,) if rng.random() < 0.6 else (WEEK1, WEEK2)
    people = []
    for i in range(rng.randint(3, 6)):
        key, team = f"p{i}", rng.choice(("sup", "ops"))
        if rng.random() < 0.6:
            allowed = tuple(sorted(rng.sample(range(5), rng.randint(1, 3))))
            prefs = tuple(rng.sample(allowed, rng.randint(0, len(allowed))))
            people.append(flex(key, rng.randint(1, len(allowed)), allowed, prefs, team=team,
                               prior_regret=rng.choice((0, 0, 2))))  # fmt: skip
        else:
            people.append(fixed(key, tuple(rng.sample(range(5), rng.randint(0, 1))), team=team))
    teams = [
        Team(
            key,
            key.capitalize(),
            minimums=tuple(
                Minimum(d, people=rng.randint(1, 2))
                if rng.random() < 0.5
                else Minimum(d, share=0.5)
                for d in rng.sample(range(5), rng.randint(0, 3))
            ),
            anchor_weekdays=tuple(rng.sample(range(5), rng.choice((0, 0, 1)))),
        )
        for key in ("sup", "ops")
    ]
    days = [day(w, d) for w in weeks for d in range(5)]
    blocks = tuple(
        Blocked(rng.choice(people).key, rng.choice(days), rng.choice(list(Block)))
        for _ in range(rng.randint(0, 4))
    )
    desks = rng.choice((None, len(people) - 1, len(people) - 2))
    return problem(people, teams=teams, offices=[Office("lon", "London", desks=desks)],
                   weeks=weeks, blocks=blocks, prorate_short_weeks=rng.random() < 0.3)  # fmt: skip


def small_random_problems(count: int) -> list[Problem]:
    found, seed = [], 0
    while len(found) < count:
        p = random_problem(seed)
        seed += 1
        if math.prod(len(o) or 1 for _, _, o in Oracle(p).weeks) <= 400:
            found.append(p)
    return found


@pytest.mark.parametrize("p", small_random_problems(25))
def test_random_small_problems_match_brute_force(p):
    truth = Oracle(p).solve()
    result = plan(p)
    if truth is None:
        assert result.status is Status.INFEASIBLE
        assert result.clashes
        return
    assert result.status is Status.OPTIMAL
    assert result.objective == truth[0]
    assert planned_home(result) in truth[1]
    greedy = plan_greedy(p)
    if not greedy.holes:
        assert greedy.objective >= truth[0]
