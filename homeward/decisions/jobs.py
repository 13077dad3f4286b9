"""Deadlines that act, run by the background worker (``homeward worker``).

- NL: a request without a written decision by its deadline is granted as asked, on the
  day the law says (``apply_deemed_granted``), audited as done by the system.
- Reminders to the decider a week and two days before the decision is due (HR for a
  second approval, the appeal manager for an appeal).
- Escalation to the decider's manager and HR once the date has passed.

Each notice is written to ``DeadlineNotice`` (unique per proposal, kind and due date) in
the same transaction as its notifications, so running a job twice sends nothing twice,
and an extended deadline arms the reminders again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from homeward.audit.actions import record
from homeward.decisions.actions import UNDECIDED, apply_deemed_granted, review_url
from homeward.decisions.models import Appeal, DeadlineNotice, Decision, HrApproval
from homeward.jobs import job
from homeward.notify.actions import notify
from homeward.people.models import Person
from homeward.proposals.jurisdiction import office_zone
from homeward.proposals.models import Proposal, Status

log = logging.getLogger(__name__)

REMINDER_DAYS = 7
FINAL_REMINDER_DAYS = 2
APPEAL_REMINDER_DAYS = 3


def _hr(excluding: Iterable[int | None]) -> list[Person]:
    skip = set(excluding)
    return [p for p in Person.objects.active().filter(is_hr=True) if p.pk not in skip]


def send_once(
    *,
    proposal: Proposal,
    kind: str,
    due_on: date,
    recipients: Iterable[Person | None],
    subject: str,
    body: str,
    audit: bool = False,
) -> bool:
    """Notify ``recipients`` (never the employee) unless this notice was already sent."""
    people: list[Person] = []
    for person in recipients:
        if person is None or not person.active or person.pk == proposal.employee_id:
            continue
        if person.pk not in {p.pk for p in people}:
            people.append(person)
    if not people:
        return False
    try:
        with transaction.atomic():
            _, created = DeadlineNotice.objects.get_or_create(
                proposal=proposal,
                kind=kind,
                due_on=due_on,
                defaults={"recipients": [p.pk for p in people]},
            )
            if not created:
                return False
            for person in people:
                notify(recipient=person, subject=subject, body=body, url=review_url(proposal))
            if audit:
                record(
                    actor=None,
                    action=f"deadline.{kind}",
                    obj=proposal,
                    after={"due_on": due_on, "recipients": [p.pk for p in people]},
                )
    except IntegrityError:  # another worker sent it at the same moment
        return False
    return True


def _pending_hr_ids() -> set[int]:
    return set(
        HrApproval.objects.filter(state=HrApproval.PENDING).values_list("proposal_id", flat=True)
    )


def _local_today(now: datetime, person: Person) -> date:
    """``now`` as a date in the person's office: each deadline acts on the office's day."""
    return timezone.localdate(now, timezone=office_zone(person))


# The offices' dates differ from the installation's by at most a day either way.
_ZONE_SLACK = timedelta(days=1)


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


@job("decisions.deemed_granted")
def deemed_granted(now: datetime) -> int:
    """Apply NL's deemed-granted outcome to every request whose day has come."""
    latest = timezone.localdate(now) + _ZONE_SLACK
    candidates = (
        Proposal.objects.filter(status__in=UNDECIDED)
        .filter(
            Q(deemed_granted_on__lte=latest) | Q(jurisdiction="NL", deemed_granted_on__isnull=True)
        )
        .select_related("employee__office")
    )
    done = 0
    for proposal in candidates:
        today = _local_today(now, proposal.employee)
        if proposal.deemed_granted_on is not None and proposal.deemed_granted_on > today:
            continue
        if apply_deemed_granted(proposal=proposal, today=today) is not None:
            done += 1
    return done


