"""One plan's value, the rules it breaks, and how each person fared: shared by both planners.

A plan is the set of free cells (person, day) that are home days. The objective is
total regret + fairness weight x (sum over teams of the worst cumulative regret among the
team's people with a real choice) + stability weight x (published days that change).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from . import words
from .instance import Cell, Choice, Instance
from .model import (
    Assignment,
    Fairness,
    Hole,
    Plan,
    Satisfaction,
    Status,
    Where,
)


@dataclass(frozen=True)
class Score:
    objective: int
    total_regret: int
    changes: int
    satisfaction: tuple[Satisfaction, ...]
    fairness: Fairness | None
    holes: tuple[Hole, ...]


def objective_of(inst: Instance, choices: Sequence[Choice], home: set[Cell]) -> int:
    """The objective's share that depends on these choices (all of a team's, or none)."""
    weights = inst.problem.weights
    with_choice = inst.choosers
    regret: dict[int, int] = defaultdict(int)
    cells: set[Cell] = set()
    for c in choices:
        regret[c.person] += sum(c.ranks[d] for d in c.days if (c.person, d) in home) - c.best
        cells.update((c.person, d) for d in c.days)
    team_worst: dict[str, int] = {}
    for p, r in regret.items():
        if p in with_choice:
            team = inst.people[p].team
            team_worst[team] = max(team_worst.get(team, 0), r + inst.people[p].prior_regret)
    changes = sum(
        1
        for cell, was_home in inst.published.items()
        if cell in cells and (cell in home) != was_home
    )
    return (
        sum(regret.values())
        + weights.fairness * sum(team_worst.values())
        + weights.stability * changes
    )


def score(inst: Instance, home: set[Cell]) -> Score:
    weights = inst.problem.weights
    regret: dict[int, int] = defaultdict(int)
    best: dict[int, int] = defaultdict(int)
    worst: dict[int, int] = defaultdict(int)
    got: dict[int, int] = defaultdict(int)
    home_days: dict[int, int] = defaultdict(int)
    preferred: dict[int, int] = defaultdict(int)
    for c in inst.choices:
        picked = [d for d in c.days if (c.person, d) in home]
        rank_sum = sum(c.ranks[d] for d in picked)
        regret[c.person] += rank_sum - c.best
        best[c.person] += c.best
        worst[c.person] += c.worst
        got[c.person] += rank_sum
        home_days[c.person] += len(picked)
        preferred[c.person] += sum(1 for d in picked if c.ranks[d] <= c.cutoff)
    people = sorted(regret)
    satisfaction = tuple(
        Satisfaction(
            person=inst.people[p].key,
            home_days=home_days[p],
            preferred_days=preferred[p],
            regret=regret[p],
            cumulative_regret=regret[p] + inst.people[p].prior_regret,
            score=1.0 if worst[p] == best[p] else (worst[p] - got[p]) / (worst[p] - best[p]),
        )
        for p in people
    )
    with_choice = inst.choosers
    chosen = [p for p in people if p in with_choice]
    team_worst: dict[str, int] = {}
    for p in chosen:
        cumulative = regret[p] + inst.people[p].prior_regret
        team = inst.people[p].team
        team_worst[team] = max(team_worst.get(team, 0), cumulative)
    changes = inst.forced_changes + sum(
        1 for cell, was_home in inst.published.items() if (cell in home) != was_home
    )
    total = sum(regret.values())
    objective = total + weights.fairness * sum(team_worst.values()) + weights.stability * changes
    return Score(
        objective=objective,
        total_regret=total,
        changes=changes,
        satisfaction=satisfaction,
        fairness=_fairness(inst, chosen, regret),
        holes=tuple(holes(inst, home)),
    )


def _fairness(inst: Instance, choosers: list[int], regret: dict[int, int]) -> Fairness | None:
    if not choosers:
        return None
    cumulative = {p: regret[p] + inst.people[p].prior_regret for p in choosers}
    worst = max(cumulative.values())
    return Fairness(
        worst_regret=worst,
        worst_people=tuple(inst.people[p].key for p in choosers if cumulative[p] == worst),
        spread=worst - min(cumulative.values()),
        mean_regret=sum(cumulative.values()) / len(cumulative),
    )


def holes(inst: Instance, home: set[Cell]) -> list[Hole]:
    """Every rule the plan breaks, with a sentence saying how."""
    teams = {t.key: t.name for t in inst.problem.teams}
    offices = {o.key: o.name for o in inst.problem.offices}
    found: list[Hole] = []
    for c in inst.minimums:
        actual = c.fixed_in + sum(1 for cell in c.cells if cell not in home)
        if actual < c.required:
            found.append(
                Hole(
                    c.rule,
                    c.required,
                    actual,
                    f"{teams[c.rule.subject]} needs {c.required} in the office on "
                    f"{words.day(c.rule.day)} but the plan has {actual}.",
                )
            )
    for c in inst.desks:
        actual = c.fixed_in + sum(1 for cell in c.cells if cell not in home)
        if actual > c.required:
            found.append(
                Hole(
                    c.rule,
                    c.required,
                    actual,
                    f"{offices[c.rule.subject]} has {words.count(c.required, 'desk')} on "
                    f"{words.day(c.rule.day)} but the plan has {actual} people in.",
                )
            )
    for a in inst.anchors:
        away = [inst.people[p].name for p, d in a.cells if (p, d) in home]
        if away:
            found.append(
                Hole(
                    a.rule,
                    0,
                    len(away),
                    f"{words.day(a.rule.day)} is {teams[a.rule.subject]}'s anchor day but the "
                    f"plan has {words.names(away)} at home.",
                )
            )
    for choice in inst.choices:
        actual = sum(1 for d in choice.days if (choice.person, d) in home)
        if actual != choice.need:
            name = inst.people[choice.person].name
            found.append(
                Hole(
                    choice.rule,
                    choice.need,
                    actual,
                    f"{name} is due {words.count(choice.need, 'home day')} "
                    f"in {words.week(choice.rule.day)} but the plan has {actual}.",
                )
            )
    return found


def assignments(inst: Instance, home: set[Cell]) -> tuple[Assignment, ...]:
    """Every person's working days (days they do not work are left out)."""
    out: list[Assignment] = []
    for p, person in enumerate(inst.people):
        for di, day in enumerate(inst.days):
            cell = (p, di)
            if cell in inst.choice_of:
                at_home = cell in home
                anchored = di in inst.choice_of[cell].anchored
                reason = "anchor day" if anchored and not at_home else "flexible"
                where = Where.HOME if at_home else Where.OFFICE
                out.append(Assignment(person.key, day, where, True, reason))
                continue
            where, reason = inst.fixed[cell]
            if where is Where.NOT_WORKING:
                continue
            out.append(Assignment(person.key, day, where, cell in inst.planned_fixed, reason))
    return tuple(out)


def make_plan(
    inst: Instance,
    home: set[Cell],
    *,
    status: Status,
    solver: str,
    seconds: float,
    first_seconds: float | None,
    bound: int | None = None,
) -> Plan:
    result = score(inst, home)
    gap = None
    if bound is not None:
        gap = max(0.0, (result.objective - bound) / max(1, result.objective))
    return Plan(
        status=status,
        solver=solver,
        assignments=assignments(inst, home),
        objective=result.objective,
        bound=bound,
        gap=gap,
        solve_seconds=seconds,
        first_solution_seconds=first_seconds,
        total_regret=result.total_regret,
        changes=result.changes,
        satisfaction=result.satisfaction,
        fairness=result.fairness,
        holes=result.holes,
    )
