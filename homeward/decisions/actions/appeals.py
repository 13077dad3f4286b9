"""Appeals against a decline, heard by a different manager (and HR's second approval of
an overturn above the policy's threshold)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.decisions import access, applied_rules
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    Appeal,
    HrApproval,
    Outcome,
)
from homeward.notify.actions import notify
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status


def appeal_manager_for(proposal: Proposal, decider: Person | None) -> Person | None:
    """The manager who hears an appeal by default: the nearest active manager above the
    decider who is neither the employee nor the decider. None: HR chooses."""
    excluded = {proposal.employee_id, decider.pk if decider else None}
    chain = decider.manager_chain() if decider else proposal.employee.manager_chain()
    for manager in chain:
        if manager.active and manager.pk not in excluded:
            return manager
    return None


def lodge_appeal(*, proposal: Proposal, actor: Any, reason: str) -> Appeal:
    """The employee appeals a decline within the pack's window; it goes to a different
    manager (never the decider, never the employee), or to HR to assign one."""
    reason = (reason or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        me = access.require_employee(actor, p)
        if p.status != Status.DECLINED:
            raise steps.state_error("Only a declined request can be appealed.")
        if Appeal.objects.filter(proposal=p).exists():
            raise steps.state_error("This decision has already been appealed.")
        decision = steps.standing(p)
        if decision is None or decision.outcome != Outcome.DECLINE:  # pragma: no cover
            raise steps.state_error("Only a declined request can be appealed.")
        decided_on = timezone.localdate(p.decided_at) if p.decided_at else steps.today()
        window = applied_rules.appeal_window_ends(p, decided_on)
        pack = applied_rules.pack_for(p)
        if window is None:
            raise ValidationError(
                f"{pack.name} ({pack.appeal.citation}): there is no internal appeal."
            )
        if steps.today() > window:
            raise steps.state_error(f"The time to appeal ended on {window:%d %B %Y}.")
        if not reason:
            raise ValidationError({"reason": "Say why the decision should be changed."})
        assigned = appeal_manager_for(p, decision.decider)
        original = decision.decider or p.decider
        if original is None:  # pragma: no cover - a decline always has a decider
            raise steps.state_error("Only a declined request can be appealed.")
        appeal = Appeal.objects.create(
            proposal=p,
            decision=decision,
            appellant=me,
            original_decider=original,
            reason=reason,
            assigned_to=assigned,
            due=applied_rules.appeal_due(p, steps.today()),
        )
        steps.move(
            p,
            Status.APPEALED,
            actor=actor,
            action="appeal.lodged",
            appeal=appeal.pk,
            assigned_to=assigned.pk if assigned else None,
            due=appeal.due,
        )
        if assigned is not None:
            notify(
                recipient=assigned,
                subject=f"Appeal to hear: {p.employee.name}'s request",
                body=(
                    f"{p.employee.name} appeals the decline by {appeal.original_decider.name}. "
                    f"Please decide by {appeal.due:%d %B %Y}.\n\n{reason}"
                ),
                url=steps.review_url(p),
            )
        else:
            steps.notify_each(
                steps.hr_people(excluding=[p.employee_id, appeal.original_decider_id]),
                subject=f"Choose a manager for {p.employee.name}'s appeal",
                body="Nobody above the deciding manager can hear it: choose another manager.",
                url=steps.review_url(p),
            )
        notify(
            recipient=p.employee,
            subject="Your appeal is lodged",
            body=(
                f"{assigned.name if assigned else 'A manager HR chooses'} will hear it, "
                f"by {appeal.due:%d %B %Y}."
            ),
            url=steps.review_url(p),
        )
        return appeal


def assign_appeal(*, appeal: Appeal, actor: Any, to: Person) -> Appeal:
    """HR (never the appellant) gives the appeal to another manager: active, with reports,
    and neither the appellant nor the original decider."""
    with transaction.atomic():
        p = steps.lock(appeal.proposal_id)
        a = Appeal.objects.select_for_update().get(pk=appeal.pk)
        access.require_hr(actor, p, not_person=a.original_decider)
        if not a.is_open:
            raise steps.state_error("This appeal has been decided.")
        if to.pk in (a.appellant_id, a.original_decider_id):
            raise ValidationError(
                {
                    "assigned_to": "The appeal must go to a manager other than the employee "
                    "and the manager who declined."
                }
            )
        if not to.active or not to.is_manager:
            raise ValidationError({"assigned_to": "Choose an active manager."})
        before = {"assigned_to": a.assigned_to_id}
        a.assigned_to = to
        a.save(update_fields=["assigned_to"])
        record(
            actor=actor,
            action="appeal.assigned",
            obj=p,
            before=before,
            after={"appeal": a.pk, "assigned_to": to.pk},
        )
        notify(
            recipient=to,
            subject=f"Appeal to hear: {p.employee.name}'s request",
            body=f"Please decide by {a.due:%d %B %Y}.\n\n{a.reason}" if a.due else a.reason,
            url=steps.review_url(p),
        )
        return a


def decide_appeal(
    *,
    appeal: Appeal,
    actor: Any,
    outcome: str,
    explanation: str,
    trial: bool = True,
    start_date: date | None = None,
    review_date: date | None = None,
) -> Appeal:
    """The appeal manager upholds the decline or overturns it (the arrangement starts as
    asked, as a trial by default). Never the employee or the original decider.

    An overturn above the policy's HR threshold waits for HR's second approval: the
    outcome is recorded (audited, emailed) but the proposal stays APPEALED, with a pending
    HrApproval on the appealed decline, until ``decide_hr_approval``."""
    explanation = (explanation or "").strip()
    with transaction.atomic():
        p = steps.lock(appeal.proposal_id)
        a = Appeal.objects.select_for_update().get(pk=appeal.pk)
        me = access.acting_person(actor)
        access.not_own(me, p)
        if me.pk == a.original_decider_id:
            raise PermissionDenied("The manager who declined cannot hear the appeal.")
        if me.pk != a.assigned_to_id:
            raise PermissionDenied("Only the manager hearing the appeal can decide it.")
        if not a.is_open or p.status != Status.APPEALED:
            raise steps.state_error("This appeal has already been decided.")
        if outcome not in (Appeal.UPHELD, Appeal.OVERTURNED):
            raise ValidationError({"outcome": "Uphold or overturn the decline."})
        if not explanation:
            raise ValidationError({"explanation": "Explain the outcome of the appeal."})
        a.outcome, a.explanation, a.decided_by, a.decided_at = (
            outcome,
            explanation,
            me,
            timezone.now(),
        )
        a.save()
        if outcome == Appeal.UPHELD:
            steps.move(
                p,
                Status.UPHELD,
                actor=actor,
                action="appeal.upheld",
                decided=True,
                appeal=a.pk,
                explanation=explanation,
            )
            next_on = applied_rules.next_request_on(p)
            notify(
                recipient=p.employee,
                subject="Your appeal: the decline is upheld",
                body=(
                    f"{me.name} heard your appeal and upholds the decision.\n\n{explanation}"
                    + (f"\n\nA new request may be made from {next_on}." if next_on else "")
                ),
                url=steps.review_url(p),
            )
        else:
            steps.assert_no_blocking(p)
            start = start_date or max(p.start_date or steps.today(), steps.today())
            steps.check_start(p, start)
            a.trial, a.start_date = trial, start
            a.review_date = review_date if trial else None
            a.save(update_fields=["trial", "start_date", "review_date"])
            if steps.needs_hr(p, p):
                _overturn_awaits_hr(p, a, me, actor)
            else:
                _overturn(p, a, me, actor)
        notify(
            recipient=a.original_decider,
            subject=f"Appeal decided: {p.employee.name}'s request",
            body=(
                f"{me.name}: {a.get_outcome_display()}"
                + (" (waiting for HR's second approval)" if p.status == Status.APPEALED else "")
                + f".\n\n{explanation}"
            ),
            url=steps.review_url(p),
        )
        return a


def _overturn(p: Proposal, a: Appeal, approver: Person, actor: Any) -> Arrangement:
    """The decline is overturned for good: status, arrangement, audit, the employee's email."""
    before = steps.set_status(p, Status.OVERTURNED, decided=True)
    arrangement = start_arrangement(
        proposal=p,
        approved_by=approver,
        trial=a.trial,
        start_date=a.start_date or max(p.start_date or steps.today(), steps.today()),
        review_date=a.review_date if a.trial else None,
        actor=actor,
    )
    record(
        actor=actor,
        action="appeal.overturned",
        obj=p,
        before=before,
        after={
            "status": p.status,
            "appeal": a.pk,
            "arrangement": arrangement.pk,
            "explanation": a.explanation,
        },
    )
    notify(
        recipient=p.employee,
        subject="Your appeal succeeded: the request is approved",
        body=(
            f"{approver.name} heard your appeal and overturns the decline.\n\n{a.explanation}"
            f"\n\nYour arrangement starts on {arrangement.start_date:%d %B %Y}."
        ),
        url=steps.review_url(p),
    )
    return arrangement


