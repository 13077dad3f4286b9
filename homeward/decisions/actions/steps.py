"""The steps several decision workflows share: locking, moving a status with its audit
event, telling people, the checks on a counter offer, criteria and start date, and granting.

The workflows call these as ``steps.name`` (one place to read them, and to slow one down in
the race tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.coach.patterns import validate_pattern
from homeward.concerns.queries import assert_no_blocking
from homeward.decisions import applied_rules
from homeward.decisions.models import (
    Decision,
    Meeting,
    Outcome,
)
from homeward.evidence.actions import set_criteria
from homeward.evidence.criteria import normalise
from homeward.evidence.models import Metric
from homeward.lib.errors import StateConflict
from homeward.notify.actions import notify_from
from homeward.people.models import Person
from homeward.policy import rules
from homeward.policy.models import policy_for
from homeward.proposals.models import Proposal, Status, pattern_of

__all__ = ["assert_no_blocking"]  # the approval gate, called as steps.assert_no_blocking

# States in which the decider may still decide.
UNDECIDED = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)


def state_error(message: str) -> StateConflict:
    return StateConflict(message)


def review_url(proposal: Proposal) -> str:
    return reverse("decisions:review", args=[proposal.pk])


def lock(proposal: Proposal | int) -> Proposal:
    pk = proposal if isinstance(proposal, int) else proposal.pk
    return Proposal.objects.select_for_update().get(pk=pk)


def today() -> date:
    return timezone.localdate()


def set_status(proposal: Proposal, status: str, *, decided: bool = False) -> dict[str, Any]:
    before = {"status": proposal.status}
    proposal.status = status
    fields = ["status", "updated_at"]
    if decided:
        proposal.decided_at = timezone.now()
        fields.append("decided_at")
    proposal.save(update_fields=fields)
    return before


def move(
    proposal: Proposal,
    status: str,
    *,
    actor: Actor,
    action: str,
    decided: bool = False,
    **after: Any,
) -> None:
    """Set the proposal's status and audit the move (``after`` follows the new status)."""
    before = set_status(proposal, status, decided=decided)
    record(
        actor=actor,
        action=action,
        obj=proposal,
        before=before,
        after={"status": proposal.status, **after},
    )


def hr_people(*, excluding: Iterable[int | None] = ()) -> list[Person]:
    skip = {pk for pk in excluding if pk}
    return [
        p
        for p in Person.objects.active().filter(is_hr=True).select_related("user")
        if p.pk not in skip
    ]


def notice(name: str) -> str:
    """The template of a notice: its wording lives in templates/decisions/notices/."""
    return f"decisions/notices/{name}.txt"


def notify_each(
    people: Iterable[Person | None], *, template: str, context: dict[str, Any], url: str
) -> list[int]:
    """Tell each person once (the same notice), leaving out nobody and nobody twice."""
    sent: list[int] = []
    for person in people:
        if person is None or person.pk in sent:
            continue
        notify_from(template, recipient=person, context=context, url=url)
        sent.append(person.pk)
    return sent


def problems_to_error(problems: Sequence[rules.Problem]) -> ValidationError:
    fields = {
        "explanation_missing": "explanation",
        "consultation_missing": "meeting",
    }
    errors: dict[str, list[str]] = {}
    for p in problems:
        field = fields.get(p.key, "grounds")
        errors.setdefault(field, []).append(f"{p.message} ({p.citation})")
    return ValidationError(errors)


def current_stage(proposal: Proposal) -> int:
    return Decision.objects.filter(proposal=proposal).final().count() + 1


def standing(proposal: Proposal) -> Decision | None:
    return Decision.objects.filter(proposal=proposal).standing().order_by("-pk").first()


def hr_threshold(proposal: Proposal) -> int | None:
    """Home days a week above which HR gives a second approval (None: never)."""
    version = proposal.policy_version or policy_for(proposal.employee)
    return None if version is None else version.hr_approval_above_days


def needs_hr(proposal: Proposal, pattern: Any) -> bool:
    threshold = hr_threshold(proposal)
    return threshold is not None and applied_rules.home_days(pattern) > threshold


def is_first_request(proposal: Proposal) -> bool:
    """No arrangement yet: a first request, which is approved as a trial by default."""
    return not Arrangement.objects.filter(employee_id=proposal.employee_id).exists()


def clean_counter(proposal: Proposal, counter: dict[str, Any] | None) -> dict[str, Any]:
    """A counter pattern checked like an employee's ask (the policy's maximum applies)."""
    if not counter:
        raise ValidationError({"counter": "A counter-proposal needs the pattern you offer."})
    kind = counter.get("pattern_kind") or "weekdays"
    try:
        reduced = (
            Decimal(str(counter["reduced_hours"]))
            if counter.get("reduced_hours") not in (None, "")
            else None
        )
        values = {
            "pattern_kind": kind,
            "weekdays": sorted({int(d) for d in counter.get("weekdays") or []}),
            "n_days": int(counter["n_days"]) if counter.get("n_days") not in (None, "") else None,
            "allowed_weekdays": sorted({int(d) for d in counter.get("allowed_weekdays") or []}),
            "reduced_hours": reduced,
        }
    except (TypeError, ValueError, InvalidOperation):
        raise ValidationError({"counter": "The counter pattern is not valid."}) from None
    version = proposal.policy_version or policy_for(proposal.employee)
    max_days = version.max_home_days_per_week if version else 5
    problems = validate_pattern(pattern_of(values), max_days_per_week=max_days)
    if problems:
        raise ValidationError({"counter": [f"{k}: {v}" for k, v in problems.items()]})
    if kind == "weekdays":
        values["n_days"], values["allowed_weekdays"], values["reduced_hours"] = None, [], None
    elif kind == "n_of_set":
        values["weekdays"], values["reduced_hours"] = [], None
    else:
        values["n_days"], values["allowed_weekdays"] = None, []
    asked = {k: getattr(proposal, k) for k in values}
    asked["weekdays"] = sorted(asked["weekdays"] or [])
    asked["allowed_weekdays"] = sorted(asked["allowed_weekdays"] or [])
    if applied_rules.describe_pattern(asked) == applied_rules.describe_pattern(values):
        raise ValidationError(
            {"counter": "That is the pattern asked for: approve it instead of countering."}
        )
    return values