@job("decisions.reminders")
def reminders(now: datetime) -> int:
    """Remind the decider (or HR, for a pending second approval) before the date."""
    here = timezone.localdate(now)
    pending_hr = _pending_hr_ids()
    sent = 0
    due_soon = Proposal.objects.filter(
        status__in=UNDECIDED,
        decision_due__gte=here - _ZONE_SLACK,
        decision_due__lte=here + _ZONE_SLACK + timedelta(days=REMINDER_DAYS),
    ).select_related("employee__office", "decider")
    for p in due_soon:
        due = p.decision_due
        assert due is not None  # filtered above
        left = (due - _local_today(now, p.employee)).days
        if not 0 <= left <= REMINDER_DAYS:
            continue
        kind = (
            DeadlineNotice.FINAL_REMINDER
            if left <= FINAL_REMINDER_DAYS
            else DeadlineNotice.REMINDER
        )
        who: list[Person | None]
        if p.pk in pending_hr:
            kind, who = DeadlineNotice.HR_REMINDER, [*_hr([p.employee_id, p.decider_id])]
            subject = f"Second approval due in {_days(left)}: {p.employee.name}'s request"
        else:
            who = [p.decider]
            subject = f"Decision due in {_days(left)}: {p.employee.name}'s request"
        body = (
            f"The decision on {p.employee.name}'s request is due by {due:%d %B %Y}"
            f" ({_days(left)} left)."
        )
        sent += send_once(
            proposal=p, kind=kind, due_on=due, recipients=who, subject=subject, body=body
        )
    for appeal in _open_appeals().filter(
        due__gte=here - _ZONE_SLACK,
        due__lte=here + _ZONE_SLACK + timedelta(days=APPEAL_REMINDER_DAYS),
    ):
        appeal_due: date = appeal.due  # type: ignore[assignment]  # filtered: not null
        left = (appeal_due - _local_today(now, appeal.proposal.employee)).days
        if not 0 <= left <= APPEAL_REMINDER_DAYS:
            continue
        sent += send_once(
            proposal=appeal.proposal,
            kind=DeadlineNotice.APPEAL_REMINDER,
            due_on=appeal_due,
            recipients=[appeal.assigned_to],
            subject=f"Appeal decision due in {_days(left)}: {appeal.appellant.name}",
            body=f"Please decide the appeal by {appeal_due:%d %B %Y}.",
        )
    return sent


def _open_appeals() -> QuerySet[Appeal]:
    return Appeal.objects.filter(
        outcome="", proposal__status=Status.APPEALED, due__isnull=False
    ).select_related("proposal", "proposal__employee__office", "assigned_to", "appellant")


@job("decisions.escalations")
def escalations(now: datetime) -> int:
    """Tell the decider's manager and HR when a decision (or appeal) is overdue."""
    here = timezone.localdate(now)
    sent = 0
    overdue = Proposal.objects.filter(
        status__in=UNDECIDED, decision_due__lt=here + _ZONE_SLACK
    ).select_related("employee__office", "decider", "decider__manager")
    for p in overdue:
        today = _local_today(now, p.employee)
        if p.decision_due is None or p.decision_due >= today:
            continue
        decider = p.decider
        above = decider.manager if decider is not None else p.employee.manager
        due: date = p.decision_due  # type: ignore[assignment]  # filtered above
        late = (today - due).days
        waiting = (
            "HR's second approval"
            if Decision.objects.filter(proposal=p, hr_approval__state=HrApproval.PENDING).exists()
            else f"{decider.name if decider else 'the manager'}'s decision"
        )
        sent += send_once(
            proposal=p,
            kind=DeadlineNotice.ESCALATION,
            due_on=due,
            recipients=[above, *_hr([p.employee_id, p.decider_id])],
            subject=f"Overdue: the decision on {p.employee.name}'s request",
            body=(
                f"The decision was due by {due:%d %B %Y} ({_days(late)} ago) and "
                f"is waiting for {waiting}. Please make sure it is made now."
            ),
            audit=True,
        )
    for appeal in _open_appeals().filter(due__lt=here + _ZONE_SLACK):
        if appeal.due is None or appeal.due >= _local_today(now, appeal.proposal.employee):
            continue
        hearer = appeal.assigned_to
        sent += send_once(
            proposal=appeal.proposal,
            kind=DeadlineNotice.APPEAL_ESCALATION,
            due_on=appeal.due,  # type: ignore[arg-type]  # filtered: not null
            recipients=[
                hearer.manager if hearer else None,
                *_hr([appeal.appellant_id, appeal.original_decider_id]),
            ],
            subject=f"Overdue: the appeal of {appeal.appellant.name}",
            body=f"The appeal was due to be decided by {appeal.due:%d %B %Y}.",
            audit=True,
        )
    return sent