def _overturn_awaits_hr(p: Proposal, a: Appeal, me: Person, actor: Any) -> HrApproval:
    """An overturn above the policy's HR threshold: the proposal stays APPEALED and HR's
    second approval (on the appealed decline) decides whether the arrangement starts."""
    threshold = steps.hr_threshold(p) or 0
    approval = HrApproval.objects.create(
        decision=a.decision, proposal=p, employee=p.employee, threshold_days=threshold
    )
    record(
        actor=actor,
        action="appeal.overturned",
        obj=p,
        before={"status": p.status},
        after={
            "status": p.status,
            "appeal": a.pk,
            "awaiting_hr": True,
            "hr_approval": approval.pk,
            "explanation": a.explanation,
        },
    )
    steps.notify_each(
        steps.hr_people(excluding=[p.employee_id, a.original_decider_id, me.pk]),
        subject=f"Second approval needed: {p.employee.name}'s appeal",
        body=(
            f"{me.name} overturned the decline on appeal; the request is above the policy's "
            f"{threshold} home day(s) a week, so HR's second approval is needed."
        ),
        url=steps.review_url(p),
    )
    notify(
        recipient=p.employee,
        subject="Your appeal: the decline is overturned; HR gives a second approval",
        body=(
            f"{me.name} heard your appeal and overturns the decline.\n\n{a.explanation}\n\n"
            f"Your request is above {threshold} home day(s) a week, so the policy asks HR for "
            "a second approval before the arrangement starts. You will hear as soon as HR "
            "has decided."
        ),
        url=steps.review_url(p),
    )
    return approval