def clean_criteria(proposal: Proposal, criteria: Sequence[Any]) -> list[dict[str, Any]]:
    """Success criteria as plain dicts (``metric_id``, ``rule``, ``threshold``), checked by
    the evidence app's rules for criteria."""
    if not criteria:
        return []
    try:
        specs = normalise(criteria, employee=proposal.employee)
    except ValidationError as exc:
        raise ValidationError({"criteria": exc.messages}) from None
    return [{"metric_id": s.metric_id, "rule": s.rule, "threshold": s.threshold} for s in specs]


def hand_over_criteria(
    arrangement: Arrangement, criteria: list[dict[str, Any]], actor: Actor | None
) -> None:
    """Hand the trial's success criteria to the evidence app (they are also kept on the
    Decision, ``Decision.criteria``, as decided)."""
    if not criteria or not arrangement.is_trial:
        return
    # The law's grants (no actor) carry no criteria; anyone else the evidence app checks.
    set_criteria(arrangement=arrangement, criteria=criteria, actor=actor or AnonymousUser())


def consulted(proposal: Proposal) -> bool:
    return Meeting.objects.filter(
        proposal=proposal, kind=Meeting.CONSULTATION, held_on__lte=today()
    ).exists()


def check_start(proposal: Proposal, start: date) -> None:
    """Refuse a start date the pack forbids (IE: six months' service; NL: 26 weeks)."""
    problem = applied_rules.service_problem(proposal, start)
    if problem is not None:
        raise ValidationError({"start_date": f"{problem.message} ({problem.citation})"})


def name_of(person: Person | None) -> str:
    return person.name if person is not None else "Your manager"


def grounds_text(proposal: Proposal, grounds: list[str]) -> str:
    labels = applied_rules.ground_labels(proposal, grounds)
    return "\n".join(f"- {label}" for label in labels)


def pending_hr(decision: Decision) -> bool:
    approval = getattr(decision, "hr_approval", None)
    return approval is not None and approval.is_pending


def notify_counter(p: Proposal, decision: Decision) -> None:
    notify_from(
        notice("countered"),
        recipient=p.employee,
        context={
            "decider": decision.decider.name if decision.decider else "",
            "offer": applied_rules.describe_pattern(decision.counter_pattern()),
            "trial": decision.counter_trial,
            "explanation": decision.explanation,
        },
        url=review_url(p),
    )


def grant(
    p: Proposal,
    decision: Decision,
    actor: Actor | None,
    *,
    pattern: dict[str, Any] | None = None,
    trial: bool | None = None,
) -> Arrangement:
    """Approve for good: the proposal's status, the arrangement, the criteria, the email."""
    if trial is None:
        trial = decision.outcome == Outcome.APPROVE_TRIAL
    status = Status.APPROVED_TRIAL if trial else Status.APPROVED
    before = set_status(p, status, decided=True)
    approver = decision.decider or p.decider or p.employee.manager
    if approver is None:
        raise ValidationError("Nobody can be recorded as approving this arrangement.")
    start = decision.start_date or max(p.start_date or today(), today())
    review = decision.review_date if trial else None
    if trial and review is not None and review <= start:
        review = None
    arrangement = start_arrangement(
        proposal=p,
        approved_by=approver,
        trial=trial,
        start_date=start,
        review_date=review,
        pattern=pattern,
        actor=actor,
    )
    hand_over_criteria(arrangement, list(decision.criteria or []), actor)
    if decision.deemed:
        action = "decision.deemed_granted"
    elif pattern:
        action = "decision.counter_accepted"
    else:
        action = f"decision.{decision.outcome}"
    record(
        actor=actor,
        action=action,
        obj=p,
        before=before,
        after={
            "status": p.status,
            "decision": decision.pk,
            "arrangement": arrangement.pk,
            "deemed": decision.deemed,
            "explanation": decision.explanation,
        },
    )
    notify_from(
        notice("approved"),
        recipient=p.employee,
        context={
            "what": applied_rules.describe_pattern(pattern or p),
            "trial": trial,
            "start": arrangement.start_date,
            "review": arrangement.review_date,
            "explanation": decision.explanation,
            "criteria": [criterion_text(c) for c in decision.criteria or []],
        },
        url=review_url(p),
    )
    return arrangement


def criterion_text(criterion: dict[str, Any]) -> str:
    """ "Tickets resolved: home days no worse than office days by more than 5%"."""
    name = str(criterion.get("metric_id", "result"))
    metric = Metric.objects.filter(pk=int(criterion.get("metric_id") or 0)).first()
    name = metric.name if metric else name
    threshold = criterion.get("threshold") or 0
    if criterion.get("rule") == "no_worse_than_pct":
        return f"{name}: home days no worse than office days by more than {threshold:g}%"
    return f"{name}: home days at least as good as office days"


def open_ask(p: Proposal) -> Decision | None:
    return (
        Decision.objects.filter(
            proposal=p,
            outcome__in=[Outcome.REQUEST_INFO, Outcome.MEETING],
            responded_at__isnull=True,
        )
        .order_by("-pk")
        .first()
    )
