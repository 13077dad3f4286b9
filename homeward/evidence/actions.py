"""Every change to metrics and trial reviews: keyword-only, atomic, audited.

Results are written by ``results.write_results``; criteria by ``criteria.set_criteria``;
the next step by ``well.ask_for_next_step``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.arrangements.actions import move_arrangement, start_arrangement
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.actions import record, snapshot
from homeward.coach.patterns import Pattern, describe, validate_pattern
from homeward.evidence.access import can_decide_for, can_manage_metric, manageable_teams
from homeward.evidence.models import Decision, EvidenceReport, Frequency, Metric, SuccessCriterion
from homeward.evidence.reports import trial_report
from homeward.notify.actions import notify
from homeward.people.access import person_of
from homeward.people.models import Person, Team
from homeward.policy.models import policy_for
from homeward.proposals.models import Proposal, Status

METRIC_FIELDS = ["name", "unit", "higher_is_better", "frequency", "team", "person", "description"]
DEFAULT_TRIAL_WEEKS = 12


# --- metrics ------------------------------------------------------------------------------


def _check_metric_values(
    *, name: str, unit: str, frequency: str, team: Team | None, person: Person | None
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Give the metric a name."
    if not unit.strip():
        errors["unit"] = "Say what it is counted in, e.g. tickets."
    if frequency not in Frequency.values:
        errors["frequency"] = "Choose daily or weekly."
    if (team is None) == (person is None):
        errors["team"] = "A metric is for a team or for one person."
    if errors:
        raise ValidationError(errors)


def _check_name_free(
    name: str, *, team: Team | None, person: Person | None, exclude: int | None
) -> None:
    clash = Metric.objects.current().filter(name__iexact=name.strip(), team=team, person=person)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": "There is already a metric of that name here."})


def create_metric(
    *,
    actor: Any,
    name: str,
    unit: str,
    higher_is_better: bool = True,
    frequency: str = Frequency.DAILY,
    team: Team | None = None,
    person: Person | None = None,
    description: str = "",
) -> Metric:
    """Define a result that matters, for a team (HR, or a manager of someone in it) or for one
    person (HR or their manager line)."""
    _check_metric_values(name=name, unit=unit, frequency=frequency, team=team, person=person)
    probe = Metric(team=team, person=person)
    if not can_manage_metric(actor, probe):
        raise PermissionDenied("You may not define metrics there.")
    with transaction.atomic():
        _check_name_free(name, team=team, person=person, exclude=None)
        metric = Metric.objects.create(
            name=name.strip(),
            unit=unit.strip(),
            higher_is_better=higher_is_better,
            frequency=frequency,
            team=team,
            person=person,
            description=description.strip(),
            created_by=person_of(actor),
        )
        record(
            actor=actor,
            action="evidence.metric_created",
            obj=metric,
            after=snapshot(metric, METRIC_FIELDS),
        )
    return metric


def update_metric(
    *,
    actor: Any,
    metric: Metric,
    name: str,
    unit: str,
    higher_is_better: bool,
    description: str = "",
) -> Metric:
    """Rename or re-describe a metric. Its scope and frequency are fixed once created,
    because the results already entered were measured that way."""
    if not can_manage_metric(actor, metric):
        raise PermissionDenied("You may not change this metric.")
    _check_metric_values(
        name=name, unit=unit, frequency=metric.frequency, team=metric.team, person=metric.person
    )
    with transaction.atomic():
        metric = Metric.objects.select_for_update().get(pk=metric.pk)
        _check_name_free(name, team=metric.team, person=metric.person, exclude=metric.pk)
        before = snapshot(metric, METRIC_FIELDS)
        metric.name, metric.unit = name.strip(), unit.strip()
        metric.higher_is_better, metric.description = higher_is_better, description.strip()
        metric.save()
        after = snapshot(metric, METRIC_FIELDS)
        if after != before:
            record(
                actor=actor,
                action="evidence.metric_updated",
                obj=metric,
                before=before,
                after=after,
            )
    return metric


def archive_metric(*, actor: Any, metric: Metric) -> Metric:
    """Stop offering a metric; its results and the criteria already judged on it stay."""
    if not can_manage_metric(actor, metric):
        raise PermissionDenied("You may not change this metric.")
    with transaction.atomic():
        metric = Metric.objects.select_for_update().get(pk=metric.pk)
        if metric.archived_at is None:
            metric.archived_at = timezone.now()
            metric.save(update_fields=["archived_at"])
            record(actor=actor, action="evidence.metric_archived", obj=metric)
    return metric


def metric_team_choices(user: Any) -> list[Team]:
    return manageable_teams(user)


# --- the review --------------------------------------------------------------------------------


def pattern_from(data: dict[str, Any]) -> Pattern:
    """A coach Pattern from form or API values (weekday numbers, 0 = Monday)."""
    kind = str(data.get("kind") or data.get("pattern_kind") or "weekdays")

    def days(key: str) -> tuple[int, ...]:
        try:
            return tuple(sorted({int(d) for d in data.get(key) or ()}))
        except (TypeError, ValueError):
            raise ValidationError({key: "Weekdays are numbers, 0 = Monday."}) from None

    try:
        n_days = int(data.get("n_days") or 0)
        hours = float(data.get("reduced_hours") or 0)
    except (TypeError, ValueError):
        raise ValidationError({"n_days": "Give a number."}) from None
    return Pattern(
        kind=kind,
        weekdays=days("weekdays"),
        n_days=n_days,
        allowed_weekdays=days("allowed_weekdays"),
        reduced_hours_per_day=hours,
    )


def max_days_for(person: Person) -> int:
    policy = policy_for(person)
    return policy.max_home_days_per_week if policy else 5


def check_pattern(pattern: Pattern, person: Person) -> None:
    errors = validate_pattern(pattern, max_days_per_week=max_days_for(person))
    if errors:
        raise ValidationError(errors)


def pattern_fields(pattern: Pattern) -> dict[str, Any]:
    """The Arrangement/Proposal field values of a pattern."""
    return {
        "pattern_kind": pattern.kind,
        "weekdays": list(pattern.weekdays),
        "n_days": pattern.n_days or None,
        "allowed_weekdays": list(pattern.allowed_weekdays),
        "reduced_hours": (
            round(pattern.reduced_hours_per_day, 1) if pattern.kind == "short_office_days" else None
        ),
    }


def review_trial(
    *,
    arrangement_id: int,
    decision: str,
    actor: Any,
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
    actor: Any,
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
