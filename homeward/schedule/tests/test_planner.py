"""The week planner on small instances: pure, no database, no Django.

Every table case is also solved by brute force (every combination of home days, checked
and scored by ``Oracle`` below, written from the rules in docs/planner-engine.md and not
from the planner's code), and CP-SAT's plan must be one of the optimal ones. The planner
does not read the clock, so fixed dates are used: the words are about those dates.
"""

from __future__ import annotations

import itertools
import math
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest

from homeward.schedule.planner import (
    Block,
    Blocked,
    Flexible,
    Minimum,
    Office,
    Person,
    Plan,
    PlannerInputError,
    Problem,
    Published,
    Rule,
    Settings,
    Status,
    Team,
    Weights,
    Where,
    plan,
    plan_greedy,
)
from homeward.schedule.planner import explain as explain_module
from homeward.schedule.planner.cpsat import Builder, split
from homeward.schedule.planner.instance import compile_problem

MON, TUE, WED, THU, FRI = range(5)
WEEK1 = date(2027, 3, 8)  # a Monday
WEEK2 = WEEK1 + timedelta(weeks=1)
ABSENT = {Where.LEAVE, Where.AWAY, Where.HOLIDAY, Where.NOT_WORKING}
FORCE = {
    Block.LEAVE: Where.LEAVE,
    Block.AWAY: Where.AWAY,
    Block.RECALL: Where.OFFICE,
    Block.MEETING: Where.OFFICE,
    Block.OCCASIONAL: Where.HOME,
}


def day(monday: date, weekday: int) -> date:
    return monday + timedelta(days=weekday)


def flex(key: str, n: int, allowed: tuple[int, ...], prefs: tuple[int, ...] = (), **kw) -> Person:
    return Person(
        key, key.capitalize(), kw.pop("team", "sup"), kw.pop("office", "lon"),
        flexible=Flexible(n, allowed), preferences=prefs, **kw,
    )  # fmt: skip


def fixed(key: str, home: tuple[int, ...] = (), **kw) -> Person:
    return Person(key, key.capitalize(), kw.pop("team", "sup"), kw.pop("office", "lon"),
                  home_weekdays=home, **kw)  # fmt: skip


def problem(people, *, teams=None, offices=None, weeks=(WEEK1,), **kw) -> Problem:
    return Problem(
        weeks=weeks,
        people=tuple(people),
        teams=tuple(teams or (Team("sup", "Support"),)),
        offices=tuple(offices or (Office("lon", "London"),)),
        **kw,
    )


def minimums(n: int | None = None, share: float | None = None, days=range(5)):
    return tuple(Minimum(d, people=n, share=share) for d in days)


