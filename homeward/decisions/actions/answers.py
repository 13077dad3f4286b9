"""The employee answers: a request for information or a meeting, a counter offer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.decisions import access
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    CounterResponse,
    Decision,
    Outcome,
)
from homeward.notify.actions import notify_from
from homeward.proposals.models import Proposal, Status


def respond_to_request(*, proposal: Proposal, actor: Actor, response: str) -> Decision:
    """The employee answers a request for information or a meeting: back in review."""
    response = (response or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        access.require_employee(actor, p)
        if p.status != Status.INFO_REQUESTED:
            raise steps.state_error("No question is waiting for your answer.")
        if not response:
            raise ValidationError({"response": "Write your answer."})
        ask = steps.open_ask(p)
        if ask is None:  # pragma: no cover - status and rows disagree
            raise steps.state_error("No question is waiting for your answer.")
        ask.response, ask.responded_at = response, timezone.now()
        ask.save(update_fields=["response", "responded_at"])
        steps.move(
            p,
            Status.IN_REVIEW,
            actor=actor,
            action="decision.info_provided",
            decision=ask.pk,
            response=response,
        )
        if p.decider is not None:
            notify_from(
                steps.notice("info_answered"),
                recipient=p.decider,
                context={"employee": p.employee.name, "response": response},
                url=steps.review_url(p),
            )
        return ask


def respond_to_counter(
    *, proposal: Proposal, actor: Actor, accept: bool, note: str = ""
) -> Decision:
    """The employee accepts the counter-proposal (the arrangement starts with the offered
    pattern) or declines it (the manager decides again on the original request)."""
    note = (note or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        access.require_employee(actor, p)
        decision = steps.standing(p)
        if p.status != Status.COUNTERED or decision is None or decision.outcome != Outcome.COUNTER:
            raise steps.state_error("No counter-proposal is waiting for your answer.")
        decision.counter_response = CounterResponse.ACCEPTED if accept else CounterResponse.DECLINED
        decision.counter_responded_at = timezone.now()
        decision.response = note
        if not accept:
            decision.superseded_at = timezone.now()
        decision.save()
        if accept:
            steps.grant(
                p, decision, actor, pattern=decision.counter_pattern(), trial=decision.counter_trial
            )
            return decision
        steps.move(
            p,
            Status.IN_REVIEW,
            actor=actor,
            action="decision.counter_declined",
            decision=decision.pk,
            note=note,
        )
        if decision.decider is not None:
            notify_from(
                steps.notice("counter_declined"),
                recipient=decision.decider,
                context={"employee": p.employee.name, "note": note},
                url=steps.review_url(p),
            )
        return decision
