"""The greedy planner: the fallback when CP-SAT runs out of time, and the benchmark's baseline.

Week by week, people choose in turn, the most disappointed so far first (cumulative
regret, carried-over regret included), then those with the fewest days to choose from.
Each takes their most wanted free days that keep every team minimum; when none are left
they take their most wanted days anyway (a coverage hole). Anchor days are avoided while
any other day is free. A repair pass then moves single home days within a week where that
closes a hole (too few in for a minimum, too many for the desks), cheapest regret first.
It never looks ahead, so early choosers crowd the popular days and later ones get what is
left: the holes and the unfairness CP-SAT avoids.
"""

from __future__ import annotations

import time
from collections import defaultdict

from .instance import Cell, Choice, Coverage, Instance
from .model import Plan, Status
from .score import make_plan

MAX_REPAIR_ROUNDS = 3


def greedy_home(inst: Instance) -> set[Cell]:
    """The greedy plan's home days (free cells only)."""
    home: set[Cell] = set()
    # For each minimum, how many more of its free cells may still become home days.
    room = [c.fixed_in + len(c.cells) - c.required for c in inst.minimums]
    minimums_of: dict[Cell, list[int]] = defaultdict(list)
    for i, c in enumerate(inst.minimums):
        for cell in c.cells:
            minimums_of[cell].append(i)
    regret = {p: person.prior_regret for p, person in enumerate(inst.people)}
    by_week: dict[int, list[Choice]] = defaultdict(list)
    for choice in inst.choices:
        by_week[choice.week].append(choice)
    for w in sorted(by_week):
        order = sorted(
            by_week[w],
            key=lambda c: (-regret[c.person], len(c.usable) - c.need, inst.people[c.person].key),
        )
        for choice in order:
            p = choice.person
            by_rank = sorted(choice.usable, key=lambda d: (choice.ranks[d], d))
            fits = [d for d in by_rank if all(room[i] > 0 for i in minimums_of[p, d])]
            picked = fits[: choice.need]
            spare = by_rank + sorted(choice.anchored, key=lambda d: (choice.ranks[d], d))
            picked += [d for d in spare if d not in picked][: choice.need - len(picked)]
            for d in picked:
                home.add((p, d))
                for i in minimums_of[p, d]:
                    room[i] -= 1
            regret[p] += sum(choice.ranks[d] for d in picked) - choice.best
    Repair(inst, home).run()
    return home


class Repair:
    """Moves single home days within a week while that lowers the total shortfall."""

    def __init__(
        self,
        inst: Instance,
        home: set[Cell],
        minimums: list[Coverage] | None = None,
        desks: list[Coverage] | None = None,
    ) -> None:
        self.inst, self.home = inst, home
        minimums = inst.minimums if minimums is None else minimums
        desks = inst.desks if desks is None else desks
        self.rules: list[Coverage] = minimums + desks
        self.is_desks = [False] * len(minimums) + [True] * len(desks)
        self.rules_of: dict[Cell, list[int]] = defaultdict(list)
        for i, c in enumerate(self.rules):
            for cell in c.cells:
                self.rules_of[cell].append(i)
        self.inside = [c.fixed_in + sum(cell not in home for cell in c.cells) for c in self.rules]

    def short(self, i: int, inside: int) -> int:
        required = self.rules[i].required
        return max(0, inside - required) if self.is_desks[i] else max(0, required - inside)

    def run(self) -> None:
        for _ in range(MAX_REPAIR_ROUNDS):
            moved = False
            for i in range(len(self.rules)):
                while self.short(i, self.inside[i]):
                    move = self.best_move(i)
                    if move is None:
                        break
                    self.apply(*move)
                    moved = True
            if not moved:
                return

    def apply(self, p: int, from_day: int, to_day: int) -> None:
        """The person comes in on ``from_day`` and stays home on ``to_day`` instead."""
        self.home.discard((p, from_day))
        self.home.add((p, to_day))
        for i in self.rules_of[p, from_day]:
            self.inside[i] += 1
        for i in self.rules_of[p, to_day]:
            self.inside[i] -= 1

    def change(self, p: int, from_day: int, to_day: int) -> int:
        delta = 0
        for i in self.rules_of[p, from_day]:
            delta += self.short(i, self.inside[i] + 1) - self.short(i, self.inside[i])
        for i in self.rules_of[p, to_day]:
            delta += self.short(i, self.inside[i] - 1) - self.short(i, self.inside[i])
        return delta

    def best_move(self, i: int) -> tuple[int, int, int] | None:
        """The cheapest move touching rule ``i`` that lowers the total shortfall: for a
        minimum, someone at home that day comes in; for desks, someone in goes home."""
        best: tuple[int, int, str, int, int, int] | None = None
        for p, d in self.rules[i].cells:
            at_home = (p, d) in self.home
            if self.is_desks[i] == at_home:
                continue
            choice = self.inst.choice_of[p, d]
            if d in choice.anchored:
                continue
            for other in choice.usable:
                if other == d or ((p, other) in self.home) == at_home:
                    continue
                from_day, to_day = (d, other) if at_home else (other, d)
                delta = self.change(p, from_day, to_day)
                if delta >= 0:
                    continue
                cost = choice.ranks[to_day] - choice.ranks[from_day]
                key = (delta, cost, self.inst.people[p].key, from_day, to_day, p)
                if best is None or key < best:
                    best = key
        if best is None:
            return None
        return best[5], best[3], best[4]


def plan_greedy(inst: Instance) -> Plan:
    """The greedy plan, scored and worded like a CP-SAT plan (with no bound)."""
    start = time.perf_counter()
    home = greedy_home(inst)
    seconds = time.perf_counter() - start
    return make_plan(
        inst, home, status=Status.GREEDY, solver="greedy", seconds=seconds, first_seconds=seconds
    )
