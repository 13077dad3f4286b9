"""The planner's two entry points: :func:`plan` (CP-SAT, greedy fallback) and :func:`plan_greedy`."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from .cpsat import Outcome, Part, solve_part, split
from .explain import MAX_CLASHES, explain, static_clashes
from .greedy import greedy_home
from .greedy import plan_greedy as _plan_greedy
from .instance import Cell, compile_problem
from .model import Clash, Plan, Problem, Settings, Status
from .score import make_plan, score


def plan(problem: Problem, settings: Settings | None = None) -> Plan:
    """The best plan CP-SAT finds within the settings' time limit and gap.

    The problem is split into independent parts (see cpsat.py), solved ``workers`` at a
    time, each with a share of the time limit by size, hinted with the greedy plan. A part
    where CP-SAT finds nothing in time takes the greedy plan's days (status FALLBACK: the
    plan may have holes, and has no bound). When a part has no plan at all, the answer is
    INFEASIBLE with the clashing rules in words. Raises PlannerInputError for a malformed
    problem.
    """
    settings = settings or Settings()
    start = time.perf_counter()
    inst = compile_problem(problem)
    static = static_clashes(inst)
    parts = sorted(split(inst, decompose=settings.decompose), key=lambda p: -p.size)
    # The greedy plan only helps a whole-problem solve; split parts start from their teams'.
    hinted = settings.hint_from_greedy and not settings.decompose and not static
    greedy = greedy_home(inst) if hinted else None
    outcomes: list[tuple[Part, Outcome]] = []
    first = 0.0  # when every part had a plan
    if not static:
        total = max(1, sum(part.size for part in parts))
        budget = settings.time_limit - (time.perf_counter() - start)

        def run(part: Part) -> tuple[Outcome, float]:
            began = time.perf_counter() - start
            share = min(budget, budget * settings.workers * part.size / total)
            return solve_part(inst, part, settings, share, greedy), began

        with ThreadPoolExecutor(max(1, settings.workers)) as pool:
            for part, (outcome, began) in zip(parts, pool.map(run, parts), strict=True):
                outcomes.append((part, outcome))
                done = outcome.first_seconds if outcome.home else outcome.seconds
                first = max(first, began + (done or 0.0))
    failed = [part for part, outcome in outcomes if outcome.status == "infeasible"]
    if static or failed:
        # With a static clash the parts were not solved: explain() checks each of them.
        clashes = static + explain(inst, failed if not static else parts)
        return _no_plan(tuple(clashes[:MAX_CLASHES]), time.perf_counter() - start)
    home: set[Cell] = set()
    lost = 0  # objective the solved parts might still improve by (objective - bound)
    fell_back = False
    for part, outcome in outcomes:
        if outcome.status == "unknown":
            fell_back = True
            greedy = greedy if greedy is not None else greedy_home(inst)
            cells = {(c.person, d) for c in part.choices for d in c.days}
            home |= greedy & cells
            continue
        home |= outcome.home
        lost += (outcome.objective or 0) - (outcome.bound or 0)
    seconds = time.perf_counter() - start
    if fell_back:
        status, bound = Status.FALLBACK, None
    else:
        bound = score(inst, home).objective - lost
        optimal = all(o.status == "optimal" for _, o in outcomes)
        status = Status.OPTIMAL if optimal else Status.FEASIBLE
    return make_plan(
        inst,
        home,
        status=status,
        solver="greedy" if fell_back and not any(o.home for _, o in outcomes) else "cp-sat",
        seconds=seconds,
        first_seconds=first or seconds,
        bound=bound,
    )


def plan_greedy(problem: Problem) -> Plan:
    """The greedy plan for the problem (same input and output as :func:`plan`, no bound).

    Greedy never says "infeasible": where rules cannot be met its plan has holes, each
    described in ``Plan.holes``.
    """
    return _plan_greedy(compile_problem(problem))


def _no_plan(clashes: tuple[Clash, ...], seconds: float) -> Plan:
    return Plan(
        status=Status.INFEASIBLE,
        solver="cp-sat",
        assignments=(),
        objective=None,
        bound=None,
        gap=None,
        solve_seconds=seconds,
        first_solution_seconds=None,
        total_regret=0,
        changes=0,
        satisfaction=(),
        fairness=None,
        clashes=clashes,
    )
