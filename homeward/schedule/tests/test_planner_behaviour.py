"""The planner's fairness, stability, greedy fallback, determinism and input checks."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest

from homeward.schedule.planner import (
    Block,
    Blocked,
    Minimum,
    Office,
    Plan,
    PlannerInputError,
    Problem,
    Published,
    Settings,
    Status,
    Team,
    Weights,
    Where,
    plan,
    plan_greedy,
)
from homeward.schedule.planner.cpsat import split
from homeward.schedule.planner.instance import compile_problem
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
    problem,
)

# ---- fairness, stability, greedy, determinism ----------------------------------------


def fridays(result: Plan) -> dict[str, int]:
    counts = {"ann": 0, "bo": 0}
    for a in result.assignments:
        if a.where is Where.HOME and a.day.weekday() == FRI:
            counts[a.person] += 1
    return counts


def test_nobody_always_gets_their_last_choice():
    # One Friday at home a week between Ann and Bo. Losing it costs Ann one place in her
    # ranking (Monday is her second choice) and Bo two (his second, Tuesday, is a recall
    # day every week), so the least total regret sends Ann in every Friday. Fairness
    # (the team's worst cumulative regret) gives her one Friday in four instead.
    four = tuple(WEEK1 + timedelta(weeks=w) for w in range(4))
    p = problem(
        [flex("ann", 1, (MON, FRI), (FRI, MON)), flex("bo", 1, (MON, TUE, FRI), (FRI, TUE, MON)),
         fixed("cy")],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=2),))],
        weeks=four,
        blocks=tuple(Blocked("bo", day(w, TUE), Block.RECALL) for w in four),
    )  # fmt: skip
    fair = plan(p)
    assert fridays(fair) == {"ann": 1, "bo": 3}
    assert fair.fairness is not None
    assert (fair.fairness.worst_regret, fair.fairness.worst_people) == (3, ("ann",))
    assert (fair.total_regret, fair.fairness.spread) == (5, 1)
    assert {s.person: s.score for s in fair.satisfaction} == {"ann": 0.25, "bo": 0.75}
    unfair = plan(replace(p, weights=Weights(fairness=0)))
    assert fridays(unfair) == {"ann": 0, "bo": 4}
    assert unfair.fairness is not None and unfair.fairness.worst_regret == 4
    assert unfair.total_regret == 4


def test_replanning_mid_week_keeps_the_published_days():
    published = Published(
        weeks=frozenset({WEEK1}),
        home={"ann": frozenset({day(WEEK1, MON), day(WEEK1, THU)}),
              "bo": frozenset({day(WEEK1, WED)})},
    )  # fmt: skip
    base = problem(
        [flex("ann", 2, (MON, TUE, WED, THU), (TUE, WED)), flex("bo", 1, (WED, THU), (THU,))],
        teams=[Team("sup", "Support", minimums=(Minimum(WED, people=1),))],
        published=published,
        frozen_before=day(WEEK1, WED),
    )
    kept = plan(base)
    assert kept.changes == 0  # Bo would rather stay home on Thursday, but was told Wednesday
    assert kept.home_days() == {"ann": (day(WEEK1, MON), day(WEEK1, THU)), "bo": (day(WEEK1, WED),)}
    monday = next(a for a in kept.assignments if a.person == "ann" and a.day == day(WEEK1, MON))
    assert (monday.where, monday.planned, monday.reason) == (Where.HOME, True, "published")
    # Ann is now on leave on Thursday. Monday is past and stays; her second home day can
    # only be Wednesday, so Bo, who covers Wednesday's minimum, moves to Thursday.
    leave = plan(replace(base, blocks=(Blocked("ann", day(WEEK1, THU), Block.LEAVE),)))
    assert leave.home_days() == {
        "ann": (day(WEEK1, MON), day(WEEK1, WED)),
        "bo": (day(WEEK1, THU),),
    }
    assert leave.changes == 3  # Ann's Wednesday, Bo's Wednesday and Thursday
    loose = plan(replace(base, weights=Weights(stability=0)))
    # Without the stability weight both follow their preferences instead.
    assert loose.home_days() == {
        "ann": (day(WEEK1, MON), day(WEEK1, WED)),
        "bo": (day(WEEK1, THU),),
    }
    assert loose.changes == 4


def test_greedy_is_provably_worse_here():
    # Dan can only be home on Tuesday and goes first; Ann (fewer options) then takes
    # Monday, and Bo, who could only fall back to Wednesday, loses twice. Letting Ann take
    # Thursday instead costs one place in her ranking, not two.
    p = problem(
        [
            flex("ann", 1, (MON, THU), (MON, THU)),
            flex("bo", 1, (MON, TUE, WED), (MON, TUE, WED)),
            flex("dan", 1, (TUE,)),
            fixed("cy"),
        ],
        teams=[Team("sup", "Support", minimums=minimums(3))],
    )
    best, _ = Oracle(p).solve() or (None, None)
    greedy, cpsat = plan_greedy(p), plan(p)
    assert cpsat.objective == best == 1 + 4 * 1
    assert greedy.objective == 2 + 4 * 2 and not greedy.holes
    assert greedy.status is Status.GREEDY and greedy.bound is None


def test_greedy_leaves_a_hole_where_cp_sat_finds_a_plan():
    # Rae can only be home on Monday, Al takes Tuesday, and Ben is left with Monday too:
    # moving him to Tuesday would only move the hole. CP-SAT sends Al to Wednesday.
    p = problem(
        [
            flex("rae", 1, (MON,)),
            flex("al", 1, (TUE, WED), (TUE, WED)),
            flex("ben", 1, (MON, TUE), (MON, TUE)),
            fixed("cy"),
        ],
        teams=[Team("sup", "Support", minimums=minimums(3))],
    )
    greedy = plan_greedy(p)
    assert [h.message for h in greedy.holes] == [
        "Support needs 3 in the office on Monday 8 March but the plan has 2."
    ]
    assert plan(p).holes == () and Oracle(p).solve() is not None


def department(seed: int, size: int = 60) -> Problem:
    rng = random.Random(seed)
    weeks = (WEEK1, WEEK2)
    people = []
    for i in range(size):
        team = f"t{i // 10}"
        office = "lon" if i < size // 2 else "man"
        if rng.random() < 0.6:
            allowed = (MON, TUE, WED, THU, FRI)
            prefs = tuple(rng.sample(allowed, 4))
            people.append(
                flex(f"p{i}", rng.choice((1, 2)), allowed, prefs, team=team, office=office)
            )
        else:
            people.append(fixed(f"p{i}", team=team, office=office))
    teams = [
        Team(f"t{t}", f"Team {t}", minimums=minimums(share=0.4),
             anchor_weekdays=(WED,) if t % 3 == 0 else ())
        for t in range(size // 10)
    ]  # fmt: skip
    offices = [Office("lon", "London", desks=round(size * 0.4)), Office("man", "Manchester")]
    # (London has desks for 80% of its people.)
    return problem(people, teams=teams, offices=offices, weeks=weeks)


def test_same_input_same_plan():
    p = department(0)
    first, second = plan(p), plan(p)
    assert first.status is Status.OPTIMAL
    assert first.assignments == second.assignments
    assert first.objective == second.objective


def test_decomposition_does_not_change_the_optimum():
    p = department(9)
    whole = plan(p, Settings(decompose=False, hint_from_greedy=False))
    parts = plan(p)
    assert whole.status is parts.status is Status.OPTIMAL
    assert whole.objective == parts.objective
    assert len(split(compile_problem(p))) > 1


def test_no_time_falls_back_to_greedy():
    p = department(4)
    result = plan(p, Settings(time_limit=0.0))
    assert (result.status, result.solver, result.bound, result.gap) == (
        Status.FALLBACK, "greedy", None, None,
    )  # fmt: skip
    assert result.assignments == plan_greedy(p).assignments


def test_assignments_say_where_and_why():
    p = problem(
        [flex("ann", 1, (MON, TUE), (TUE,)), fixed("bo", (FRI,), working_weekdays=(MON, TUE, FRI))],
        offices=[Office("lon", "London", holidays=frozenset({day(WEEK1, MON)}))],
        blocks=(Blocked("ann", day(WEEK1, WED), Block.MEETING),),
    )
    result = plan(p)
    got = {(a.person, a.day.weekday()): (a.where, a.planned, a.reason) for a in result.assignments}
    assert result.where("ann", day(WEEK1, TUE)) is Where.HOME
    assert result.where("bo", day(WEEK1, WED)) is None  # Bo does not work on Wednesdays
    assert got == {
        ("ann", MON): (Where.HOLIDAY, False, "holiday"),
        ("ann", TUE): (Where.HOME, True, "flexible"),
        ("ann", WED): (Where.OFFICE, False, "meeting"),
        ("ann", THU): (Where.OFFICE, False, "arrangement"),
        ("ann", FRI): (Where.OFFICE, False, "arrangement"),
        ("bo", MON): (Where.HOLIDAY, False, "holiday"),
        ("bo", TUE): (Where.OFFICE, False, "arrangement"),
        ("bo", FRI): (Where.HOME, False, "fixed arrangement"),
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(weeks=()), "The horizon has no weeks."),
        (dict(weeks=(WEEK1 + timedelta(days=1),)), "Weeks start on a Monday; 2027-03-09 is not one."),
        (dict(weeks=(WEEK1, WEEK1)), "A week appears twice in the horizon."),
        (dict(people=(fixed("ann"), fixed("ann"))), "Two person entries share a key."),
        (dict(people=(fixed("ann", team="nope"),)), "Person ann belongs to an unknown team."),
        (dict(people=(fixed("ann", office="nope"),)), "Person ann works in an unknown office."),
        (dict(people=(fixed("ann", (7,)),)), "Unknown weekday in person ann's fixed home days."),
        (dict(people=(flex("ann", 3, (MON, TUE)),)), "Person ann cannot have 3 home days from 2 allowed days."),
        (dict(teams=(Team("sup", "S", minimums=(Minimum(MON),)),)),
         "Team sup's minimum needs either a number of people or a share."),
        (dict(teams=(Team("sup", "S", minimums=(Minimum(MON, share=1.5),)),)),
         "Team sup's share must be more than 0 and at most 1."),
        (dict(offices=(Office("lon", "L", desks=-1),)), "Office lon cannot have a negative desk count."),
        (dict(blocks=(Blocked("zed", WEEK1, Block.LEAVE),)), "A leave entry names an unknown person."),
        (dict(weights=Weights(fairness=-1)), "Weights cannot be negative."),
    ],
)  # fmt: skip
def test_malformed_problems_are_refused(change, message):
    with pytest.raises(PlannerInputError) as error:
        plan(replace(problem([fixed("bo")]), **change))
    assert str(error.value) == message


def test_the_planner_imports_no_django():
    code = "import sys, homeward.schedule.planner; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
