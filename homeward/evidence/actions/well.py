"""Asking for the next step with the evidence: the draft proposal that cites it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.coach.patterns import (
    Pattern,
    home_days_per_week,
)
from homeward.evidence.patterns import check_pattern, pattern_fields
from homeward.evidence.well import DEFAULT_TRIAL_WEEKS, default_start, step_warning, well_offer
from homeward.people.access import person_of
from homeward.people.models import Person
from homeward.policy.models import policy_for
from homeward.proposals.actions import create_draft
from homeward.proposals.models import Proposal


@transaction.atomic
def ask_for_next_step(
    *,
    person: Person,
    actor: Actor,
    pattern: Pattern,
    start_date: date | None = None,
    big_step_ok: bool = False,
    today: date | None = None,
) -> Proposal:
    """Create the draft proposal for the next step, citing the evidence as precedent.

    Only the employee asks for themself. Raises ValidationError when the offer does not
    stand, the pattern is not more than now or breaks the policy, or it is more than one
    step and ``big_step_ok`` (the acknowledged warning) is not given.
    """
    today = today or timezone.localdate()
    me = person_of(actor)
    if me is None or me.pk != person.pk:
        raise PermissionDenied("Only the employee asks for their own next step.")
    offer = well_offer(person, today=today)
    if not offer.available:
        raise ValidationError(offer.reasons)
    if offer.draft is not None:
        raise ValidationError("You already have a draft for the next step; open it instead.")
    check_pattern(pattern, person)
    if home_days_per_week(pattern) <= offer.current_days:
        raise ValidationError({"weekdays": "The next step must add at least one home day."})
    warning = step_warning(offer, pattern)
    if warning and not big_step_ok:
        raise ValidationError({"big_step_ok": warning})
    start = start_date or default_start(person, today)
    if start <= today:
        raise ValidationError({"start_date": "The start date must be in the future."})
    assert offer.arrangement is not None
    return _create_draft(
        person=person,
        actor=actor,
        previous=offer.arrangement.proposal,
        pattern=pattern,
        start=start,
        precedent=offer.precedent,
        today=today,
    )


def _create_draft(
    *,
    person: Person,
    actor: Actor,
    previous: Proposal,
    pattern: Pattern,
    start: date,
    precedent: str,
    today: date,
) -> Proposal:
    """The draft, through the proposals' own ``create_draft`` (so the builder's checks
    apply: pattern against policy, start date against notice rules), then linked to the
    proposal it follows. The commitments of the earlier proposal carry over."""
    policy = policy_for(person)
    data: dict[str, Any] = {
        **pattern_fields(pattern),
        "start_date": start,
        "trial_weeks": policy.default_trial_weeks if policy else DEFAULT_TRIAL_WEEKS,
        "recall_accepted": previous.recall_accepted,
        "precedent": precedent,
    }
    for name in ("core_hours", "response_minutes", "outage_plan", "own_benefits"):
        if getattr(previous, name):
            data[name] = getattr(previous, name)
    proposal = create_draft(actor=actor, data=data, today=today)
    proposal.previous = previous
    proposal.save(update_fields=["previous"])
    record(
        actor=actor,
        action="proposal.drafted_from_evidence",
        obj=proposal,
        after={"previous": previous.pk, "precedent": precedent, **pattern_fields(pattern)},
    )
    return proposal
