"""The planner's infeasibility reports: the clashing rules, in words (pure, no Django)."""

from __future__ import annotations

from homeward.schedule.planner import (
    Block,
    Blocked,
    Minimum,
    Office,
    Problem,
    Rule,
    Status,
    Team,
    plan,
)
from homeward.schedule.planner import explain as explain_module
from homeward.schedule.planner.cpsat import Builder
from homeward.schedule.planner.instance import compile_problem
from homeward.schedule.tests.planner_oracle import (
    FRI,
    MON,
    TUE,
    WED,
    WEEK1,
    day,
    fixed,
    flex,
    minimums,
    problem,
)

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
