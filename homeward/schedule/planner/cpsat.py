"""The CP-SAT model, its split into independent parts, and the solve of one part.

One Boolean per free cell (person, day): 1 = home. Rules are linear constraints over
them: a week's home days add up to what the arrangement gives; anchor days are 0; a
team's minimum caps how many of its free cells that day are 1; desks set a floor. Each
rule can be made conditional on a literal, which is how clashes are found (explain.py).

People only interact through minimums, anchor days, desks and (with a fairness weight)
their team's worst regret, so the problem falls apart into independent parts, usually one per office;
each is solved on its own with a share of the time limit.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ortools.sat.python import cp_model

from .greedy import Repair
from .instance import Anchor, Cell, Choice, Coverage, Instance
from .model import Settings
from .score import objective_of


@dataclass
class Part:
    """An independent part of the problem: its choices and the rules among them."""

    choices: list[Choice] = field(default_factory=list)
    minimums: list[Coverage] = field(default_factory=list)
    desks: list[Coverage] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)

    @cached_property
    def size(self) -> int:
        """Free cells: how big the part is (read once it is complete)."""
        return sum(len(c.days) for c in self.choices)

    def by_team(self, inst: Instance) -> list[Part]:
        """The part without its desk limits, split by team (then independent)."""
        teams: dict[str, Part] = {}
        for c in self.choices:
            teams.setdefault(inst.people[c.person].team, Part()).choices.append(c)
        for m in self.minimums:
            teams[m.rule.subject].minimums.append(m)
        for a in self.anchors:
            teams[a.rule.subject].anchors.append(a)
        return [teams[key] for key in sorted(teams)]


def split(inst: Instance, *, decompose: bool = True) -> list[Part]:
    """The independent parts, in a fixed order (by their first person)."""
    parent = list(range(len(inst.people)))

    def find(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(people: Iterable[int]) -> None:
        roots = sorted({find(p) for p in people})
        for r in roots[1:]:
            parent[r] = roots[0]

    if not decompose:
        join(c.person for c in inst.choices)
    rules: list[Coverage | Anchor] = [*inst.minimums, *inst.desks, *inst.anchors]
    for rule in rules:
        join(p for p, _ in rule.cells)
    if inst.problem.weights.fairness:
        teams: dict[str, list[int]] = defaultdict(list)
        for p in sorted(inst.choosers):
            teams[inst.people[p].team].append(p)
        for people in teams.values():
            join(people)
    parts: dict[int, Part] = {}

    def part_of(p: int) -> Part:
        return parts.setdefault(find(p), Part())

    for c in inst.choices:
        part_of(c.person).choices.append(c)
    for rule in inst.minimums:
        if rule.cells:
            part_of(rule.cells[0][0]).minimums.append(rule)
    for rule in inst.desks:
        if rule.cells:
            part_of(rule.cells[0][0]).desks.append(rule)
    for anchor in inst.anchors:
        part_of(anchor.cells[0][0]).anchors.append(anchor)
    return [parts[root] for root in sorted(parts)]


class Builder:
    """A CP-SAT model over some choices; rules are added hard or under a literal."""

    def __init__(self, choices: Sequence[Choice]) -> None:
        self.model = cp_model.CpModel()
        self.x: dict[Cell, cp_model.IntVar] = {}
        for c in choices:
            for d in c.days:
                self.x[c.person, d] = self.model.new_bool_var(f"home_{c.person}_{d}")

    def home(self, cells: Iterable[Cell]) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum([self.x[cell] for cell in cells])

    def home_days(self, c: Choice, lit: cp_model.IntVar | None = None) -> None:
        self._when(self.model.add(self.home([(c.person, d) for d in c.days]) == c.need), lit)

    def anchor(self, a: Anchor, lit: cp_model.IntVar | None = None) -> None:
        off = [~self.x[cell] for cell in a.cells]
        self._when(self.model.add_bool_and(off), lit)

    def minimum(self, c: Coverage, lit: cp_model.IntVar | None = None) -> None:
        room = c.fixed_in + len(c.cells) - c.required
        self._when(self.model.add(self.home(c.cells) <= room), lit)

    def desks(self, c: Coverage, lit: cp_model.IntVar | None = None) -> None:
        floor = c.fixed_in + len(c.cells) - c.required
        self._when(self.model.add(self.home(c.cells) >= floor), lit)

    def all_rules(self, part: Part) -> None:
        for c in part.choices:
            self.home_days(c)
        for a in part.anchors:
            self.anchor(a)
        for m in part.minimums:
            self.minimum(m)
        for d in part.desks:
            self.desks(d)

    def objective(self, inst: Instance, part: Part) -> cp_model.LinearExprT:
        """Minimise total regret + fairness x each team's worst + stability x changed days
        (returned, for bounds)."""
        weights = inst.problem.weights
        variables: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        coefficients: dict[int, list[int]] = defaultdict(list)
        constant: dict[int, int] = defaultdict(int)
        span: dict[int, int] = defaultdict(int)
        for c in part.choices:
            for d in c.days:
                if c.ranks[d]:
                    variables[c.person].append(self.x[c.person, d])
                    coefficients[c.person].append(c.ranks[d])
            constant[c.person] -= c.best
            span[c.person] += max(c.ranks.values()) * c.need - c.best
        person_regret = {
            p: cp_model.LinearExpr.weighted_sum(variables[p], coefficients[p]) + constant[p]
            for p in constant
        }
        terms: list[cp_model.LinearExprT] = list(person_regret.values())
        if weights.fairness:
            with_choice = inst.choosers
            teams: dict[str, list[int]] = defaultdict(list)
            for p in sorted(person_regret):
                if p in with_choice:
                    teams[inst.people[p].team].append(p)
            for team, people in sorted(teams.items()):
                prior = [inst.people[p].prior_regret for p in people]
                worst = self.model.new_int_var(
                    max(prior),
                    max(pr + span[p] for pr, p in zip(prior, people, strict=True)),
                    f"worst_{team}",
                )
                for pr, p in zip(prior, people, strict=True):
                    self.model.add(worst >= pr + person_regret[p])
                terms.append(weights.fairness * worst)
        if weights.stability:
            for cell, was_home in inst.published.items():
                if cell in self.x:
                    changed = (1 - self.x[cell]) if was_home else self.x[cell]
                    terms.append(weights.stability * changed)
        objective = cp_model.LinearExpr.sum(terms)
        self.model.minimize(objective)
        return objective

    def hint(self, home: set[Cell]) -> None:
        for cell, var in self.x.items():
            self.model.add_hint(var, cell in home)

    @staticmethod
    def _when(constraint: cp_model.Constraint, lit: cp_model.IntVar | None) -> None:
        if lit is not None:
            constraint.only_enforce_if(lit)


@dataclass
class Outcome:
    """What CP-SAT made of one part."""

    status: str  # "optimal", "feasible", "infeasible" or "unknown" (nothing in time)
    home: set[Cell]
    objective: int | None
    bound: int | None
    seconds: float
    first_seconds: float | None


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    def __init__(self, start: float) -> None:
        super().__init__()
        self.start = start
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.perf_counter() - self.start


def parameters(solver: cp_model.CpSolver, settings: Settings, time_limit: float) -> None:
    p = solver.parameters
    # One search thread per solve: here it proves bounds fastest, and a single worker's
    # search is the same from run to run. Settings.workers runs parts side by side instead.
    p.num_workers = 1
    p.random_seed = settings.seed
    p.max_time_in_seconds = max(time_limit, 0.0)
    p.relative_gap_limit = settings.relative_gap
    p.stop_after_first_solution = settings.stop_after_first
    p.log_search_progress = False


TEAM_SECONDS = 2.0


def solve_part(
    inst: Instance, part: Part, settings: Settings, time_limit: float, hint: set[Cell] | None
) -> Outcome:
    """Solve one part; a part held together by desks is solved team by team first.

    Without the desk limits the teams are independent, so each team's optimum is cheap
    and their sum is a lower bound for the whole part (dropping rules can only help).
    When the teams' plans fit the desks too, that is the optimum, proven. Otherwise the
    greedy repair moves single home days until they fit (usually at no or little cost:
    someone indifferent goes home on the crowded day); if that is within the gap of the
    bound, it is the answer. If not, CP-SAT solves the whole part from there, told the
    bound (and, if the repair found nothing that fits, first looks for any plan at all).
    """
    start = time.perf_counter()
    if not part.desks or not settings.decompose:
        return _solve(inst, part, settings, time_limit, hint, start=start)
    teams = part.by_team(inst)
    home: set[Cell] = set()
    bound = objective = 0
    complete, proven = True, True
    for team in teams:
        left = time_limit - (time.perf_counter() - start)
        # Teams are small and usually solved in milliseconds; a share by size alone would
        # cut the slower ones short, so each may take up to a few times its share.
        share = min(left, max(TEAM_SECONDS, 4 * left * team.size / part.size))
        outcome = _solve(inst, team, settings, share, None, start=None)
        if outcome.status == "infeasible":
            return Outcome("infeasible", set(), None, None, time.perf_counter() - start, None)
        if outcome.status == "unknown":
            complete = False
            continue
        home |= outcome.home
        objective += outcome.objective or 0
        bound += outcome.bound or 0
        proven = proven and outcome.status == "optimal"
    seconds = time.perf_counter() - start
    if complete and fits_desks(part, home):
        status = "optimal" if proven else "feasible"
        return Outcome(status, home, objective, bound, seconds, seconds)
    if complete:
        Repair(inst, home, part.minimums, part.desks).run()
    if complete and fits_desks(part, home):
        first = time.perf_counter() - start
        objective = objective_of(inst, part.choices, home)
        found = Outcome("feasible", home, objective, bound, first, first)
        if objective == bound or objective - bound <= settings.relative_gap * objective:
            found.status = "optimal" if objective == bound and proven else "feasible"
            return found
    else:
        # Any plan that fits the desks first: without an objective CP-SAT finds one, or
        # proves there is none, far faster.
        left = time_limit - (time.perf_counter() - start)
        found = _solve(inst, part, settings, left, home or hint, start, feasible=True)
        if found.status in ("infeasible", "unknown"):
            return found
        found.objective = objective_of(inst, part.choices, found.home)
        found.bound = bound
    left = time_limit - (time.perf_counter() - start)
    outcome = _solve(inst, part, settings, left, found.home, start, floor=bound)
    if outcome.status in ("infeasible", "unknown"):  # out of time: keep the plan found
        outcome = found
    outcome.first_seconds = found.first_seconds
    outcome.seconds = time.perf_counter() - start
    outcome.bound = max(outcome.bound or 0, bound)
    if outcome.bound == outcome.objective:
        outcome.status = "optimal"
    return outcome


def fits_desks(part: Part, home: set[Cell]) -> bool:
    return all(
        c.fixed_in + sum(1 for cell in c.cells if cell not in home) <= c.required
        for c in part.desks
    )


def _solve(
    inst: Instance,
    part: Part,
    settings: Settings,
    time_limit: float,
    hint: set[Cell] | None,
    start: float | None,
    *,
    floor: int | None = None,
    feasible: bool = False,
) -> Outcome:
    """One CP-SAT solve of the whole part; ``floor`` is a known lower bound; ``feasible``
    asks for any plan (no objective: the outcome's objective and bound are None)."""
    start = time.perf_counter() if start is None else start
    builder = Builder(part.choices)
    builder.all_rules(part)
    if not feasible:
        objective = builder.objective(inst, part)
        if floor is not None:
            builder.model.add(objective >= floor)
    if hint is not None:
        builder.hint(hint)
    solver = cp_model.CpSolver()
    parameters(solver, settings, time_limit)
    callback = _FirstSolution(start)
    status = solver.solve(builder.model, callback)
    seconds = time.perf_counter() - start
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        home = {cell for cell, var in builder.x.items() if solver.boolean_value(var)}
        if feasible:
            return Outcome("feasible", home, None, None, seconds, seconds)
        value = round(solver.objective_value)
        bound = min(value, _ceil(solver.best_objective_bound))
        # CP-SAT also says OPTIMAL when it stops at the relative gap limit.
        name = "optimal" if bound == value else "feasible"
        first = callback.first if callback.first is not None else seconds
        return Outcome(name, home, value, bound, seconds, first)
    if status == cp_model.INFEASIBLE:
        return Outcome("infeasible", set(), None, None, seconds, None)
    if status == cp_model.MODEL_INVALID:  # a bug in the model, never the input's fault
        raise RuntimeError(builder.model.validate())
    return Outcome("unknown", set(), None, None, seconds, None)


def _ceil(value: float) -> int:
    """The bound rounded up to the next whole number (objectives are whole numbers)."""
    rounded = round(value)
    return rounded if abs(value - rounded) < 1e-6 else int(value) + (value > 0)