class Oracle:
    """Brute force: every combination of home days, checked and scored from the rules."""

    def __init__(self, p: Problem) -> None:
        self.p = p
        self.teams = {t.key: t for t in p.teams}
        self.offices = {o.key: o for o in p.offices}
        self.days = [day(w, i) for w in sorted(p.weeks) for i in range(7)]
        self.open = [d for d in self.days if p.frozen_before is None or d >= p.frozen_before]
        blocks: dict[tuple[str, date], Where] = {}
        rank = {Where.LEAVE: 0, Where.AWAY: 0, Where.OFFICE: 1, Where.HOME: 2}
        for b in p.blocks:
            where = FORCE[b.block]
            old = blocks.get((b.person, b.day))
            if old is None or rank[where] < rank[old]:
                blocks[b.person, b.day] = where
        self.blocks = blocks
        self.weeks: list[tuple[Person, date, list[tuple[frozenset[date], int]]]] = []
        for person in p.people:
            for monday in sorted(p.weeks):
                self._week(person, monday)

    def base(self, person: Person, d: date) -> Where | str:
        """Where the person is before planning, or "free" / "frozen"."""
        if d.weekday() not in person.working_weekdays:
            return Where.NOT_WORKING
        if d in self.offices[person.office].holidays:
            return Where.HOLIDAY
        if (person.key, d) in self.blocks:
            return self.blocks[person.key, d]
        if d.weekday() in person.home_weekdays:
            return Where.HOME
        f = person.flexible
        if f and f.n_days and d.weekday() in f.allowed_weekdays:
            return "free" if d in self.open else "frozen"
        return Where.OFFICE

    def published_home(self, person: Person, d: date) -> bool:
        return d in self.p.published.home.get(person.key, frozenset())

    def _week(self, person: Person, monday: date) -> None:
        f = person.flexible
        if f is None:
            return
        week = [day(monday, i) for i in range(7)]
        state = {d: self.base(person, d) for d in week}
        free = [d for d in week if state[d] == "free"]
        frozen_home = sum(
            1 for d in week if state[d] == "frozen" and self.published_home(person, d)
        )
        anchors = self.teams[person.team].anchor_weekdays
        ordinary = set(f.allowed_weekdays) & set(person.working_weekdays)
        ordinary -= set(person.home_weekdays) | set(anchors)
        usable = [d for d in free if d.weekday() not in anchors]
        n = f.n_days
        if self.p.prorate_short_weeks:
            worked = sum(1 for d in week if state[d] not in ABSENT)
            n = min(n, math.floor(n * worked / len(person.working_weekdays) + 0.5))
        count = len(usable) if f.n_days <= len(ordinary) else len(free)
        need = max(0, min(n - frozen_home, count))
        prefs = []
        for d in person.week_preferences.get(monday, person.preferences):
            if d in f.allowed_weekdays and d not in prefs:
                prefs.append(d)
        rank = {d: prefs.index(d.weekday()) if d.weekday() in prefs else len(prefs) for d in free}
        options = [
            (frozenset(c), sum(rank[d] for d in c)) for c in itertools.combinations(free, need)
        ]
        self.weeks.append((person, monday, options))

    def where(self, person: Person, d: date, home: set[tuple[str, date]]) -> Where:
        state = self.base(person, d)
        if state == "free":
            return Where.HOME if (person.key, d) in home else Where.OFFICE
        if state == "frozen":
            return Where.HOME if self.published_home(person, d) else Where.OFFICE
        assert isinstance(state, Where)
        return state

    def valid(self, home: set[tuple[str, date]]) -> bool:
        for d in self.open:
            for team in self.p.teams:
                members = [q for q in self.p.people if q.team == team.key]
                states = [self.where(q, d, home) for q in members]
                if all(s in (Where.HOLIDAY, Where.NOT_WORKING) for s in states):
                    continue
                if d.weekday() in team.anchor_weekdays and any((q.key, d) in home for q in members):
                    return False
                for m in team.minimums:
                    if m.weekday != d.weekday():
                        continue
                    working = sum(1 for s in states if s not in ABSENT)
                    need = m.people if m.people is not None else math.ceil(m.share * working - 1e-9)
                    if sum(1 for s in states if s is Where.OFFICE) < need:
                        return False
            for office in self.p.offices:
                if office.desks is None:
                    continue
                inside = sum(
                    1
                    for q in self.p.people
                    if q.office == office.key and self.where(q, d, home) is Where.OFFICE
                )
                if inside > office.desks:
                    return False
        return True

    def solve(self) -> tuple[int, list[frozenset[tuple[str, date]]]] | None:
        """The least objective and every plan (its home days) that reaches it."""
        anchors = {p.key: self.teams[p.team].anchor_weekdays for p in self.p.people}
        best_of, worst_of = [], []
        for person, _, options in self.weeks:
            clean = [
                s for c, s in options if all(d.weekday() not in anchors[person.key] for d in c)
            ]
            pool = clean or [s for _, s in options]
            best_of.append(min(pool, default=0))
            worst_of.append(max(pool, default=0))
        choosers = {
            w[0].key for w, b, x in zip(self.weeks, best_of, worst_of, strict=True) if b != x
        }
        best, plans = None, []
        for combo in itertools.product(*(options for _, _, options in self.weeks)):
            home = {(w[0].key, d) for w, (c, _) in zip(self.weeks, combo, strict=True) for d in c}
            if not self.valid(home):
                continue
            value = self.objective(home, combo, best_of, choosers)
            if best is None or value < best:
                best, plans = value, []
            if value == best:
                plans.append(frozenset(home))
        return None if best is None else (best, plans)

    def objective(self, home, combo, best_of, choosers) -> int:
        regret: dict[str, int] = {}
        for (person, _, _), (_, s), b in zip(self.weeks, combo, best_of, strict=True):
            regret[person.key] = regret.get(person.key, 0) + s - b
        worst: dict[str, int] = {}
        for person in self.p.people:
            if person.key in choosers:
                cumulative = regret[person.key] + person.prior_regret
                worst[person.team] = max(worst.get(person.team, 0), cumulative)
        changes = 0
        for person in self.p.people:
            if person.key not in self.p.published.home or person.flexible is None:
                continue
            for d in self.open:
                if d - timedelta(days=d.weekday()) not in self.p.published.weeks:
                    continue
                was = self.published_home(person, d)
                state = self.base(person, d)
                if state == "free":
                    changes += ((person.key, d) in home) != was
                elif was and state is Where.OFFICE:
                    changes += 1
        w = self.p.weights
        return sum(regret.values()) + w.fairness * sum(worst.values()) + w.stability * changes


