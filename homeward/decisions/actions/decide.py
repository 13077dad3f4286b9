"""The decider decides: approve (as a trial or standing), counter-propose, decline, or ask
for more information or a meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.models import Actor
from homeward.decisions import access, applied_rules
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    Decision,
    HrApproval,
    Outcome,
)
from homeward.notify.actions import notify_from
from homeward.people.models import Person
from homeward.policy import rules
from homeward.proposals import jurisdiction
from homeward.proposals.models import Proposal, Status


def decide_proposal(
    *,
    proposal: Proposal,
    actor: Actor,
    outcome: str,
    grounds: Sequence[str] = (),
    explanation: str = "",
    start_date: date | None = None,
    review_date: date | None = None,
    counter: dict[str, Any] | None = None,
    counter_trial: bool = True,
    criteria: list[dict[str, Any]] | None = None,
    meeting_proposed_for: datetime | None = None,
) -> Decision:
    """Approve (as a trial or standing), counter-propose, decline, or ask for more
    information or a meeting. Only the proposal's decider, never the employee.

    Refused with a ValidationError naming the rule: a request that is no longer being
    decided; open blocking concerns (approvals and counters); a decline without grounds
    from the pack's list, without an explanation, or without a recorded consultation where
    the pack requires one (GB, NI, NL); a start date the pack forbids (IE: six months'
    service). An approval above the policy's HR threshold waits for HR's second approval.
    """
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": f"Unknown outcome {outcome!r}."})
    explanation = (explanation or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        me = access.require_decider(actor, p)
        if p.status not in steps.UNDECIDED:
            raise steps.state_error(
                f"This request is {p.get_status_display().lower()}: it is not waiting for a "
                "decision."
            )
        standing = steps.standing(p)
        if standing is not None:
            raise steps.state_error(
                "This request has already been decided"
                + (" and is waiting for HR's approval." if steps.pending_hr(standing) else ".")
            )
        if outcome in (Outcome.REQUEST_INFO, Outcome.MEETING):
            return _ask(p, me, actor, outcome, explanation, meeting_proposed_for)
        decision = Decision(
            proposal=p,
            decider=me,
            outcome=outcome,
            stage=steps.current_stage(p),
            revision=p.revision,
            explanation=explanation,
        )
        if outcome == Outcome.DECLINE:
            return _decline(p, decision, list(dict.fromkeys(grounds)), actor)
        steps.assert_no_blocking(p)
        if outcome == Outcome.COUNTER:
            return _counter(p, decision, steps.clean_counter(p, counter), counter_trial, actor)
        return _approve(p, decision, start_date, review_date, criteria or [], actor)


def _ask(
    p: Proposal,
    me: Person,
    actor: Actor,
    outcome: str,
    explanation: str,
    meeting_proposed_for: datetime | None,
) -> Decision:
    if not explanation:
        what = "what you need to know" if outcome == Outcome.REQUEST_INFO else "what to discuss"
        raise ValidationError({"explanation": f"Say {what}."})
    decision = Decision.objects.create(
        proposal=p,
        decider=me,
        outcome=outcome,
        stage=steps.current_stage(p),
        revision=p.revision,
        explanation=explanation,
        meeting_proposed_for=meeting_proposed_for,
    )
    steps.move(
        p,
        Status.INFO_REQUESTED,
        actor=actor,
        action=f"decision.{outcome}",
        decision=decision.pk,
        explanation=explanation,
    )
    notify_from(
        steps.notice("asked"),
        recipient=p.employee,
        context={
            "meeting": outcome == Outcome.MEETING,
            "decider": me.name,
            "explanation": explanation,
            "proposed_for": meeting_proposed_for,
        },
        url=steps.review_url(p),
    )
    return decision


def _decline(p: Proposal, decision: Decision, grounds: list[str], actor: Actor) -> Decision:
    pack = jurisdiction.pack_for(p)
    problems = rules.validate_refusal(
        pack,
        grounds=grounds,
        explanation=decision.explanation,
        consultation_held=steps.consulted(p),
        changes=applied_rules.changes_for(p),
    )
    if any(problem.blocking for problem in problems):
        raise steps.problems_to_error([x for x in problems if x.blocking])
    decision.grounds = grounds
    decision.save()
    steps.move(
        p,
        Status.DECLINED,
        actor=actor,
        action="decision.decline",
        decided=True,
        decision=decision.pk,
        grounds=grounds,
        explanation=decision.explanation,
    )
    today = steps.today()
    appeal_by = applied_rules.appeal_window_ends(p, today)
    next_on = applied_rules.next_request_on(p)
    notify_from(
        steps.notice("declined"),
        recipient=p.employee,
        context={
            "decider": steps.name_of(decision.decider),
            "grounds": steps.grounds_text(p, grounds) if grounds else "",
            "explanation": decision.explanation,
            "appeal_by": appeal_by,
            "next_on": next_on if next_on and next_on > today else None,
            "pack": pack.name,
        },
        url=steps.review_url(p),
    )
    return decision


def _counter(
    p: Proposal, decision: Decision, pattern: dict[str, Any], trial: bool, actor: Actor
) -> Decision:
    decision.counter_pattern_kind = pattern["pattern_kind"]
    decision.counter_weekdays = pattern["weekdays"]
    decision.counter_n_days = pattern["n_days"]
    decision.counter_allowed_weekdays = pattern["allowed_weekdays"]
    decision.counter_reduced_hours = pattern["reduced_hours"]
    decision.counter_trial = trial
    decision.save()
    if steps.needs_hr(p, pattern):
        return _await_hr(p, decision, actor)
    steps.move(
        p,
        Status.COUNTERED,
        actor=actor,
        action="decision.counter",
        decision=decision.pk,
        counter=applied_rules.describe_pattern(pattern),
        explanation=decision.explanation,
    )
    steps.notify_counter(p, decision)
    return decision


def _approve(
    p: Proposal,
    decision: Decision,
    start_date: date | None,
    review_date: date | None,
    criteria: list[dict[str, Any]],
    actor: Actor,
) -> Decision:
    if start_date is not None and start_date < steps.today():
        raise ValidationError({"start_date": "An arrangement cannot start in the past."})
    start = start_date or max(p.start_date or steps.today(), steps.today())
    steps.check_start(p, start)
    trial = decision.outcome == Outcome.APPROVE_TRIAL
    if trial:
        weeks = p.trial_weeks or (p.policy_version.default_trial_weeks if p.policy_version else 12)
        review_date = review_date or start + timedelta(weeks=weeks)
        if review_date <= start:
            raise ValidationError({"review_date": "The review date must be after the start."})
    else:
        review_date = None
    criteria = steps.clean_criteria(p, criteria) if trial else []
    decision.start_date, decision.review_date, decision.criteria = start, review_date, criteria
    decision.save()
    if steps.needs_hr(p, p):
        return _await_hr(p, decision, actor)
    steps.grant(p, decision, actor)
    return decision


def _await_hr(p: Proposal, decision: Decision, actor: Actor) -> Decision:
    threshold = steps.hr_threshold(p) or 0
    HrApproval.objects.create(
        decision=decision, proposal=p, employee=p.employee, threshold_days=threshold
    )
    steps.move(
        p,
        Status.IN_REVIEW,
        actor=actor,
        action=f"decision.{decision.outcome}",
        decision=decision.pk,
        awaiting_hr=True,
        explanation=decision.explanation,
    )
    context = {
        "employee": p.employee.name,
        "decider": decision.decider.name if decision.decider else "",
        "counter": decision.outcome == Outcome.COUNTER,
        "threshold": threshold,
    }
    steps.notify_each(
        steps.hr_people(excluding=[p.employee_id, decision.decider_id]),
        template=steps.notice("needs_hr"),
        context=context,
        url=steps.review_url(p),
    )
    notify_from(
        steps.notice("awaits_hr"), recipient=p.employee, context=context, url=steps.review_url(p)
    )
    return decision
