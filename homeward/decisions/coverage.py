"""The effect of a decision on the team's office coverage: people expected in the office on
each weekday, before and after.

``expected_in_office`` is pure: fixed home weekdays count as whole days at home; a
flexible pattern ("two days from Monday to Thursday") counts each allowed weekday as
N / (size of the set) of a day at home, the expected value when the days are spread evenly;
shorter office days still bring the person in. ``team_coverage`` reads the team and its
active arrangements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.coach.patterns import WEEKDAY_NAMES, Pattern
from homeward.people.models import Person
from homeward.proposals.models import pattern_of

WORKDAYS = (0, 1, 2, 3, 4)


def home_share(pattern: Pattern | None, weekday: int) -> float:
    """The expected share of ``weekday`` that the person spends at home (0 to 1)."""
    if pattern is None:
        return 0.0
    if pattern.kind == "weekdays":
        return 1.0 if weekday in pattern.weekdays else 0.0
    if pattern.kind == "n_of_set":
        allowed = set(pattern.allowed_weekdays)
        if weekday not in allowed or not allowed:
            return 0.0
        return min(1.0, max(pattern.n_days, 0) / len(allowed))
    return 0.0


def expected_in_office(
    patterns: Sequence[Pattern | None], weekdays: Sequence[int] = WORKDAYS
) -> list[float]:
    """People expected in the office on each of ``weekdays``; None means no arrangement."""
    return [round(sum(1.0 - home_share(p, d) for p in patterns), 2) for d in weekdays]


@dataclass(frozen=True)
class Row:
    weekday: int
    name: str
    before: float
    after: float
    team_size: int

    @property
    def change(self) -> float:
        return round(self.after - self.before, 2)

    @property
    def before_pct(self) -> int:
        return round(100 * self.before / self.team_size) if self.team_size else 0

    @property
    def after_pct(self) -> int:
        return round(100 * self.after / self.team_size) if self.team_size else 0


@dataclass(frozen=True)
class Coverage:
    team_label: str
    on: date
    rows: tuple[Row, ...]
    team_size: int
    with_arrangements: int
    flexible: bool

    @property
    def lowest_after(self) -> Row | None:
        return min(self.rows, key=lambda r: r.after, default=None)


def compare(
    others: Sequence[Pattern | None],
    employee_before: Pattern | None,
    employee_after: Pattern | None,
) -> list[tuple[int, float, float]]:
    """(weekday, before, after) with the employee's pattern replaced."""
    before = expected_in_office([*others, employee_before])
    after = expected_in_office([*others, employee_after])
    return list(zip(WORKDAYS, before, after, strict=True))


def team_coverage(
    proposal: Any, *, after: Pattern | None = None, on: date | None = None
) -> Coverage:
    """Coverage of the employee's team (else the decider's reports) on ``on`` (the requested
    start, or today), before and after the employee works to ``after`` (the ask by default)."""
    employee = proposal.employee
    today = timezone.localdate()
    on = on or max(proposal.start_date or today, today)
    if employee.team_id:
        members = Person.objects.active().filter(team_id=employee.team_id)
        label = employee.team.name
    else:
        manager_id = proposal.decider_id or employee.manager_id
        members = Person.objects.active().filter(manager_id=manager_id)
        label = "the manager's reports"
    member_ids = set(members.values_list("pk", flat=True)) | {employee.pk}
    current: dict[int, Pattern] = {}
    running = (
        Arrangement.objects.filter(
            employee_id__in=member_ids,
            status__in=[
                ArrangementStatus.TRIAL,
                ArrangementStatus.EXTENDED,
                ArrangementStatus.STANDING,
            ],
            start_date__lte=on,
        )
        .exclude(end_date__lt=on)
        .order_by("start_date", "pk")
    )
    for arrangement in running:
        current[arrangement.employee_id] = pattern_of(arrangement)
    others = [current.get(pk) for pk in member_ids if pk != employee.pk]
    asked = after if after is not None else pattern_of(proposal)
    rows = tuple(
        Row(d, WEEKDAY_NAMES[d], b, a, len(member_ids))
        for d, b, a in compare(others, current.get(employee.pk), asked)
    )
    flexible = any(p is not None and p.kind == "n_of_set" for p in [*current.values(), asked])
    return Coverage(label, on, rows, len(member_ids), len(current), flexible)
