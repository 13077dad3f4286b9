"""Why no plan exists: the rules that clash, found by relaxing them, and said in words.

Every rule of an infeasible part (each minimum, anchor day and desk limit, and the home
days due to each team in each week) gets a literal that switches it on, and CP-SAT is
asked for a plan with all of them on. It answers with a set of rules that cannot hold
together (sufficient assumptions for infeasibility); each is then dropped in turn and
left out if the rest still clash (the set shrinks to the solver's new answer each time),
which leaves a minimal clash: drop any one rule and a plan exists. When the home days in
a clash belong to few people, the search is repeated over those rules alone with one
literal per person, so the clash names the people. The clash's rules are then switched
off and the search repeats, so independent clashes are all reported (up to MAX_CLASHES).

Facts are never relaxed: leave, holidays, fixed arrangements, recalls and days already
past are what they are, and the words say how they leave too few people or desks.
A clash's message is built around one rule (a minimum first, then desks, then home
days): what it asks for, and the most (or least) the other rules in the clash allow,
which a small optimisation finds. If the search runs out of time (very large parts), the
closest plan (fewest people short, over all rules) names the rules it still breaks.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ortools.sat.python import cp_model

from . import words
from .cpsat import Builder, Part
from .instance import Anchor, Choice, Coverage, Instance
from .model import Clash, Rule, Where

MAX_CLASHES = 5
EXPLAIN_SECONDS = 20.0  # for all clashes together
CHECK_SECONDS = 10.0  # for one feasibility check
REFINE_PEOPLE = 16  # name the people in a clash's home days when there are this few
# Pieces with more free cells than this (an office's week) get the closest-plan answer:
# the exact search would take minutes there.
EXACT_CELLS = 800
FOCUS_ORDER = ("minimum", "desks", "home_days", "team_home_days", "anchor")

Item = Choice | Coverage | Anchor


class _OutOfTime(Exception):
    pass


def static_clashes(inst: Instance) -> list[Clash]:
    """Rules that the facts alone break: nobody's day is free to fix them."""
    clashes: list[Clash] = []
    for c in inst.minimums:
        if not c.cells:
            clashes.append(_clash(inst, {c.rule: c}, [c.rule], c.fixed_in))
    for c in inst.desks:
        if not c.cells:
            clashes.append(_clash(inst, {c.rule: c}, [c.rule], c.fixed_in))
    return clashes


def explain(inst: Instance, parts: Sequence[Part], limit: int = MAX_CLASHES) -> list[Clash]:
    """The clashes in infeasible parts, at most ``limit`` of them."""
    deadline = time.perf_counter() + EXPLAIN_SECONDS
    clashes: list[Clash] = []
    for part in parts:
        found: list[Clash] = []
        for piece in pieces(part):
            if len(clashes) + len(found) >= limit:
                break
            found += _explain_piece(inst, piece, deadline, limit - len(clashes) - len(found))
        if not found and len(clashes) < limit:
            # No piece was proven without a plan in time: describe the part as a whole.
            found = _Finder(inst, part, deadline).closest(limit - len(clashes))
        clashes += found
    return clashes[:limit]


def _explain_piece(inst: Instance, piece: Part, deadline: float, limit: int) -> list[Clash]:
    finder = _Finder(inst, piece, deadline)
    try:
        if piece.size > EXACT_CELLS:
            raise _OutOfTime
        return finder.clashes(limit)
    except _OutOfTime:
        return finder.closest(limit)


