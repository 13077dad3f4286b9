"""The review of a trial: confirm, extend, adjust or end the arrangement, with the report."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements.actions import move_arrangement, start_arrangement
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.actions import record
from homeward.coach.patterns import Pattern, describe
from homeward.evidence.access import can_decide_for
from homeward.evidence.models import Decision, EvidenceReport, SuccessCriterion
from homeward.evidence.patterns import check_pattern, pattern_fields
from homeward.evidence.reports import trial_report
from homeward.notify.actions import notify
from homeward.people.access import person_of
from homeward.people.models import Person
from homeward.policy.models import policy_for
from homeward.proposals.models import Proposal, Status

DEFAULT_TRIAL_WEEKS = 12


def review_trial(
    *,
    arrangement_id: int,
    decision: str,
    actor: Actor,
    note: str = "",
    review_date: date | None = None,
    pattern: Pattern | None = None,
    today: date | None = None,
    email: bool = True,
) -> EvidenceReport:
    """Decide a trial on its evidence: confirm (standing), extend (a new review date),
    adjust (a new pattern, started as a new trial from today) or end.

    The figures the reviewer saw are stored as an EvidenceReport in the same transaction as
    the arrangement's move, with an audit event, and the employee is told. Only the manager
    line or HR may review, never the employee; only a running trial can be reviewed.
    """
    today = today or timezone.localdate()
    if decision not in Decision.values:
        raise ValidationError({"decision": "Choose confirm, extend, adjust or end."})
    with transaction.atomic():
        arrangement = (
            Arrangement.objects.select_for_update()
            .select_related("employee")
            .get(pk=arrangement_id)
        )
        employee = arrangement.employee
        if not can_decide_for(actor, employee):
            raise PermissionDenied("Only the manager line or HR may review this trial.")
        if not arrangement.is_trial:
            raise ValidationError("Only a running trial can be reviewed; this one is settled.")
        report = trial_report(arrangement, today=today)
        reviewer = person_of(actor) or arrangement.approved_by
        successor = None
        if decision == Decision.CONFIRM:
            move_arrangement(
                arrangement_id=arrangement.pk, to=ArrangementStatus.STANDING, actor=actor, on=today
            )
        elif decision == Decision.EXTEND:
            if review_date is None:
                raise ValidationError({"review_date": "An extension needs a new review date."})
            move_arrangement(
                arrangement_id=arrangement.pk,
                to=ArrangementStatus.EXTENDED,
                actor=actor,
                review_date=review_date,
            )
        elif decision == Decision.END:
            move_arrangement(
                arrangement_id=arrangement.pk, to=ArrangementStatus.ENDED, actor=actor, on=today
            )
        else:
            successor = _adjust(
                arrangement,
                pattern=pattern,
                reviewer=reviewer,
                actor=actor,
                today=today,
                review_date=review_date,
            )
        saved = EvidenceReport.objects.create(
            arrangement=arrangement,
            decision=decision,
            note=note.strip(),
            overall=report.overall,
            figures=report.to_dict(),
            review_date=review_date
            if decision == Decision.EXTEND
            else (successor.review_date if successor else None),
            successor=successor,
            decided_by=reviewer,
        )
        record(
            actor=actor,
            action="evidence.reviewed",
            obj=arrangement,
            after={
                "report": saved.pk,
                "decision": decision,
                "overall": report.overall,
                "successor": successor.pk if successor else None,
            },
        )
        label = Decision(decision).label.split(":")[0].lower()
        notify(
            recipient=employee,
            subject=f"Your trial was reviewed: {label}",
            body=(
                f"{reviewer.name} reviewed your home-working trial on its results and decided: "
                f"{Decision(decision).label}." + (f"\n\n{note.strip()}" if note.strip() else "")
            ),
            url=reverse("evidence:trial", args=[(successor or arrangement).pk]),
            email=email,
        )
    return saved


def _adjust(
    arrangement: Arrangement,
    *,
    pattern: Pattern | None,
    reviewer: Person,
    actor: Actor,
    today: date,
    review_date: date | None,
) -> Arrangement:
    """A new pattern: recorded as an approved counter-pattern on a new proposal (the earlier
    one as ``previous``) and started as a fresh trial from today, ending the old one."""
    employee = arrangement.employee
    if pattern is None:
        raise ValidationError({"pattern": "An adjustment needs the new pattern."})
    check_pattern(pattern, employee)
    policy = policy_for(employee)
    weeks = policy.default_trial_weeks if policy else DEFAULT_TRIAL_WEEKS
    review_date = review_date or today + timedelta(weeks=weeks)
    if review_date <= today:
        raise ValidationError({"review_date": "The review date must be in the future."})
    fields = pattern_fields(pattern)
    proposal = Proposal.objects.create(
        employee=employee,
        decider=reviewer if reviewer.pk != employee.pk else None,
        status=Status.APPROVED_TRIAL,
        title=f"Adjusted at review: working from home {describe(pattern)}",
        start_date=today,
        trial_weeks=max(1, (review_date - today).days // 7),
        previous=arrangement.proposal,
        policy_version=policy,
        jurisdiction=employee.jurisdiction,
        decided_at=timezone.now(),
        **fields,
    )
    record(
        actor=actor,
        action="proposal.adjusted_at_review",
        obj=proposal,
        after={"previous": arrangement.proposal_id, **fields},
    )
    successor = start_arrangement(
        proposal=proposal,
        approved_by=reviewer,
        trial=True,
        start_date=today,
        review_date=review_date,
        actor=actor,
    )
    # The criteria carry over: the new pattern is judged the same way.
    SuccessCriterion.objects.bulk_create(
        [
            SuccessCriterion(
                arrangement=successor,
                metric_id=c.metric_id,
                rule=c.rule,
                threshold=c.threshold,
                set_by=reviewer,
            )
            for c in arrangement.success_criteria.all()
        ]
    )
    return successor
