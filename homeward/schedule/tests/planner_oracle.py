"""Helpers for the planner tests: small problem builders and the brute-force ``Oracle``.

The oracle checks and scores every combination of home days from the rules in
docs/planner-engine.md, not from the planner's code.
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

from homeward.schedule.planner import (
    Block,
    Flexible,
    Minimum,
    Office,
    Person,
    Plan,
    Problem,
    Team,
    Where,
)

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