def pieces(part: Part) -> list[Part]:
    """The part split where no rule holds it together (fairness does not matter here), so
    usually into weeks of an office or a team; only those with no plan are kept."""
    index = {id(c): i for i, c in enumerate(part.choices)}
    owner = {(c.person, d): i for i, c in enumerate(part.choices) for d in c.days}
    parent = list(range(len(part.choices)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rules: list[Coverage | Anchor] = [*part.minimums, *part.desks, *part.anchors]
    for rule in rules:
        roots = sorted({find(owner[cell]) for cell in rule.cells})
        for r in roots[1:]:
            parent[r] = roots[0]
    split: dict[int, Part] = {}
    for c in part.choices:
        split.setdefault(find(index[id(c)]), Part()).choices.append(c)
    for m in part.minimums:
        split[find(owner[m.cells[0]])].minimums.append(m)
    for d in part.desks:
        split[find(owner[d.cells[0]])].desks.append(d)
    for a in part.anchors:
        split[find(owner[a.cells[0]])].anchors.append(a)
    return [piece for _, piece in sorted(split.items()) if not _has_plan(piece)]


def _has_plan(piece: Part) -> bool:
    builder = Builder(piece.choices)
    builder.all_rules(piece)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = CHECK_SECONDS
    return solver.solve(builder.model) != cp_model.INFEASIBLE


class _Finder:
    def __init__(self, inst: Instance, part: Part, deadline: float) -> None:
        self.inst, self.part, self.deadline = inst, part, deadline
        self.items: dict[Rule, Item] = {}
        for c in part.choices:
            self.items[c.rule] = c
        for m in part.minimums:
            self.items[m.rule] = m
        for d in part.desks:
            self.items[d.rule] = d
        for a in part.anchors:
            self.items[a.rule] = a

    def clashes(self, limit: int) -> list[Clash]:
        units: dict[Rule, list[Rule]] = {}
        for rule, item in self.items.items():
            if isinstance(item, Choice):
                team = self.inst.people[item.person].team
                units.setdefault(Rule("team_home_days", team, rule.day), []).append(rule)
            else:
                units[rule] = [rule]
        found: list[Clash] = []
        while len(found) < limit and units:
            core = self.core(units)
            if core is None:
                break
            rules = [rule for key in core for rule in units[key]]
            people = sum(1 for rule in rules if rule.kind == "home_days")
            if people <= REFINE_PEOPLE:
                refined = self.core({rule: [rule] for rule in rules})
                rules = refined if refined is not None else rules
            rules.sort(key=_order)
            found.append(_clash(self.inst, self.items, rules, self.possible(rules)))
            for key in core:
                del units[key]
        return found

    def core(self, units: dict[Rule, list[Rule]]) -> list[Rule] | None:
        """A minimal set of units that clash, or None when all of them can hold."""
        builder = Builder(self.part.choices)
        lits: dict[Rule, cp_model.IntVar] = {}
        for n, (key, rules) in enumerate(units.items()):
            lits[key] = builder.model.new_bool_var(f"on_{n}")
            for rule in rules:
                _add(builder, self.items[rule], lits[key])
        clash, core = self.check(builder, lits, list(units))
        if clash is None:
            raise _OutOfTime
        if not clash:
            return None
        kept = sorted(core, key=_order)
        for key in reversed(list(kept)):
            if key not in kept or len(kept) == 1:
                continue
            trial = [k for k in kept if k != key]
            clash, smaller = self.check(builder, lits, trial)
            if clash:  # still a clash without it (unknown: keep it, to be safe)
                kept = [k for k in trial if k in set(smaller)]
        return kept

    def check(
        self, builder: Builder, lits: dict[Rule, cp_model.IntVar], on: list[Rule]
    ) -> tuple[bool | None, list[Rule]]:
        """Whether the units ``on`` clash (the others may hold or not; None: no answer in
        time), and if they do, the ones the solver needed to see it."""
        builder.model.clear_assumptions()
        builder.model.add_assumptions([lits[key] for key in on])
        solver = self.solver()
        status = solver.solve(builder.model)
        if status == cp_model.UNKNOWN:
            return None, []
        if status != cp_model.INFEASIBLE:
            return False, []
        by_index = {lits[key].index: key for key in on}
        needed = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
        return True, needed or on

    def solver(self) -> cp_model.CpSolver:
        left = self.deadline - time.perf_counter()
        if left <= 0:
            raise _OutOfTime
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # one worker: deterministic, and cores need it
        solver.parameters.linearization_level = 2  # counting arguments prove clashes fast
        solver.parameters.max_time_in_seconds = min(CHECK_SECONDS, left)
        return solver

    def possible(self, core: list[Rule]) -> int:
        """With the other rules of the clash in force, the most people the focus rule's
        team can have in (a minimum), the fewest its office can (desks) or the most home
        days the person can have (home days)."""
        focus, others = core[0], core[1:]
        item = self.items[focus]
        if isinstance(item, Anchor):  # never the focus while the clash has another rule
            return 0
        builder = Builder(self.part.choices)
        for rule in others:
            _add(builder, self.items[rule])
        if isinstance(item, Choice):
            builder.model.maximize(builder.home([(item.person, d) for d in item.days]))
        elif focus.kind == "desks":
            builder.model.maximize(builder.home(item.cells))
        else:
            builder.model.minimize(builder.home(item.cells))
        solver = self.solver()
        status = solver.solve(builder.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise _OutOfTime
        best = solver.objective_value if status == cp_model.OPTIMAL else solver.best_objective_bound
        home = round(best)
        if isinstance(item, Choice):
            return home
        return item.fixed_in + len(item.cells) - home

    def closest(self, limit: int) -> list[Clash]:
        """The rules the closest plan breaks: the fallback for pieces too big for the exact
        search. One family of rules (desks, then minimums, anchor days, home days) is
        relaxed while the others hold; the first that leaves a plan is the one to blame,
        and the plan breaking it by the fewest people in all says where."""
        present = [kind for kind in FAMILIES if any(r.kind == kind for r in self.items)]
        for relaxed in [[kind] for kind in present] + [present]:
            result = self.relax(set(relaxed))
            if result is None:
                continue
            broken, proven = result
            kept = [FAMILY_WORDS[kind] for kind in present if kind not in relaxed]
            total = sum(broken.values())
            found: list[Clash] = []
            for rule in sorted(broken, key=_order)[:limit]:
                found.append(self.closest_clash(rule, broken[rule], kept, total, proven))
            return found
        return []

    def relax(self, kinds: set[str]) -> tuple[dict[Rule, int], bool] | None:
        """With the rules of ``kinds`` relaxed, how far the closest plan breaks each one
        (and whether that is proven closest); None if there is still no plan."""
        builder = Builder(self.part.choices)
        short: dict[Rule, cp_model.IntVar] = {}
        for rule, item in self.items.items():
            if rule.kind not in kinds:
                _add(builder, item)
                continue
            if isinstance(item, Choice):
                cells = [(item.person, d) for d in item.days]
                under = builder.model.new_int_var(0, item.need, "")
                builder.model.add(builder.home(cells) + under == item.need)
                short[rule] = under
                continue
            slack = builder.model.new_int_var(0, len(item.cells), "")
            short[rule] = slack
            home = builder.home(item.cells)
            room = (
                item.fixed_in + len(item.cells) - item.required if isinstance(item, Coverage) else 0
            )
            if isinstance(item, Anchor):
                builder.model.add(home <= slack)
            elif rule.kind == "minimum":
                builder.model.add(home <= room + slack)
            else:
                builder.model.add(home >= room - slack)
        builder.model.minimize(cp_model.LinearExpr.sum(list(short.values())))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = CHECK_SECONDS
        status = solver.solve(builder.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        broken = {rule: round(solver.value(v)) for rule, v in short.items() if solver.value(v)}
        return broken, status == cp_model.OPTIMAL

    def closest_clash(
        self, rule: Rule, gap: int, kept: list[str], total: int, proven: bool
    ) -> Clash:
        item = self.items[rule]
        if isinstance(item, Choice):
            required, actual = item.need, item.need - gap
            has = f"gives {actual}"
        elif isinstance(item, Anchor):
            required, actual = 0, gap
            has = f"has {words.count(gap, 'person', 'people')} at home"
        elif rule.kind == "minimum":
            required, actual = item.required, item.required - gap
            has = f"has {actual}"
        else:
            required, actual = item.required, item.required + gap
            has = f"has {words.count(actual, 'person', 'people')} in"
        text = f"{_phrase(self.inst, item)} but the closest plan"
        if kept:
            text += " that keeps " + words.names(kept, limit=len(kept))
        text += f" {has}"
        if proven:
            what = "over the desks" if rule.kind == "desks" else "short"
            text += f" ({total} {what} that week in all, and no plan does better)"
        return Clash((rule,), rule, required, actual, text + ".")


FAMILIES = ("desks", "minimum", "anchor", "home_days")
FAMILY_WORDS = {
    "desks": "the desks",
    "minimum": "the teams' minimums",
    "anchor": "the anchor days",
    "home_days": "the home days due",
}


def _add(builder: Builder, item: Item, lit: cp_model.IntVar | None = None) -> None:
    if isinstance(item, Choice):
        builder.home_days(item, lit)
    elif isinstance(item, Anchor):
        builder.anchor(item, lit)
    elif item.rule.kind == "minimum":
        builder.minimum(item, lit)
    else:
        builder.desks(item, lit)


def _phrase(inst: Instance, item: Item) -> str:
    """The rule in words: "Support needs 4 in the office on Friday 12 March"."""
    rule = item.rule
    if isinstance(item, Choice):
        return (
            f"{inst.people[item.person].name} is due {words.count(item.need, 'home day')} "
            f"in {words.week(rule.day)}"
        )
    if isinstance(item, Anchor):
        return f"{words.day(rule.day)} is {_team_name(inst, rule.subject)}'s anchor day"
    if rule.kind == "minimum":
        return (
            f"{_team_name(inst, rule.subject)} needs {item.required} in the office on "
            f"{words.day(rule.day)}"
        )
    office = next(o.name for o in inst.problem.offices if o.key == rule.subject)
    return f"{office} has {words.count(item.required, 'desk')} on {words.day(rule.day)}"


def _team_name(inst: Instance, key: str) -> str:
    return next(t.name for t in inst.problem.teams if t.key == key)


def _order(rule: Rule) -> tuple[int, str, str]:
    return (FOCUS_ORDER.index(rule.kind), rule.subject, rule.day.isoformat())


def _clash(inst: Instance, items: dict[Rule, Item], core: list[Rule], possible: int) -> Clash:
    """The clash in words, around its first rule (``core`` is in FOCUS_ORDER)."""
    focus, others = core[0], core[1:]
    item = items[focus]
    text = _phrase(inst, item)
    if isinstance(item, Choice):
        required = item.need
        text += f" but can have only {possible}"
    elif isinstance(item, Anchor):
        required = 0
    elif focus.kind == "minimum":
        required = item.required
        if others:
            text += f" but only {possible} can be there"
        else:
            text += f" but only {possible} of its {len(item.people)} people can be there"
            text += _who_cannot(inst, item)
    else:
        required = item.required
        text += f" but {words.count(possible, 'person', 'people')} must be in"
        if not others:
            text += _who_must(inst, item)
    if others:
        text += ", given that " + words.names(_given(inst, items, others), limit=6)
    return Clash(tuple(core), focus, required, possible, text + ".")


def _given(inst: Instance, items: dict[Rule, Item], rules: Sequence[Rule]) -> list[str]:
    """The other rules of a clash, grouped: "Support needs 4 in the office on Tuesday 9
    March and Wednesday 10 March", "Ann and Bo have 4 home days due in the week of 8 March"."""
    teams = {t.key: t.name for t in inst.problem.teams}
    offices = {o.key: o.name for o in inst.problem.offices}
    needs: dict[tuple[str, int], list[date]] = defaultdict(list)
    desks: dict[tuple[str, int], list[date]] = defaultdict(list)
    anchors: dict[str, list[date]] = defaultdict(list)
    due: dict[date, list[Choice]] = defaultdict(list)
    for rule in rules:
        item = items[rule]
        if isinstance(item, Choice):
            due[rule.day].append(item)
        elif isinstance(item, Anchor):
            anchors[rule.subject].append(rule.day)
        elif rule.kind == "minimum":
            needs[rule.subject, item.required].append(rule.day)
        else:
            desks[rule.subject, item.required].append(rule.day)
    phrases = [
        f"{teams[team]} needs {n} in the office on {_days(days)}"
        for (team, n), days in needs.items()
    ]
    phrases += [
        f"{offices[office]} has {words.count(n, 'desk')} on {_days(days)}"
        for (office, n), days in desks.items()
    ]
    phrases += [
        f"{_days(days)} {words.be(len(days))} {teams[team]}'s anchor "
        f"{'day' if len(days) == 1 else 'days'}"
        for team, days in anchors.items()
    ]
    for monday, choices in sorted(due.items()):
        people = [inst.people[c.person].name for c in choices]
        total = sum(c.need for c in choices)
        phrases.append(
            f"{words.names(people)} {_have(len(people))} "
            f"{words.count(total, 'home day')} due in {words.week(monday)}"
        )
    return phrases


def _days(days: list[date]) -> str:
    return words.names([words.day(d) for d in sorted(days)], limit=len(days))


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


_CANNOT = {
    Where.LEAVE: "{names} {be} on leave",
    Where.AWAY: "{names} {be} away on business",
    Where.HOLIDAY: "{names} {have} a public holiday",
    Where.NOT_WORKING: "{names} {do} not work on {weekday}s",
}


def _who_cannot(inst: Instance, rule: Coverage) -> str:
    """ ": Ann and Bo are on leave and Cy works from home on Fridays" (who cannot be in)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in rule.people:
        where, reason = inst.fixed.get((p, rule.day), (Where.OFFICE, ""))
        if where in _CANNOT:
            groups[_CANNOT[where]].append(inst.people[p].name)
        elif where is Where.HOME and reason == "occasional":
            groups["{names} {have} an occasional home day"].append(inst.people[p].name)
        elif where is Where.HOME:
            groups["{names} {work} from home on {weekday}s"].append(inst.people[p].name)
    if not groups:
        return ""
    weekday = words.WEEKDAYS[inst.days[rule.day].weekday()]
    parts = []
    for template, people in groups.items():
        n = len(people)
        parts.append(
            template.format(
                names=words.names(people),
                be=words.be(n),
                have=_have(n),
                do="does" if n == 1 else "do",
                work="works" if n == 1 else "work",
                weekday=weekday,
            )
        )
    return ": " + words.names(parts, limit=len(parts))


_MUST = {
    "recall": "recalled",
    "meeting": "at a fixed meeting",
    "no arrangement": "without an arrangement",
    "arrangement": "without a home day on that weekday",
    "flexible": "with their home days used up that week",
}


def _who_must(inst: Instance, rule: Coverage) -> str:
    """ ": 12 recalled, 3 at a fixed meeting and 31 without an arrangement"."""
    counts: dict[str, int] = defaultdict(int)
    for p in rule.people:
        where, reason = inst.fixed.get((p, rule.day), (Where.HOME, ""))
        if where is Where.OFFICE:
            counts[_MUST.get(reason, "already fixed in the office")] += 1
    if not counts:
        return ""
    parts = [f"{n} {label}" for label, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return ": " + words.names(parts, limit=len(parts))
