"""The team view: every trial and arrangement a manager (or HR) looks after, with verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements.models import ACTIVE, Arrangement
from homeward.coach.patterns import describe
from homeward.evidence.access import visible_arrangements
from homeward.evidence.models import EvidenceReport, Overall
from homeward.evidence.reports import trial_report
from homeward.people.access import person_of
from homeward.people.models import Team
from homeward.proposals.models import pattern_of

RECENTLY_ENDED_WEEKS = 26


@dataclass
class TeamRow:
    arrangement: Arrangement
    pattern: str
    due: bool
    latest: EvidenceReport | None
    current: str
    directions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def current_label(self) -> str:
        return Overall(self.current).label

    @property
    def tone(self) -> str:
        return {"pass": "good", "fail": "bad", "inconclusive": "warn"}.get(self.current, "")


def team_rows(user: Actor, *, team: Team | None = None, today: date | None = None) -> list[TeamRow]:
    """Running arrangements (and those ended in the last half year) of the people the user
    looks after, the user's own excluded; due reviews first. ``current`` is the verdict on
    today's data, ``latest`` the last stored review."""
    today = today or timezone.localdate()
    qs = visible_arrangements(user).filter(
        Q(status__in=ACTIVE) | Q(end_date__gte=today - timedelta(weeks=RECENTLY_ENDED_WEEKS))
    )
    me = person_of(user)
    if me is not None:
        qs = qs.exclude(employee=me)
    if team is not None:
        qs = qs.filter(employee__team=team)
    rows = []
    # The latest review comes from one prefetch (reports are ordered newest first).
    for a in qs.select_related("employee", "employee__team").prefetch_related("reports"):
        report = trial_report(a, today=today)
        rows.append(
            TeamRow(
                arrangement=a,
                pattern=describe(pattern_of(a)),
                due=a.is_trial and a.review_date is not None and a.review_date <= today,
                latest=a.reports.first(),
                current=report.overall,
                directions=[(f.name, f.direction) for f in report.findings],
            )
        )
    rows.sort(
        key=lambda r: (not r.due, r.arrangement.status not in ACTIVE, r.arrangement.employee.name)
    )
    return rows
