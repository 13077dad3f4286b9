"""Appeals against a decline, heard by a different manager (and HR's second approval of
an overturn above the policy's threshold)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
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
from homeward.notify.actions import notify_from
from homeward.people.models import Person
from homeward.proposals import jurisdiction
from homeward.proposals.access import conflict
from homeward.proposals.models import Proposal, Status


def appeal_manager_for(proposal: Proposal, decider: Person | None) -> Person | None:
    """The manager who hears an appeal by default: the nearest active manager above the
    decider who is neither the employee nor the decider. None: HR chooses."""
    excluded = {proposal.employee_id, decider.pk if decider else None}
    chain = decider.manager_chain() if decider else proposal.employee.manager_chain()
    for manager in chain:
        if manager.active and manager.pk not in excluded and not conflict(manager, proposal):
            return manager
    return None


def lodge_appeal(*, proposal: Proposal, actor: Actor, reason: str) -> Appeal:
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
        decided_on = jurisdiction.local_date(p.decided_at, p.employee) or steps.today()
        window = applied_rules.appeal_window_ends(p, decided_on)
        pack = jurisdiction.pack_for(p)
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
            notify_from(
                steps.notice("appeal_to_hear"),
                recipient=assigned,
                context={
                    "employee": p.employee.name,
                    "appellant": p.employee.name,
                    "original_decider": appeal.original_decider.name,
                    "due": appeal.due,
                    "reason": reason,
                },
                url=steps.review_url(p),
            )
        else:
            steps.notify_each(
                steps.hr_people(excluding=[p.employee_id, appeal.original_decider_id]),
                template=steps.notice("appeal_unassigned"),
                context={"employee": p.employee.name},
                url=steps.review_url(p),
            )
        notify_from(
            steps.notice("appeal_lodged"),
            recipient=p.employee,
            context={"hearer": assigned.name if assigned else "", "due": appeal.due},
            url=steps.review_url(p),
        )
        return appeal


def assign_appeal(*, appeal: Appeal, actor: Actor, to: Person) -> Appeal:
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
        reason = conflict(to, p, original_decider_id=a.original_decider_id)
        if reason:
            raise ValidationError({"assigned_to": reason})
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
        notify_from(
            steps.notice("appeal_to_hear"),
            recipient=to,
            context={"employee": p.employee.name, "due": a.due, "reason": a.reason},
            url=steps.review_url(p),
        )
        return a


def decide_appeal(
    *,
    appeal: Appeal,
    actor: Actor,
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
        access.not_own(me, p, original_decider_id=a.original_decider_id)
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
            _decline_stands(
                p,
                a,
                actor=actor,
                action="appeal.upheld",
                notice="appeal_upheld",
                context={"heard_by": me.name, "explanation": explanation},
                explanation=explanation,
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
        notify_from(
            steps.notice("appeal_decided"),
            recipient=a.original_decider,
            context={
                "employee": p.employee.name,
                "heard_by": me.name,
                "outcome": a.get_outcome_display(),
                "awaiting_hr": p.status == Status.APPEALED,
                "explanation": explanation,
            },
            url=steps.review_url(p),
        )
        return a


def _overturn(p: Proposal, a: Appeal, approver: Person, actor: Actor) -> Arrangement:
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
    notify_from(
        steps.notice("appeal_overturned"),
        recipient=p.employee,
        context={
            "approver": approver.name,
            "explanation": a.explanation,
            "start": arrangement.start_date,
        },
        url=steps.review_url(p),
    )
    return arrangement


def _overturn_awaits_hr(p: Proposal, a: Appeal, me: Person, actor: Actor) -> HrApproval:
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
    context = {
        "employee": p.employee.name,
        "overturned_by": me.name,
        "threshold": threshold,
        "explanation": a.explanation,
    }
    steps.notify_each(
        steps.hr_people(excluding=[p.employee_id, a.original_decider_id, me.pk]),
        template=steps.notice("appeal_needs_hr"),
        context=context,
        url=steps.review_url(p),
    )
    notify_from(
        steps.notice("appeal_overturn_awaits_hr"),
        recipient=p.employee,
        context=context,
        url=steps.review_url(p),
    )
    return approval


def hr_decides_overturn(
    p: Proposal, approval: HrApproval, a: Appeal, me: Person, approve: bool, note: str, actor: Actor
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
    context = {
        "employee": p.employee.name,
        "overturned_by": a.decided_by.name if a.decided_by else "",
        "hr": me.name,
        "note": note,
    }
    _decline_stands(
        p,
        a,
        actor=actor,
        action="appeal.hr_refused",
        notice="appeal_hr_refused",
        context=context,
        hr_approval=approval.pk,
        note=note,
    )
    steps.notify_each(
        [a.decided_by, a.original_decider],
        template=steps.notice("appeal_hr_refused_managers"),
        context=context,
        url=steps.review_url(p),
    )


def _decline_stands(
    p: Proposal,
    a: Appeal,
    *,
    actor: Actor,
    action: str,
    notice: str,
    context: dict[str, Any],
    **after: Any,
) -> None:
    """The decline stands after an appeal (the manager upholds it, or HR refuses the
    overturn): UPHELD, audited, and the employee told when a new request may be made."""
    steps.move(p, Status.UPHELD, actor=actor, action=action, decided=True, appeal=a.pk, **after)
    notify_from(
        steps.notice(notice),
        recipient=p.employee,
        context={**context, "next_on": applied_rules.next_request_on(p)},
        url=steps.review_url(p),
    )
