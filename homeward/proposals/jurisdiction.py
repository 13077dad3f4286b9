"""The jurisdiction's rules as they apply to one person's proposal.

A thin layer between the database and the pure rule packs (``homeward.policy.rules``):
it picks the pack and the office calendar, turns earlier proposals into ``PastRequest``s,
and turns the pack's ``Problem``s into field messages. Nothing here writes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from homeward.coach.letter import format_date
from homeward.people.models import Person
from homeward.policy.models import PolicyVersion
from homeward.policy.rules import (
    GENERIC,
    Deadline,
    OfficeCalendar,
    PastRequest,
    Problem,
    RequestContext,
    RuleError,
    RulePack,
    WeekdayCalendar,
    WorkingCalendar,
    check_eligibility,
    decision_deadline,
    get_pack,
    next_request_allowed_on,
    office_calendar,
)
from homeward.proposals.models import DECIDED, LIVE, Proposal, Status

# Problems about the requested start date are shown at the start date field.
START_DATE_PROBLEMS = ("service_at_start", "notice_before_start")


def pack_for(subject: Person | Proposal) -> RulePack:
    """The one choice of rule pack: a proposal's jurisdiction (fixed at submission), else
    the person's; an unknown code falls back to the generic pack rather than failing a page."""
    if isinstance(subject, Proposal):
        code = subject.jurisdiction or subject.employee.jurisdiction
    else:
        code = subject.jurisdiction
    try:
        return get_pack(code or GENERIC.code)
    except RuleError:
        return GENERIC


def calendar_for(person: Person, pack: RulePack) -> WorkingCalendar:
    """The office's public holidays, else the pack's country, else plain Monday-Friday."""
    office = person.office
    country, subdiv = (
        (office.holiday_country, office.holiday_subdiv or None)
        if office is not None
        else (pack.holiday_country, pack.holiday_subdiv)
    )
    if not country:
        return WeekdayCalendar()
    try:
        return office_calendar(country, subdiv)
    except RuleError:
        return WeekdayCalendar()


def office_zone(person: Person) -> ZoneInfo | None:
    """The person's office time zone; None (the installation's) without a valid one."""
    tz_name = person.office.timezone if person.office else None
    try:
        return ZoneInfo(tz_name) if tz_name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def today_for(person: Person) -> date:
    """Today in the person's office time zone (a request is received on that day)."""
    return timezone.localdate(timezone=office_zone(person))


def local_date(moment: datetime | None, person: Person) -> date | None:
    """The office's local date of ``moment`` (a decision at 23:30 UTC is the next day in
    Sydney and the same day in Washington)."""
    if moment is None:
        return None
    return timezone.localdate(moment, timezone=office_zone(person))


# Statuses after which the request has a decision the limits count from (an appeal is
# lodged against a decision, so an appealed request has one too).
_HAS_DECISION = (*DECIDED, Status.APPEALED)


