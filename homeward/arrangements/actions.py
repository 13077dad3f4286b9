"""Starting and moving arrangements; each change is atomic and audited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements import hooks
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.actions import record, snapshot
from homeward.people.models import Person
from homeward.proposals.models import Proposal

PATTERN_FIELDS = ["pattern_kind", "weekdays", "n_days", "allowed_weekdays", "reduced_hours"]

# Which review outcomes may follow which states.
TRANSITIONS: dict[str, set[str]] = {
    ArrangementStatus.PENDING: {
        ArrangementStatus.TRIAL,
        ArrangementStatus.STANDING,
        ArrangementStatus.ENDED,
    },
    ArrangementStatus.TRIAL: {
        ArrangementStatus.STANDING,
        ArrangementStatus.EXTENDED,
        ArrangementStatus.ENDED,
        ArrangementStatus.SUSPENDED,
    },
    ArrangementStatus.EXTENDED: {
        ArrangementStatus.STANDING,
        ArrangementStatus.EXTENDED,
        ArrangementStatus.ENDED,
        ArrangementStatus.SUSPENDED,
    },
    ArrangementStatus.STANDING: {ArrangementStatus.ENDED, ArrangementStatus.SUSPENDED},
    ArrangementStatus.SUSPENDED: {
        ArrangementStatus.TRIAL,
        ArrangementStatus.EXTENDED,
        ArrangementStatus.STANDING,
        ArrangementStatus.ENDED,
    },
    ArrangementStatus.ENDED: set(),
}


def start_arrangement(
    *,
    proposal: Proposal,
    approved_by: Person,
    trial: bool,
    start_date: date | None = None,
    review_date: date | None = None,
    pattern: dict[str, Any] | None = None,
    actor: Actor | None,
) -> Arrangement:
    """Start the arrangement an approval grants. Call inside the decision's transaction.

    ``pattern`` overrides the proposal's pattern (a counter-proposal); a trial without a
    review date is reviewed after the proposal's trial length (default 12 weeks). Any
    arrangement the employee already has is ended the day before the new one starts, so
    a person never has two at once.
    """
    start = start_date or proposal.start_date or timezone.localdate()
    if trial and review_date is None:
        review_date = start + timedelta(weeks=proposal.trial_weeks or 12)
    if review_date is not None and review_date <= start:
        raise ValidationError({"review_date": "The review date must be after the start date."})
    values = {f: getattr(proposal, f) for f in PATTERN_FIELDS}
    values.update(pattern or {})
    for previous in (
        Arrangement.objects.select_for_update().active().filter(employee=proposal.employee)
    ):
        _move(
            previous,
            ArrangementStatus.ENDED,
            actor=actor,
            end_date=max(previous.start_date, start - timedelta(days=1)),
        )
    arrangement = Arrangement.objects.create(
        employee=proposal.employee,
        proposal=proposal,
        approved_by=approved_by,
        status=ArrangementStatus.TRIAL if trial else ArrangementStatus.STANDING,
        start_date=start,
        review_date=review_date if trial else None,
        confirmed_on=None if trial else start,
        **values,
    )
    record(
        actor=actor,
        action="arrangement.started",
        obj=arrangement,
        after=snapshot(arrangement, ["status", "start_date", "review_date", *PATTERN_FIELDS]),
    )
    hooks.started(arrangement=arrangement, actor=actor)
    return arrangement


def move_arrangement(
    *,
    arrangement_id: int,
    to: str,
    actor: Actor,
    on: date | None = None,
    review_date: date | None = None,
) -> Arrangement:
    """Confirm (standing), extend (new review date), end, suspend or resume an arrangement."""
    with transaction.atomic():
        arrangement = Arrangement.objects.select_for_update().get(pk=arrangement_id)
        return _move(arrangement, to, actor=actor, end_date=on, review_date=review_date)


def _move(
    arrangement: Arrangement,
    to: str,
    *,
    actor: Actor | None,
    end_date: date | None = None,
    review_date: date | None = None,
) -> Arrangement:
    if to not in TRANSITIONS[arrangement.status]:
        raise ValidationError(
            f"An arrangement that is {arrangement.get_status_display().lower()} cannot become "
            f"{ArrangementStatus(to).label.lower()}."
        )
    before = snapshot(arrangement, ["status", "review_date", "end_date", "confirmed_on"])
    today = timezone.localdate()
    if to == ArrangementStatus.EXTENDED:
        if review_date is None or review_date <= today:
            raise ValidationError(
                {"review_date": "An extension needs a review date in the future."}
            )
        arrangement.review_date = review_date
    elif to == ArrangementStatus.STANDING:
        arrangement.confirmed_on = end_date or today
        arrangement.review_date = None
    elif to == ArrangementStatus.ENDED:
        # An arrangement ended before it began ends on its first day: it never ran.
        arrangement.end_date = max(arrangement.start_date, end_date or today)
    arrangement.status = to
    arrangement.save()
    record(
        actor=actor,
        action=f"arrangement.{to}",
        obj=arrangement,
        before=before,
        after=snapshot(arrangement, ["status", "review_date", "end_date", "confirmed_on"]),
    )
    return arrangement


def hold_for_agreement(*, arrangement: Arrangement, actor: Actor | None) -> Arrangement:
    """Keep a just-started arrangement waiting for its signed agreement (call inside the
    start's transaction): it is not active, so no home day counts, until it is activated."""
    before = snapshot(arrangement, ["status"])
    arrangement.status = ArrangementStatus.PENDING
    arrangement.save(update_fields=["status"])
    record(
        actor=actor,
        action="arrangement.pending",
        obj=arrangement,
        before=before,
        after=snapshot(arrangement, ["status"]),
    )
    return arrangement


def activate_arrangement(*, arrangement_id: int, actor: Actor | None) -> Arrangement:
    """A pending arrangement becomes what it was approved as: a trial when it has a review
    date, else standing. Call inside the transaction that completes the agreement."""
    arrangement = Arrangement.objects.select_for_update().get(pk=arrangement_id)
    if arrangement.status != ArrangementStatus.PENDING:
        return arrangement
    to = ArrangementStatus.TRIAL if arrangement.review_date else ArrangementStatus.STANDING
    before = snapshot(arrangement, ["status"])
    arrangement.status = to
    arrangement.save(update_fields=["status"])
    record(
        actor=actor,
        action="arrangement.activated",
        obj=arrangement,
        before=before,
        after=snapshot(arrangement, ["status"]),
    )
    return arrangement
