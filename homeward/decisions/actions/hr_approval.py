"""HR's second approval, where the policy asks for one above a number of home days."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.decisions import access
from homeward.decisions.actions import steps
from homeward.decisions.actions.appeals import hr_decides_overturn
from homeward.decisions.models import (
    Appeal,
    HrApproval,
    Outcome,
)
from homeward.proposals.models import Proposal, Status


def decide_hr_approval(
    *, proposal: Proposal, actor: Actor, approve: bool, note: str = ""
) -> HrApproval:
    """HR approves (the arrangement starts, or the counter goes to the employee) or refuses
    (the manager's decision is set aside and the request is back in review). HR never
    approves their own request, nor one they decided as the manager.

    On an appeal overturned above the threshold (the proposal is still APPEALED, the
    approval hangs on the appealed decline): approval sets OVERTURNED and starts the
    arrangement; refusal sets UPHELD. Neither the manager who declined nor the one who
    heard the appeal gives HR's approval."""
    note = (note or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        approval = (
            HrApproval.objects.select_for_update()
            .filter(proposal=p, state=HrApproval.PENDING)
            .select_related("decision")
            .first()
        )
        access.not_own(access.acting_person(actor), p)
        if approval is None:
            raise steps.state_error("Nothing is waiting for HR's approval on this request.")
        decision = approval.decision
        me = access.require_hr(actor, p, not_person=decision.decider)
        appeal = (
            Appeal.objects.filter(proposal=p, outcome=Appeal.OVERTURNED).first()
            if p.status == Status.APPEALED
            else None
        )
        if appeal is not None and appeal.decided_by_id == me.pk:
            raise PermissionDenied("The second approval must come from someone else.")
        if not approve and not note:
            raise ValidationError({"note": "Say why HR does not approve."})
        approval.state = HrApproval.APPROVED if approve else HrApproval.REFUSED
        approval.decided_by, approval.decided_at, approval.note = me, timezone.now(), note
        approval.save()
        if appeal is not None:
            hr_decides_overturn(p, approval, appeal, me, approve, note, actor)
        elif approve:
            steps.assert_no_blocking(p)
            record(
                actor=actor,
                action="decision.hr_approved",
                obj=p,
                after={"decision": decision.pk, "note": note},
            )
            if decision.outcome == Outcome.COUNTER:
                steps.set_status(p, Status.COUNTERED)
                steps.notify_counter(p, decision)
            else:
                steps.grant(p, decision, actor)
        else:
            decision.superseded_at = timezone.now()
            decision.save(update_fields=["superseded_at"])
            steps.move(
                p,
                Status.IN_REVIEW,
                actor=actor,
                action="decision.hr_refused",
                decision=decision.pk,
                note=note,
            )
            steps.notify_each(
                [decision.decider, p.employee],
                template=steps.notice("hr_refused"),
                context={"employee": p.employee.name, "hr": me.name, "note": note},
                url=steps.review_url(p),
            )
        return approval
