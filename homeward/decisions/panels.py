"""Home panels: decisions waiting for a manager, HR's second approvals and overdue decisions,
and what an employee must answer."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.decisions.access import appeals_heard_by
from homeward.decisions.applied_rules import appeal_window_ends
from homeward.decisions.models import Appeal, DeadlineExtension, HrApproval
from homeward.home import Panel, panel
from homeward.people.access import is_hr
from homeward.people.models import Person
from homeward.proposals.jurisdiction import local_date
from homeward.proposals.models import LIVE, Proposal, Status

UNDECIDED = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)


def _with_days_left(proposals: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "proposal": p,
            "days_left": (p.decision_due - today).days if p.decision_due else None,
        }
        for p in proposals
    ]


@panel
def manager_panel(user: Actor, me: Person | None) -> Panel | None:
    """The decider's queue, soonest deadline first, and the appeals they hear."""
    if me is None:
        return None
    pending_hr = HrApproval.objects.filter(state=HrApproval.PENDING).values("proposal_id")
    queue = (
        Proposal.objects.filter(decider=me, status__in=UNDECIDED)
        .exclude(employee=me)
        .exclude(pk__in=pending_hr)
        .select_related("employee")
        .order_by("decision_due", "pk")
    )
    appeals = (
        appeals_heard_by(me)
        .filter(proposal__status=Status.APPEALED)
        .exclude(appellant=me)
        .select_related("proposal", "appellant")
        .order_by("due")
    )
    rows = _with_days_left(queue[:10])
    appeal_rows = list(appeals[:10])
    if not rows and not appeal_rows and not me.is_manager:
        return None
    return Panel(
        "Awaiting your decision",
        "decisions/_home_manager.html",
        {"rows": rows, "count": queue.count(), "appeals": appeal_rows},
    )


@panel
def hr_panel(user: Actor, me: Person | None) -> Panel | None:
    """Second approvals waiting for HR, appeals without a manager, and overdue decisions."""
    if not is_hr(user):
        return None
    today = timezone.localdate()
    approvals = (
        HrApproval.objects.filter(
            state=HrApproval.PENDING, proposal__status__in=[Status.IN_REVIEW, Status.APPEALED]
        )
        .select_related("proposal", "proposal__employee", "decision__decider")
        .order_by("proposal__decision_due")
    )
    overdue = (
        Proposal.objects.filter(status__in=UNDECIDED, decision_due__lt=today)
        .select_related("employee", "decider")
        .order_by("decision_due")
    )
    unassigned = Appeal.objects.filter(
        assigned_to__isnull=True, outcome="", proposal__status=Status.APPEALED
    ).select_related("proposal", "appellant")
    if me is not None:
        approvals = approvals.exclude(employee=me)
        overdue = overdue.exclude(employee=me)
        unassigned = unassigned.exclude(appellant=me)
    if not (approvals.exists() or overdue.exists() or unassigned.exists()):
        return None
    return Panel(
        "Decisions: HR",
        "decisions/_home_hr.html",
        {
            "approvals": list(approvals[:10]),
            "overdue": [
                {"proposal": p, "days_late": (today - (p.decision_due or today)).days}
                for p in overdue[:10]
            ],
            "overdue_count": overdue.count(),
            "unassigned": list(unassigned[:10]),
        },
    )


@panel
def employee_panel(user: Actor, me: Person | None) -> Panel | None:
    """What the employee must answer: a question, a counter-proposal, an extension; or a
    decline they may appeal."""
    if me is None:
        return None
    mine = (
        Proposal.objects.filter(
            employee=me,
            status__in=[Status.INFO_REQUESTED, Status.COUNTERED, Status.DECLINED],
        )
        .select_related("employee")
        .order_by("-updated_at")
    )
    extensions = DeadlineExtension.objects.filter(
        proposal__employee=me, state=DeadlineExtension.PROPOSED, proposal__status__in=LIVE
    ).select_related("proposal")
    today = timezone.localdate()
    rows = [p for p in mine[:5] if p.status != Status.DECLINED or _may_appeal(p, today)]
    if not rows and not extensions.exists():
        return None
    return Panel(
        "Your request needs you",
        "decisions/_home_employee.html",
        {"rows": rows, "extensions": list(extensions)},
    )


def _may_appeal(proposal: Proposal, today: Any) -> bool:
    decided_on = local_date(proposal.decided_at, proposal.employee)
    if decided_on is None or Appeal.objects.filter(proposal=proposal).exists():
        return False
    window = appeal_window_ends(proposal, decided_on)
    return window is not None and today <= window