def past_requests(person: Person, *, exclude: int | None = None) -> tuple[PastRequest, ...]:
    """The one list of the person's earlier requests as the limit rules count them:
    received ones only (a draft never reached anyone), with the office's local dates of
    the decision, the withdrawal, the decision period's end (as extended) and any appeal,
    which the GB rule needs to tell when a request stops being live (s.80F(4A)-(4B))."""
    rows = (
        Proposal.objects.filter(employee=person, received_on__isnull=False)
        .exclude(status=Status.DRAFT)
        .select_related("appeal")
        .order_by("received_on", "pk")
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    out = []
    for p in rows:
        assert p.received_on is not None  # filtered above
        try:
            appeal = p.appeal  # type: ignore[attr-defined]  # the decisions app's reverse relation
        except ObjectDoesNotExist:
            appeal = None
        out.append(
            PastRequest(
                received_on=p.received_on,
                decided_on=local_date(p.decided_at, person) if p.status in _HAS_DECISION else None,
                live=p.status in LIVE,
                withdrawn_on=local_date(p.withdrawn_at, person)
                if p.status == Status.WITHDRAWN
                else None,
                decision_period_ends=p.decision_due,
                appealed_on=local_date(appeal.lodged_at, person) if appeal else None,
                appeal_decided_on=local_date(appeal.decided_at, person) if appeal else None,
            )
        )
    return tuple(out)


def next_request_on(person: Person, *, today: date | None = None) -> date | None:
    """The one answer to "from when may this person make a new request?" under their
    pack's limits (None: no date limit). Every page and endpoint asks this."""
    return next_request_allowed_on(
        pack_for(person), previous=past_requests(person), on=today or today_for(person)
    )


def _employment_start(person: Person) -> date:
    # Unknown start: the service rules cannot be checked, so they are not held against anyone.
    return person.start_date or date.min


def policy_earliest_start(person: Person, policy: PolicyVersion | None) -> date | None:
    """The first day the policy's qualifying period allows home working, if it has one."""
    if policy is None or not policy.min_tenure_days or person.start_date is None:
        return None
    return person.start_date + timedelta(days=policy.min_tenure_days)


def start_date_errors(
    person: Person, policy: PolicyVersion | None, start: date, *, today: date
) -> list[str]:
    """Why ``start`` cannot be the first home day: past, before eligibility, too little notice."""
    if start < today:
        return ["The start date is in the past: choose today or a later date."]
    earliest = policy_earliest_start(person, policy)
    if earliest is not None and policy is not None and start < earliest:
        return [
            f"The policy lets you start working from home after {policy.min_tenure_days} days "
            f"in the company, on {format_date(earliest)} at the earliest."
        ]
    ctx = RequestContext(
        received_on=today, employment_start=_employment_start(person), requested_start=start
    )
    return [
        p.message
        for p in check_eligibility(pack_for(person), ctx)
        if p.key in START_DATE_PROBLEMS and p.blocking
    ]


def start_date_warnings(person: Person, start: date, *, today: date) -> list[str]:
    """Advice that does not block (Ireland: less than 8 weeks' notice)."""
    ctx = RequestContext(
        received_on=today, employment_start=_employment_start(person), requested_start=start
    )
    return [
        p.message
        for p in check_eligibility(pack_for(person), ctx)
        if p.key in START_DATE_PROBLEMS and not p.blocking
    ]


def earliest_start(person: Person, policy: PolicyVersion | None, *, today: date) -> date:
    """The first date ``start_date_errors`` accepts, searched a day at a time (at most 2 years)."""
    day = max(today, policy_earliest_start(person, policy) or today)
    for _ in range(731):
        if not start_date_errors(person, policy, day, today=today):
            return day
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Assessment:
    """The rules applied to a request received today."""

    pack: RulePack
    received_on: date
    problems: tuple[Problem, ...]
    deadline: Deadline | None
    calendar_label: str

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]


def assess(
    person: Person, *, start: date | None, today: date, exclude: int | None = None
) -> Assessment:
    """Eligibility, request limits and the decision deadline for a request received ``today``."""
    pack = pack_for(person)
    ctx = RequestContext(
        received_on=today,
        employment_start=_employment_start(person),
        requested_start=start,
        previous_requests=past_requests(person, exclude=exclude),
    )
    problems = list(check_eligibility(pack, ctx))
    calendar = calendar_for(person, pack)
    deadline = None
    try:
        deadline = decision_deadline(
            pack, received_on=today, requested_start=start, calendar=calendar
        )
    except RuleError as exc:
        problems.append(Problem("deadline", str(exc), pack.deadline.citation))
    label = "Monday to Friday"
    if isinstance(calendar, OfficeCalendar):
        label = f"{calendar.country}{'-' + calendar.subdiv if calendar.subdiv else ''}"
    return Assessment(pack, today, tuple(problems), deadline, label)


def _plain(value: Any) -> Any:
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(assessment: Assessment) -> dict[str, Any]:
    """The rules as applied, for ``Proposal.rules``: the whole pack, the deadline, warnings."""
    deadline = assessment.deadline
    data = {
        "pack": dataclasses.asdict(assessment.pack),
        "received_on": assessment.received_on,
        "calendar": assessment.calendar_label,
        "deadline": dataclasses.asdict(deadline) if deadline else None,
        "warnings": [dataclasses.asdict(p) for p in assessment.warnings],
    }
    plain = _plain(data)
    json.dumps(plain)  # fail here, not in the database, if something is not JSON
    return plain
