"""The jurisdiction rule packs applied to one stored proposal: the bridge from rows to the
pure functions of ``homeward.policy.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from homeward.coach.patterns import describe, home_days_per_week
from homeward.decisions.models import DeadlineExtension
from homeward.policy import rules
from homeward.proposals import jurisdiction
from homeward.proposals.models import Proposal, pattern_of

# Where a pack sets no window for appealing, or no date for deciding an appeal, the
# company default applies (Acas: without unreasonable delay).
DEFAULT_APPEAL_LODGE_DAYS = 14
DEFAULT_APPEAL_DECIDE_DAYS = 14


def calendar_for(proposal: Proposal) -> rules.WorkingCalendar:
    """The employee's office calendar; without an office, the pack's region; else weekdays.
    The same calendar submission used (homeward.proposals.jurisdiction)."""
    return jurisdiction.calendar_for(proposal.employee, jurisdiction.pack_for(proposal))


def base_deadline(proposal: Proposal) -> rules.Deadline | None:
    """The statutory (or policy) deadline before any extension; None without a receipt
    date, or where it counts back from a start date that is missing (NL)."""
    if proposal.received_on is None:
        return None
    try:
        return rules.decision_deadline(
            jurisdiction.pack_for(proposal),
            received_on=proposal.received_on,
            requested_start=proposal.start_date,
            calendar=calendar_for(proposal),
        )
    except rules.RuleError:
        return None


def deadline_for(
    proposal: Proposal, *, extra: tuple[int, bool] | None = None
) -> rules.Deadline | None:
    """The deadline with the extensions in force, plus ``extra`` (days, by agreement) if
    given (to check a new one; raises RuleError when the pack does not allow it)."""
    deadline = base_deadline(proposal)
    if deadline is None:
        return None
    pack, calendar = jurisdiction.pack_for(proposal), calendar_for(proposal)
    in_force = DeadlineExtension.objects.filter(
        proposal=proposal, state=DeadlineExtension.IN_FORCE
    ).order_by("created_at", "pk")
    for ext in in_force:
        deadline = rules.extend_deadline(
            pack, deadline, days=ext.days, by_agreement=ext.by_agreement, calendar=calendar
        )
    if extra is not None:
        days, by_agreement = extra
        deadline = rules.extend_deadline(
            pack,
            deadline,
            days=days,
            by_agreement=by_agreement,
            calendar=calendar,
            on=jurisdiction.today_for(proposal.employee),
        )
    return deadline


def due_date(proposal: Proposal) -> date | None:
    """The date the decision is due: the stored one (fixed at submission, moved by
    extensions), else computed."""
    if proposal.decision_due is not None:
        return proposal.decision_due
    deadline = deadline_for(proposal)
    return deadline.due if deadline else None


def deemed_granted_on(proposal: Proposal) -> date | None:
    """NL: the day a request without a written decision counts as granted; else None."""
    if not jurisdiction.pack_for(proposal).deemed_granted:
        return None
    if proposal.deemed_granted_on is not None:
        return proposal.deemed_granted_on
    deadline = base_deadline(proposal)
    return deadline.deemed_granted_on if deadline else None


def changes_for(proposal: Proposal) -> tuple[str, ...]:
    """What the request changes, in the rule packs' terms: always the place of work;
    shorter office days also change the times."""
    if proposal.pattern_kind == "short_office_days":
        return ("place", "times")
    return ("place",)


def grounds_for(proposal: Proposal) -> tuple[rules.RefusalGround, ...]:
    """The refusal grounds the pack allows for this request (empty: free-text reasons)."""
    pack = jurisdiction.pack_for(proposal)
    seen: dict[str, rules.RefusalGround] = {}
    for change in changes_for(proposal):
        for ground in rules.allowed_grounds(pack, change=change):
            seen.setdefault(ground.key, ground)
    return tuple(seen.values())


def ground_labels(proposal: Proposal, keys: list[str]) -> list[str]:
    labels = {g.key: g.label for g in jurisdiction.pack_for(proposal).refusal_grounds}
    return [labels.get(k, k) for k in keys]


def next_request_on(proposal: Proposal) -> date | None:
    """When the employee may make a new request (None: no limit); the proposals' one answer."""
    return jurisdiction.next_request_on(proposal.employee)


def appeal_window_ends(proposal: Proposal, decided_on: date) -> date | None:
    """The last day to appeal a decision given on ``decided_on``; None where the pack has
    no internal appeal."""
    pack = jurisdiction.pack_for(proposal)
    if not pack.appeal.internal:
        return None
    return rules.appeal_lodging_deadline(pack, decided_on=decided_on) or decided_on + timedelta(
        days=DEFAULT_APPEAL_LODGE_DAYS
    )


def appeal_due(proposal: Proposal, appealed_on: date) -> date:
    """When an appeal lodged on ``appealed_on`` must be decided.

    GB: inside the decision period (which may have passed: extend it by agreement).
    """
    pack = jurisdiction.pack_for(proposal)
    deadline = deadline_for(proposal)
    if deadline is not None:
        due = rules.appeal_deadline(
            pack, deadline=deadline, appealed_on=appealed_on, calendar=calendar_for(proposal)
        )
        if due is not None:
            return due
    return rules.last_working_day(
        appealed_on + timedelta(days=DEFAULT_APPEAL_DECIDE_DAYS), calendar_for(proposal)
    )


def service_problem(proposal: Proposal, start: date) -> rules.Problem | None:
    """Whether an arrangement may start on ``start`` (IE: not before six months' service;
    NL: 26 weeks at the start)."""
    employee = proposal.employee
    if employee.start_date is None:
        return None
    ctx = rules.RequestContext(
        received_on=proposal.received_on or start,
        employment_start=employee.start_date,
        requested_start=start,
    )
    for problem in rules.check_eligibility(jurisdiction.pack_for(proposal), ctx):
        if problem.key == "service_at_start":
            return problem
    return None


# --- Patterns -------------------------------------------------------------------------------


def describe_pattern(values: Any) -> str:
    try:
        return describe(pattern_of(values))
    except ValueError:
        return "an unknown pattern"


def home_days(values: Any) -> float:
    try:
        return home_days_per_week(pattern_of(values))
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class RulesSummary:
    """What the review page and the API show about the pack as applied to one proposal."""

    pack: rules.RulePack
    deadline: rules.Deadline | None
    due: date | None
    deemed_granted_on: date | None
    grounds: tuple[rules.RefusalGround, ...]
    next_request_on: date | None


def summary(proposal: Proposal) -> RulesSummary:
    return RulesSummary(
        pack=jurisdiction.pack_for(proposal),
        deadline=deadline_for(proposal),
        due=due_date(proposal),
        deemed_granted_on=deemed_granted_on(proposal),
        grounds=grounds_for(proposal),
        next_request_on=next_request_on(proposal),
    )