def hr_decides_overturn(
    p: Proposal, approval: HrApproval, a: Appeal, me: Person, approve: bool, note: str, actor: Any
) -> None:
    """HR's second approval of an overturn: OVERTURNED and the arrangement starts, or
    UPHELD (the decline stands) with HR's note emailed to the employee."""
    if approve:
        steps.assert_no_blocking(p)
        start = max(a.start_date or p.start_date or steps.today(), steps.today())
        steps.check_start(p, start)
        if a.start_date != start:  # HR decided after the planned start: start today
            a.start_date = start
            if a.review_date is not None and a.review_date <= start:
                a.review_date = None
            a.save(update_fields=["start_date", "review_date"])
        record(
            actor=actor,
            action="appeal.hr_approved",
            obj=p,
            after={"appeal": a.pk, "hr_approval": approval.pk, "note": note},
        )
        approver = a.decided_by or a.assigned_to
        assert approver is not None  # an overturned appeal has its decider
        _overturn(p, a, approver, actor)
        return
    steps.move(
        p,
        Status.UPHELD,
        actor=actor,
        action="appeal.hr_refused",
        decided=True,
        appeal=a.pk,
        hr_approval=approval.pk,
        note=note,
    )
    next_on = applied_rules.next_request_on(p)
    notify(
        recipient=p.employee,
        subject="Your appeal: HR did not approve the overturn; the decline stands",
        body=(
            f"{a.decided_by.name if a.decided_by else 'The appeal manager'} overturned the "
            f"decline, but the policy asks HR for a second approval and {me.name} (HR) did "
            f"not give it:\n\n{note}\n\nThe decline is upheld."
            + (f"\n\nA new request may be made from {next_on}." if next_on else "")
        ),
        url=steps.review_url(p),
    )
    steps.notify_each(
        [a.decided_by, a.original_decider],
        subject=f"HR did not approve the overturn of {p.employee.name}'s decline",
        body=f"{me.name} (HR) wrote:\n\n{note}\n\nThe decline is upheld.",
        url=steps.review_url(p),
    )