def planned_home(result: Plan) -> frozenset[tuple[str, date]]:
    return frozenset(
        (a.person, a.day)
        for a in result.assignments
        if a.planned and a.where is Where.HOME and a.reason == "flexible"
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


# ---- infeasibility: the clashing rules, in words ------------------------------------


def test_minimum_against_leave_names_the_rule_and_who_is_away():
    p = problem(
        [fixed("ann"), fixed("bo"), fixed("cy", (FRI,)), fixed("di"), fixed("ed")],
        teams=[Team("sup", "Support", minimums=(Minimum(FRI, people=4),))],
        blocks=(
            Blocked("ann", day(WEEK1, FRI), Block.LEAVE),
            Blocked("bo", day(WEEK1, FRI), Block.LEAVE),
        ),
    )
    result = plan(p)
    assert result.status is Status.INFEASIBLE and not result.has_plan
    [clash] = result.clashes
    assert clash.rules == (Rule("minimum", "sup", day(WEEK1, FRI)),)
    assert (clash.required, clash.possible) == (4, 2)
    assert clash.message == (
        "Support needs 4 in the office on Friday 12 March but only 2 of its 5 people can be "
        "there: Ann and Bo are on leave and Cy works from home on Fridays."
    )


def test_desks_against_people_who_must_come_in():
    two_days = {"working_weekdays": (MON, TUE)}
    p = problem(
        [fixed("ann", **two_days), fixed("bo", **two_days), flex("cy", 1, (MON, TUE), **two_days)],
        offices=[Office("lon", "London", desks=2)],
        blocks=(Blocked("cy", day(WEEK1, TUE), Block.RECALL),),
    )
    [clash] = plan(p).clashes
    assert clash.rules == (Rule("desks", "lon", day(WEEK1, TUE)),)
    assert clash.message == (
        "London has 2 desks on Tuesday 9 March but 3 people must be in: "
        "2 without an arrangement and 1 recalled."
    )


def desks_and_anchor() -> Problem:
    two_days = {"working_weekdays": (TUE, WED)}
    return problem(
        [flex("ann", 1, (TUE, WED), **two_days), flex("bo", 1, (TUE, WED), **two_days),
         fixed("cy", **two_days)],
        teams=[Team("sup", "Support", anchor_weekdays=(TUE,))],
        offices=[Office("lon", "London", desks=2)],
    )  # fmt: skip


def test_desks_against_an_anchor_day():
    p = desks_and_anchor()
    clashes = plan(p).clashes
    assert [c.message for c in clashes] == [
        "London has 2 desks on Tuesday 9 March but 3 people must be in, "
        "given that Tuesday 9 March is Support's anchor day."
    ]
    assert set(clashes[0].rules) == {
        Rule("desks", "lon", day(WEEK1, TUE)),
        Rule("anchor", "sup", day(WEEK1, TUE)),
    }


def test_arrangement_against_anchor_days():
    p = problem(
        [flex("ann", 2, (TUE, WED)), fixed("bo")],
        teams=[Team("sup", "Support", anchor_weekdays=(WED,))],
    )
    [clash] = plan(p).clashes
    assert clash.message == (
        "Ann is due 2 home days in the week of 8 March but can have only 1, "
        "given that Wednesday 10 March is Support's anchor day."
    )


def test_minimum_against_the_home_days_due_names_the_people():
    p = problem(
        [flex(k, 2, (MON, TUE), (MON,)) for k in ("ann", "bo")] + [fixed("cy"), fixed("di")],
        teams=[Team("sup", "Support", minimums=minimums(3, days=(MON, TUE)))],
    )
    [clash] = plan(p).clashes
    assert clash.focus == Rule("minimum", "sup", day(WEEK1, MON))
    assert clash.message == (
        "Support needs 3 in the office on Monday 8 March but only 2 can be there, given "
        "that Ann and Bo have 4 home days due in the week of 8 March."
    )


def test_a_rule_demanding_more_people_than_the_team_has():
    p = problem([fixed("ann"), fixed("bo")], teams=[Team("sup", "Support", minimums=minimums(3))])
    result = plan(p)
    assert len(result.clashes) == 5  # one a day, at most five reported
    assert result.clashes[0].message.startswith(
        "Support needs 3 in the office on Monday 8 March but only 2 of its 2 people"
    )


def test_independent_clashes_are_all_reported_and_each_is_minimal():
    p = problem(
        [flex("ann", 2, (TUE, WED)), fixed("bo"), flex("cy", 1, (MON, TUE), team="ops"),
         flex("di", 1, (MON, TUE), team="ops"), fixed("ed", team="ops")],
        teams=[
            Team("sup", "Support", anchor_weekdays=(WED,)),
            Team("ops", "Operations", minimums=minimums(3, days=(MON, TUE))),
        ],
    )  # fmt: skip
    result = plan(p)
    assert {c.focus.kind for c in result.clashes} == {"home_days", "minimum"}
    inst = compile_problem(p)
    items = {i.rule: i for i in [*inst.choices, *inst.minimums, *inst.desks, *inst.anchors]}
    for clash in result.clashes:
        assert not feasible_with(inst, items, clash.rules)
        for left_out in clash.rules:
            assert feasible_with(inst, items, [r for r in clash.rules if r != left_out])


def feasible_with(inst, items, rules) -> bool:
    from ortools.sat.python import cp_model

    builder = Builder(inst.choices)
    for rule in rules:
        explain_module._add(builder, items[rule])
    return cp_model.CpSolver().solve(builder.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_big_clashes_are_described_by_the_closest_plan(monkeypatch):
    monkeypatch.setattr(explain_module, "EXACT_CELLS", 0)
    [clash] = plan(desks_and_anchor()).clashes
    assert clash.message == (
        "London has 2 desks on Tuesday 9 March but the closest plan that keeps the anchor "
        "days and the home days due has 3 people in (1 over the desks that week in all, "
        "and no plan does better)."
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
