"""The law decides: a request granted as asked when no written decision came in time (NL)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from homeward.decisions import applied_rules
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    DeadlineNotice,
    Decision,
    HrApproval,
    Outcome,
)
from homeward.proposals import jurisdiction
from homeward.proposals.models import Proposal


def apply_deemed_granted(*, proposal: Proposal, today: date) -> Decision | None:
    """Grant a request as asked where the pack says a late decision grants it (NL) and the
    day has come without a written decision. Idempotent: None when there is nothing to do.
    A decision still waiting for HR is closed; the request is granted as asked."""
    with transaction.atomic():
        p = steps.lock(proposal)
        granted_on = applied_rules.deemed_granted_on(p)
        if granted_on is None or today < granted_on or p.status not in steps.UNDECIDED:
            return None
        standing = steps.standing(p)
        if standing is not None:
            if not steps.pending_hr(standing):
                return None
            HrApproval.objects.filter(decision=standing).update(
                state=HrApproval.CLOSED,
                note="Closed: the request was granted by law before HR decided.",
                decided_at=timezone.now(),
            )
            standing.superseded_at = timezone.now()
            standing.save(update_fields=["superseded_at"])
        pack = jurisdiction.pack_for(p)
        trial = bool(p.trial_weeks)
        decision = Decision.objects.create(
            proposal=p,
            decider=None,
            outcome=Outcome.APPROVE_TRIAL if trial else Outcome.APPROVE,
            stage=steps.current_stage(p),
            revision=p.revision,
            deemed=True,
            start_date=p.start_date,
            review_date=(p.start_date + timedelta(weeks=p.trial_weeks))
            if trial and p.start_date and p.trial_weeks
            else None,
            explanation=(
                f"No written decision by {applied_rules.due_date(p)}: the request is granted as "
                f"asked from {granted_on} ({pack.deadline.citation})."
            ),
        )
        steps.grant(p, decision, None, trial=trial)
        told = steps.notify_each(
            [p.decider, *steps.hr_people(excluding=[p.employee_id])],
            template=steps.notice("deemed_granted"),
            context={"employee": p.employee.name, "explanation": decision.explanation},
            url=steps.review_url(p),
        )
        # In the same transaction as the outcome: the worker's record that it acted.
        DeadlineNotice.objects.get_or_create(
            proposal=p,
            kind=DeadlineNotice.DEEMED_GRANTED,
            due_on=granted_on,
            defaults={"recipients": [p.employee_id, *told]},
        )
        return decision
