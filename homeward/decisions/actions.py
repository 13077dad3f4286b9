"""Deciding proposals: one function per verb, each atomic, locked, audited and emailed.

The proposal row is locked (``select_for_update``) before its status is read, so two
deciders acting at once are serialised: the second sees the first's decision and is
refused. On SQLite, whose writers are serialised by IMMEDIATE transactions, the effect is
the same. The database's one-final-decision-per-stage constraint is the last line.

Every permission check starts with "nobody acts on their own proposal", whatever HR flag
or manager line the data records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.coach.patterns import validate_pattern
from homeward.concerns.queries import assert_no_blocking
from homeward.decisions import access, applied_rules
from homeward.decisions.models import (
    Appeal,
    CounterResponse,
    DeadlineExtension,
    DeadlineNotice,
    Decision,
    HrApproval,
    Meeting,
    Outcome,
)
from homeward.evidence.criteria import normalise, set_criteria
from homeward.evidence.models import Metric
from homeward.notify.actions import notify
from homeward.people.models import Person
from homeward.policy import rules
from homeward.policy.models import policy_for
from homeward.proposals.models import LIVE, Proposal, Status

# States in which the decider may still decide.
UNDECIDED = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)


# The code of a ValidationError for a verb that does not fit the proposal's state (the API
# answers 409), as in the proposals feature.
INVALID_STATE = "invalid_state"


def state_error(message: str) -> ValidationError:
    return ValidationError(message, code=INVALID_STATE)


def review_url(proposal: Proposal) -> str:
    return reverse("decisions:review", args=[proposal.pk])


# --- Small helpers ----------------------------------------------------------------------------


def _lock(proposal: Proposal | int) -> Proposal:
    pk = proposal if isinstance(proposal, int) else proposal.pk
    return Proposal.objects.select_for_update().get(pk=pk)


def _today() -> date:
    return timezone.localdate()


def _set_status(proposal: Proposal, status: str, *, decided: bool = False) -> dict[str, Any]:
    before = {"status": proposal.status}
    proposal.status = status
    fields = ["status", "updated_at"]
    if decided:
        proposal.decided_at = timezone.now()
        fields.append("decided_at")
    proposal.save(update_fields=fields)
    return before


def _move(
    proposal: Proposal,
    status: str,
    *,
    actor: Any,
    action: str,
    decided: bool = False,
    **after: Any,
) -> None:
    """Set the proposal's status and audit the move (``after`` follows the new status)."""
    before = _set_status(proposal, status, decided=decided)
    record(
        actor=actor,
        action=action,
        obj=proposal,
        before=before,
        after={"status": proposal.status, **after},
    )


def _hr_people(*, excluding: Iterable[int | None] = ()) -> list[Person]:
    skip = {pk for pk in excluding if pk}
    return [
        p
        for p in Person.objects.active().filter(is_hr=True).select_related("user")
        if p.pk not in skip
    ]


def _notify_each(
    people: Iterable[Person | None], *, subject: str, body: str, url: str
) -> list[int]:
    sent: list[int] = []
    for person in people:
        if person is None or person.pk in sent:
            continue
        notify(recipient=person, subject=subject, body=body, url=url)
        sent.append(person.pk)
    return sent


def _problems_to_error(problems: Sequence[rules.Problem]) -> ValidationError:
    fields = {
        "explanation_missing": "explanation",
        "consultation_missing": "meeting",
    }
    errors: dict[str, list[str]] = {}
    for p in problems:
        field = fields.get(p.key, "grounds")
        errors.setdefault(field, []).append(f"{p.message} ({p.citation})")
    return ValidationError(errors)


def _current_stage(proposal: Proposal) -> int:
    return Decision.objects.filter(proposal=proposal).final().count() + 1


def _standing(proposal: Proposal) -> Decision | None:
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
    problems = validate_pattern(applied_rules.pattern_of(values), max_days_per_week=max_days)
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


def _set_criteria(arrangement: Arrangement, criteria: list[dict[str, Any]], actor: Any) -> None:
    """Hand the trial's success criteria to the evidence app (they are also kept on the
    Decision, ``Decision.criteria``, as decided)."""
    if not criteria or not arrangement.is_trial:
        return
    set_criteria(arrangement=arrangement, criteria=criteria, actor=actor)


def _consulted(proposal: Proposal) -> bool:
    return Meeting.objects.filter(
        proposal=proposal, kind=Meeting.CONSULTATION, held_on__lte=_today()
    ).exists()


def _check_start(proposal: Proposal, start: date) -> None:
    """Refuse a start date the pack forbids (IE: six months' service; NL: 26 weeks)."""
    problem = applied_rules.service_problem(proposal, start)
    if problem is not None:
        raise ValidationError({"start_date": f"{problem.message} ({problem.citation})"})


def _name(person: Person | None) -> str:
    return person.name if person is not None else "Your manager"


def _grounds_text(proposal: Proposal, grounds: list[str]) -> str:
    labels = applied_rules.ground_labels(proposal, grounds)
    return "\n".join(f"- {label}" for label in labels)


# --- Deciding ---------------------------------------------------------------------------------


def decide_proposal(
    *,
    proposal: Proposal,
    actor: Any,
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
        p = _lock(proposal)
        me = access.require_decider(actor, p)
        if p.status not in UNDECIDED:
            raise state_error(
                f"This request is {p.get_status_display().lower()}: it is not waiting for a "
                "decision."
            )
        standing = _standing(p)
        if standing is not None:
            raise state_error(
                "This request has already been decided"
                + (" and is waiting for HR's approval." if pending_hr(standing) else ".")
            )
        if outcome in (Outcome.REQUEST_INFO, Outcome.MEETING):
            return _ask(p, me, actor, outcome, explanation, meeting_proposed_for)
        decision = Decision(
            proposal=p,
            decider=me,
            outcome=outcome,
            stage=_current_stage(p),
            revision=p.revision,
            explanation=explanation,
        )
        if outcome == Outcome.DECLINE:
            return _decline(p, decision, list(dict.fromkeys(grounds)), actor)
        assert_no_blocking(p)
        if outcome == Outcome.COUNTER:
            return _counter(p, decision, clean_counter(p, counter), counter_trial, actor)
        return _approve(p, decision, start_date, review_date, criteria or [], actor)


def pending_hr(decision: Decision) -> bool:
    approval = getattr(decision, "hr_approval", None)
    return approval is not None and approval.is_pending


def _ask(
    p: Proposal,
    me: Person,
    actor: Any,
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
        stage=_current_stage(p),
        revision=p.revision,
        explanation=explanation,
        meeting_proposed_for=meeting_proposed_for,
    )
    _move(
        p,
        Status.INFO_REQUESTED,
        actor=actor,
        action=f"decision.{outcome}",
        decision=decision.pk,
        explanation=explanation,
    )
    when = (
        f"\nProposed time: {timezone.localtime(meeting_proposed_for):%A %d %B %Y, %H:%M}."
        if meeting_proposed_for
        else ""
    )
    subject = (
        "Your manager asks for more information"
        if outcome == Outcome.REQUEST_INFO
        else "Your manager asks to meet about your request"
    )
    notify(
        recipient=p.employee,
        subject=subject,
        body=f"{me.name} wrote:\n\n{explanation}{when}\n\nReply from the request's page.",
        url=review_url(p),
    )
    return decision


def _decline(p: Proposal, decision: Decision, grounds: list[str], actor: Any) -> Decision:
    pack = applied_rules.pack_for(p)
    problems = rules.validate_refusal(
        pack,
        grounds=grounds,
        explanation=decision.explanation,
        consultation_held=_consulted(p),
        changes=applied_rules.changes_for(p),
    )
    if any(problem.blocking for problem in problems):
        raise _problems_to_error([x for x in problems if x.blocking])
    decision.grounds = grounds
    decision.save()
    _move(
        p,
        Status.DECLINED,
        actor=actor,
        action="decision.decline",
        decided=True,
        decision=decision.pk,
        grounds=grounds,
        explanation=decision.explanation,
    )
    today = _today()
    appeal_by = applied_rules.appeal_window_ends(p, today)
    next_on = applied_rules.next_request_on(p)
    lines = [f"{_name(decision.decider)} has declined your request."]
    if grounds:
        lines += ["", "Grounds:", _grounds_text(p, grounds)]
    lines += ["", "Explanation:", decision.explanation, ""]
    if appeal_by:
        lines.append(f"You may appeal to a different manager until {appeal_by:%d %B %Y}.")
    if next_on and next_on > today:
        lines.append(f"Under the {pack.name} rules a new request may be made from {next_on}.")
    notify(
        recipient=p.employee,
        subject="Your request to work from home was declined",
        body="\n".join(lines),
        url=review_url(p),
    )
    return decision


def _counter(
    p: Proposal, decision: Decision, pattern: dict[str, Any], trial: bool, actor: Any
) -> Decision:
    decision.counter_pattern_kind = pattern["pattern_kind"]
    decision.counter_weekdays = pattern["weekdays"]
    decision.counter_n_days = pattern["n_days"]
    decision.counter_allowed_weekdays = pattern["allowed_weekdays"]
    decision.counter_reduced_hours = pattern["reduced_hours"]
    decision.counter_trial = trial
    decision.save()
    if needs_hr(p, pattern):
        return _await_hr(p, decision, actor)
    _move(
        p,
        Status.COUNTERED,
        actor=actor,
        action="decision.counter",
        decision=decision.pk,
        counter=applied_rules.describe_pattern(pattern),
        explanation=decision.explanation,
    )
    _notify_counter(p, decision)
    return decision


def _notify_counter(p: Proposal, decision: Decision) -> None:
    offer = applied_rules.describe_pattern(decision.counter_pattern())
    notify(
        recipient=p.employee,
        subject="Your manager offers a different arrangement",
        body=(
            f"{decision.decider.name if decision.decider else 'Your manager'} offers working "
            f"from home {offer}{' as a trial' if decision.counter_trial else ''} instead of "
            f"what you asked for.\n\n{decision.explanation}\n\n"
            "Accept or decline the offer from the request's page."
        ),
        url=review_url(p),
    )


def _approve(
    p: Proposal,
    decision: Decision,
    start_date: date | None,
    review_date: date | None,
    criteria: list[dict[str, Any]],
    actor: Any,
) -> Decision:
    if start_date is not None and start_date < _today():
        raise ValidationError({"start_date": "An arrangement cannot start in the past."})
    start = start_date or max(p.start_date or _today(), _today())
    _check_start(p, start)
    trial = decision.outcome == Outcome.APPROVE_TRIAL
    if trial:
        weeks = p.trial_weeks or (p.policy_version.default_trial_weeks if p.policy_version else 12)
        review_date = review_date or start + timedelta(weeks=weeks)
        if review_date <= start:
            raise ValidationError({"review_date": "The review date must be after the start."})
    else:
        review_date = None
    criteria = clean_criteria(p, criteria) if trial else []
    decision.start_date, decision.review_date, decision.criteria = start, review_date, criteria
    decision.save()
    if needs_hr(p, p):
        return _await_hr(p, decision, actor)
    _grant(p, decision, actor)
    return decision


def _await_hr(p: Proposal, decision: Decision, actor: Any) -> Decision:
    threshold = hr_threshold(p) or 0
    HrApproval.objects.create(
        decision=decision, proposal=p, employee=p.employee, threshold_days=threshold
    )
    _move(
        p,
        Status.IN_REVIEW,
        actor=actor,
        action=f"decision.{decision.outcome}",
        decision=decision.pk,
        awaiting_hr=True,
        explanation=decision.explanation,
    )
    what = "counter-proposal" if decision.outcome == Outcome.COUNTER else "approval"
    _notify_each(
        _hr_people(excluding=[p.employee_id, decision.decider_id]),
        subject=f"Second approval needed: {p.employee.name}'s request",
        body=(
            f"{decision.decider.name if decision.decider else 'The manager'} gave an {what} "
            f"above the policy's {threshold} home day(s) a week; HR's second approval is needed."
        ),
        url=review_url(p),
    )
    notify(
        recipient=p.employee,
        subject="Your manager has decided; HR gives a second approval",
        body=(
            f"Your manager's {what} is above {threshold} home day(s) a week, so the policy "
            "asks HR for a second approval. You will hear as soon as HR has decided."
        ),
        url=review_url(p),
    )
    return decision


def _grant(
    p: Proposal,
    decision: Decision,
    actor: Any,
    *,
    pattern: dict[str, Any] | None = None,
    trial: bool | None = None,
) -> Arrangement:
    """Approve for good: the proposal's status, the arrangement, the criteria, the email."""
    if trial is None:
        trial = decision.outcome == Outcome.APPROVE_TRIAL
    status = Status.APPROVED_TRIAL if trial else Status.APPROVED
    before = _set_status(p, status, decided=True)
    approver = decision.decider or p.decider or p.employee.manager
    if approver is None:
        raise ValidationError("Nobody can be recorded as approving this arrangement.")
    start = decision.start_date or max(p.start_date or _today(), _today())
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
    _set_criteria(arrangement, list(decision.criteria or []), actor)
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
    what = applied_rules.describe_pattern(pattern or p)
    lines = [
        f"Your request to work from home {what} is approved" + (" as a trial." if trial else "."),
        f"It starts on {arrangement.start_date:%d %B %Y}"
        + (
            f" and is reviewed on {arrangement.review_date:%d %B %Y}."
            if arrangement.review_date
            else "."
        ),
    ]
    if decision.explanation:
        lines += ["", decision.explanation]
    if decision.criteria:
        lines += ["", "Success criteria:"] + [f"- {_criterion_text(c)}" for c in decision.criteria]
    notify(
        recipient=p.employee,
        subject="Your request to work from home is approved",
        body="\n".join(lines),
        url=review_url(p),
    )
    return arrangement


def _criterion_text(criterion: dict[str, Any]) -> str:
    """ "Tickets resolved: home days no worse than office days by more than 5%"."""
    name = str(criterion.get("metric_id", "result"))
    metric = Metric.objects.filter(pk=int(criterion.get("metric_id") or 0)).first()
    name = metric.name if metric else name
    threshold = criterion.get("threshold") or 0
    if criterion.get("rule") == "no_worse_than_pct":
        return f"{name}: home days no worse than office days by more than {threshold:g}%"
    return f"{name}: home days at least as good as office days"


# --- HR's second approval -------------------------------------------------------------------


def decide_hr_approval(
    *, proposal: Proposal, actor: Any, approve: bool, note: str = ""
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
        p = _lock(proposal)
        approval = (
            HrApproval.objects.select_for_update()
            .filter(proposal=p, state=HrApproval.PENDING)
            .select_related("decision")
            .first()
        )
        access.not_own(access.acting_person(actor), p)
        if approval is None:
            raise state_error("Nothing is waiting for HR's approval on this request.")
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
            _decide_hr_on_appeal(p, approval, appeal, me, approve, note, actor)
        elif approve:
            assert_no_blocking(p)
            record(
                actor=actor,
                action="decision.hr_approved",
                obj=p,
                after={"decision": decision.pk, "note": note},
            )
            if decision.outcome == Outcome.COUNTER:
                _set_status(p, Status.COUNTERED)
                _notify_counter(p, decision)
            else:
                _grant(p, decision, actor)
        else:
            decision.superseded_at = timezone.now()
            decision.save(update_fields=["superseded_at"])
            _move(
                p,
                Status.IN_REVIEW,
                actor=actor,
                action="decision.hr_refused",
                decision=decision.pk,
                note=note,
            )
            _notify_each(
                [decision.decider, p.employee],
                subject=f"HR did not approve the decision on {p.employee.name}'s request",
                body=f"{me.name} (HR) wrote:\n\n{note}\n\nThe manager decides again.",
                url=review_url(p),
            )
        return approval


# --- The employee's answers -----------------------------------------------------------------


def respond_to_request(*, proposal: Proposal, actor: Any, response: str) -> Decision:
    """The employee answers a request for information or a meeting: back in review."""
    response = (response or "").strip()
    with transaction.atomic():
        p = _lock(proposal)
        access.require_employee(actor, p)
        if p.status != Status.INFO_REQUESTED:
            raise state_error("No question is waiting for your answer.")
        if not response:
            raise ValidationError({"response": "Write your answer."})
        ask = _open_ask(p)
        if ask is None:  # pragma: no cover - status and rows disagree
            raise state_error("No question is waiting for your answer.")
        ask.response, ask.responded_at = response, timezone.now()
        ask.save(update_fields=["response", "responded_at"])
        _move(
            p,
            Status.IN_REVIEW,
            actor=actor,
            action="decision.info_provided",
            decision=ask.pk,
            response=response,
        )
        if p.decider is not None:
            notify(
                recipient=p.decider,
                subject=f"{p.employee.name} answered your question",
                body=response,
                url=review_url(p),
            )
        return ask


def _open_ask(p: Proposal) -> Decision | None:
    return (
        Decision.objects.filter(
            proposal=p,
            outcome__in=[Outcome.REQUEST_INFO, Outcome.MEETING],
            responded_at__isnull=True,
        )
        .order_by("-pk")
        .first()
    )


def respond_to_counter(*, proposal: Proposal, actor: Any, accept: bool, note: str = "") -> Decision:
    """The employee accepts the counter-proposal (the arrangement starts with the offered
    pattern) or declines it (the manager decides again on the original request)."""
    note = (note or "").strip()
    with transaction.atomic():
        p = _lock(proposal)
        access.require_employee(actor, p)
        decision = _standing(p)
        if p.status != Status.COUNTERED or decision is None or decision.outcome != Outcome.COUNTER:
            raise state_error("No counter-proposal is waiting for your answer.")
        decision.counter_response = CounterResponse.ACCEPTED if accept else CounterResponse.DECLINED
        decision.counter_responded_at = timezone.now()
        decision.response = note
        if not accept:
            decision.superseded_at = timezone.now()
        decision.save()
        if accept:
            _grant(
                p, decision, actor, pattern=decision.counter_pattern(), trial=decision.counter_trial
            )
            return decision
        _move(
            p,
            Status.IN_REVIEW,
            actor=actor,
            action="decision.counter_declined",
            decision=decision.pk,
            note=note,
        )
        if decision.decider is not None:
            notify(
                recipient=decision.decider,
                subject=f"{p.employee.name} declined your counter-proposal",
                body=(
                    (note + "\n\n" if note else "")
                    + "The original request is back with you for a decision."
                ),
                url=review_url(p),
            )
        return decision


# --- Meetings -------------------------------------------------------------------------------


def record_meeting(
    *,
    proposal: Proposal,
    actor: Any,
    held_on: date,
    notes: str,
    attendees: Sequence[Person] = (),
    other_attendees: str = "",
    kind: str = Meeting.CONSULTATION,
) -> Meeting:
    """Record a meeting held with the employee (the consultation GB, NI and NL require
    before a refusal; or an appeal hearing). By the decider, the appeal manager or HR;
    never by the employee. The employee and the recorder are attendees. A meeting the
    decider asked for answers that request (back in review)."""
    notes = (notes or "").strip()
    with transaction.atomic():
        p = _lock(proposal)
        me = access.acting_person(actor)
        access.not_own(me, p)
        role = access.role_on(actor, p)
        if role not in ("decider", "appeal", "hr"):
            raise PermissionDenied("Only the decider, the appeal manager or HR record meetings.")
        if p.status in (Status.DRAFT, Status.WITHDRAWN):
            raise state_error("This request is not being decided.")
        if kind not in dict(Meeting.KINDS):
            raise ValidationError({"kind": "Unknown kind of meeting."})
        if held_on > _today():
            raise ValidationError({"held_on": "Record a meeting once it has taken place."})
        if p.received_on and held_on < p.received_on:
            raise ValidationError({"held_on": "The meeting cannot precede the request."})
        if not notes:
            raise ValidationError({"notes": "Note what was discussed."})
        meeting = Meeting.objects.create(
            proposal=p,
            kind=kind,
            held_on=held_on,
            other_attendees=(other_attendees or "").strip(),
            notes=notes,
            recorded_by=me,
        )
        meeting.attendees.set({p.employee_id, me.pk, *(a.pk for a in attendees)})
        before: dict[str, Any] | None = None
        ask = _open_ask(p) if p.status == Status.INFO_REQUESTED else None
        if ask is not None and ask.outcome == Outcome.MEETING:
            ask.response, ask.responded_at = f"Meeting held on {held_on}.", timezone.now()
            ask.save(update_fields=["response", "responded_at"])
            before = _set_status(p, Status.IN_REVIEW)
        record(
            actor=actor,
            action="decision.meeting_recorded",
            obj=p,
            before=before,
            after={"meeting": meeting.pk, "kind": kind, "held_on": held_on, "status": p.status},
        )
        notify(
            recipient=p.employee,
            subject="The record of your meeting",
            body=f"Meeting on {held_on:%d %B %Y}, recorded by {me.name}:\n\n{notes}",
            url=review_url(p),
        )
        return meeting


# --- Deadline extensions --------------------------------------------------------------------


def request_extension(
    *, proposal: Proposal, actor: Any, days: int, reason: str = ""
) -> DeadlineExtension:
    """Extend the decision deadline as the pack allows: GB only by agreement (the employee
    agrees in the app before it takes effect); IE by notice, once, up to 8 weeks; NL never.
    """
    with transaction.atomic():
        p = _lock(proposal)
        me = access.require_decider(actor, p)
        if p.status not in (*UNDECIDED, Status.COUNTERED, Status.APPEALED):
            raise state_error("The request has been decided: there is no deadline to extend.")
        pack = applied_rules.pack_for(p)
        by_agreement = pack.extension_by_agreement_only
        if DeadlineExtension.objects.filter(proposal=p, state=DeadlineExtension.PROPOSED).exists():
            raise state_error("An extension is already waiting for the employee's answer.")
        try:
            days = int(days)
            extended = applied_rules.deadline_for(p, extra=(days, by_agreement))
        except rules.RuleError as exc:  # a ValueError too: first
            raise ValidationError({"days": str(exc)}) from None
        except (TypeError, ValueError):
            raise ValidationError({"days": "Give the number of days."}) from None
        if extended is None:
            raise ValidationError("This request has no decision deadline to extend.")
        ext = DeadlineExtension.objects.create(
            proposal=p,
            days=days,
            by_agreement=by_agreement,
            state=DeadlineExtension.PROPOSED if by_agreement else DeadlineExtension.IN_FORCE,
            reason=(reason or "").strip(),
            requested_by=me,
            requested_on=_today(),
            due_before=applied_rules.due_date(p),
            due_after=extended.due,
        )
        if not by_agreement:
            _apply_extension(p, ext, extended, actor)
            notify(
                recipient=p.employee,
                subject="Notice: the decision on your request is extended",
                body=(
                    f"{me.name} extends the decision period by {days} days: the decision is "
                    f"now due by {extended.due:%d %B %Y}.\n\n{ext.reason}\n\n"
                    f"({pack.extension.citation})"
                ),
                url=review_url(p),
            )
        else:
            record(
                actor=actor,
                action="decision.extension_proposed",
                obj=p,
                after={"extension": ext.pk, "days": days, "due_after": extended.due},
            )
            notify(
                recipient=p.employee,
                subject="Your manager asks to extend the decision period",
                body=(
                    f"{me.name} asks for {days} more days to decide, until "
                    f"{extended.due:%d %B %Y}. Under the {pack.name} rules this needs your "
                    f"agreement.\n\n{ext.reason}"
                ),
                url=review_url(p),
            )
        return ext


def _apply_extension(
    p: Proposal, ext: DeadlineExtension, extended: rules.Deadline, actor: Any
) -> None:
    before = {"decision_due": p.decision_due}
    p.decision_due = extended.due
    p.save(update_fields=["decision_due", "updated_at"])
    record(
        actor=actor,
        action="decision.deadline_extended",
        obj=p,
        before=before,
        after={
            "decision_due": p.decision_due,
            "extension": ext.pk,
            "days": ext.days,
            "by_agreement": ext.by_agreement,
        },
    )


def answer_extension(*, extension: DeadlineExtension, actor: Any, agree: bool) -> DeadlineExtension:
    """The employee agrees to (or refuses) an extension proposed under a by-agreement pack."""
    with transaction.atomic():
        p = _lock(extension.proposal_id)
        access.require_employee(actor, p)
        ext = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
        if ext.state != DeadlineExtension.PROPOSED or p.status not in LIVE:
            raise state_error("This extension is not waiting for your answer.")
        ext.answered_at = timezone.now()
        if agree:
            try:
                extended = applied_rules.deadline_for(p, extra=(ext.days, True))
            except rules.RuleError as exc:
                raise ValidationError(str(exc)) from None
            if extended is None:  # pragma: no cover - had a deadline when proposed
                raise ValidationError("This request has no decision deadline to extend.")
            ext.state, ext.due_after = DeadlineExtension.IN_FORCE, extended.due
            ext.save()
            _apply_extension(p, ext, extended, actor)
        else:
            ext.state = DeadlineExtension.REFUSED
            ext.save()
            record(
                actor=actor,
                action="decision.extension_refused",
                obj=p,
                after={"extension": ext.pk},
            )
        if p.decider is not None:
            notify(
                recipient=p.decider,
                subject=(
                    f"{p.employee.name} {'agreed to' if agree else 'did not agree to'} "
                    "the extension"
                ),
                body=(
                    f"The decision is now due by {p.decision_due:%d %B %Y}."
                    if agree and p.decision_due
                    else "The original deadline stands."
                ),
                url=review_url(p),
            )
        return ext


# --- Appeals --------------------------------------------------------------------------------


def appeal_manager_for(proposal: Proposal, decider: Person | None) -> Person | None:
    """The manager who hears an appeal by default: the nearest active manager above the
    decider who is neither the employee nor the decider. None: HR chooses."""
    excluded = {proposal.employee_id, decider.pk if decider else None}
    chain = decider.manager_chain() if decider else proposal.employee.manager_chain()
    for manager in chain:
        if manager.active and manager.pk not in excluded:
            return manager
    return None


def lodge_appeal(*, proposal: Proposal, actor: Any, reason: str) -> Appeal:
    """The employee appeals a decline within the pack's window; it goes to a different
    manager (never the decider, never the employee), or to HR to assign one."""
    reason = (reason or "").strip()
    with transaction.atomic():
        p = _lock(proposal)
        me = access.require_employee(actor, p)
        if p.status != Status.DECLINED:
            raise state_error("Only a declined request can be appealed.")
        if Appeal.objects.filter(proposal=p).exists():
            raise state_error("This decision has already been appealed.")
        decision = _standing(p)
        if decision is None or decision.outcome != Outcome.DECLINE:  # pragma: no cover
            raise state_error("Only a declined request can be appealed.")
        decided_on = timezone.localdate(p.decided_at) if p.decided_at else _today()
        window = applied_rules.appeal_window_ends(p, decided_on)
        pack = applied_rules.pack_for(p)
        if window is None:
            raise ValidationError(
                f"{pack.name} ({pack.appeal.citation}): there is no internal appeal."
            )
        if _today() > window:
            raise state_error(f"The time to appeal ended on {window:%d %B %Y}.")
        if not reason:
            raise ValidationError({"reason": "Say why the decision should be changed."})
        assigned = appeal_manager_for(p, decision.decider)
        original = decision.decider or p.decider
        if original is None:  # pragma: no cover - a decline always has a decider
            raise state_error("Only a declined request can be appealed.")
        appeal = Appeal.objects.create(
            proposal=p,
            decision=decision,
            appellant=me,
            original_decider=original,
            reason=reason,
            assigned_to=assigned,
            due=applied_rules.appeal_due(p, _today()),
        )
        _move(
            p,
            Status.APPEALED,
            actor=actor,
            action="appeal.lodged",
            appeal=appeal.pk,
            assigned_to=assigned.pk if assigned else None,
            due=appeal.due,
        )
        if assigned is not None:
            notify(
                recipient=assigned,
                subject=f"Appeal to hear: {p.employee.name}'s request",
                body=(
                    f"{p.employee.name} appeals the decline by {appeal.original_decider.name}. "
                    f"Please decide by {appeal.due:%d %B %Y}.\n\n{reason}"
                ),
                url=review_url(p),
            )
        else:
            _notify_each(
                _hr_people(excluding=[p.employee_id, appeal.original_decider_id]),
                subject=f"Choose a manager for {p.employee.name}'s appeal",
                body="Nobody above the deciding manager can hear it: choose another manager.",
                url=review_url(p),
            )
        notify(
            recipient=p.employee,
            subject="Your appeal is lodged",
            body=(
                f"{assigned.name if assigned else 'A manager HR chooses'} will hear it, "
                f"by {appeal.due:%d %B %Y}."
            ),
            url=review_url(p),
        )
        return appeal


def assign_appeal(*, appeal: Appeal, actor: Any, to: Person) -> Appeal:
    """HR (never the appellant) gives the appeal to another manager: active, with reports,
    and neither the appellant nor the original decider."""
    with transaction.atomic():
        p = _lock(appeal.proposal_id)
        a = Appeal.objects.select_for_update().get(pk=appeal.pk)
        access.require_hr(actor, p, not_person=a.original_decider)
        if not a.is_open:
            raise state_error("This appeal has been decided.")
        if to.pk in (a.appellant_id, a.original_decider_id):
            raise ValidationError(
                {
                    "assigned_to": "The appeal must go to a manager other than the employee "
                    "and the manager who declined."
                }
            )
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
        notify(
            recipient=to,
            subject=f"Appeal to hear: {p.employee.name}'s request",
            body=f"Please decide by {a.due:%d %B %Y}.\n\n{a.reason}" if a.due else a.reason,
            url=review_url(p),
        )
        return a


def decide_appeal(
    *,
    appeal: Appeal,
    actor: Any,
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
        p = _lock(appeal.proposal_id)
        a = Appeal.objects.select_for_update().get(pk=appeal.pk)
        me = access.acting_person(actor)
        access.not_own(me, p)
        if me.pk == a.original_decider_id:
            raise PermissionDenied("The manager who declined cannot hear the appeal.")
        if me.pk != a.assigned_to_id:
            raise PermissionDenied("Only the manager hearing the appeal can decide it.")
        if not a.is_open or p.status != Status.APPEALED:
            raise state_error("This appeal has already been decided.")
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
            _move(
                p,
                Status.UPHELD,
                actor=actor,
                action="appeal.upheld",
                decided=True,
                appeal=a.pk,
                explanation=explanation,
            )
            next_on = applied_rules.next_request_on(p)
            notify(
                recipient=p.employee,
                subject="Your appeal: the decline is upheld",
                body=(
                    f"{me.name} heard your appeal and upholds the decision.\n\n{explanation}"
                    + (f"\n\nA new request may be made from {next_on}." if next_on else "")
                ),
                url=review_url(p),
            )
        else:
            assert_no_blocking(p)
            start = start_date or max(p.start_date or _today(), _today())
            _check_start(p, start)
            a.trial, a.start_date = trial, start
            a.review_date = review_date if trial else None
            a.save(update_fields=["trial", "start_date", "review_date"])
            if needs_hr(p, p):
                _overturn_awaits_hr(p, a, me, actor)
            else:
                _overturn(p, a, me, actor)
        notify(
            recipient=a.original_decider,
            subject=f"Appeal decided: {p.employee.name}'s request",
            body=(
                f"{me.name}: {a.get_outcome_display()}"
                + (" (waiting for HR's second approval)" if p.status == Status.APPEALED else "")
                + f".\n\n{explanation}"
            ),
            url=review_url(p),
        )
        return a


def _overturn(p: Proposal, a: Appeal, approver: Person, actor: Any) -> Arrangement:
    """The decline is overturned for good: status, arrangement, audit, the employee's email."""
    before = _set_status(p, Status.OVERTURNED, decided=True)
    arrangement = start_arrangement(
        proposal=p,
        approved_by=approver,
        trial=a.trial,
        start_date=a.start_date or max(p.start_date or _today(), _today()),
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
    notify(
        recipient=p.employee,
        subject="Your appeal succeeded: the request is approved",
        body=(
            f"{approver.name} heard your appeal and overturns the decline.\n\n{a.explanation}"
            f"\n\nYour arrangement starts on {arrangement.start_date:%d %B %Y}."
        ),
        url=review_url(p),
    )
    return arrangement


def _overturn_awaits_hr(p: Proposal, a: Appeal, me: Person, actor: Any) -> HrApproval:
    """An overturn above the policy's HR threshold: the proposal stays APPEALED and HR's
    second approval (on the appealed decline) decides whether the arrangement starts."""
    threshold = hr_threshold(p) or 0
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
    _notify_each(
        _hr_people(excluding=[p.employee_id, a.original_decider_id, me.pk]),
        subject=f"Second approval needed: {p.employee.name}'s appeal",
        body=(
            f"{me.name} overturned the decline on appeal; the request is above the policy's "
            f"{threshold} home day(s) a week, so HR's second approval is needed."
        ),
        url=review_url(p),
    )
    notify(
        recipient=p.employee,
        subject="Your appeal: the decline is overturned; HR gives a second approval",
        body=(
            f"{me.name} heard your appeal and overturns the decline.\n\n{a.explanation}\n\n"
            f"Your request is above {threshold} home day(s) a week, so the policy asks HR for "
            "a second approval before the arrangement starts. You will hear as soon as HR "
            "has decided."
        ),
        url=review_url(p),
    )
    return approval


def _decide_hr_on_appeal(
    p: Proposal, approval: HrApproval, a: Appeal, me: Person, approve: bool, note: str, actor: Any
) -> None:
    """HR's second approval of an overturn: OVERTURNED and the arrangement starts, or
    UPHELD (the decline stands) with HR's note emailed to the employee."""
    if approve:
        assert_no_blocking(p)
        start = max(a.start_date or p.start_date or _today(), _today())
        _check_start(p, start)
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
    _move(
        p,
        Status.UPHELD,
        actor=actor,
        action="appeal.hr_refused",
        decided=True,
        appeal=a.pk,
        hr_approval=approval.pk,
        note=note,
    )
    next_on = applied_rules.next_request_on(p)
    notify(
        recipient=p.employee,
        subject="Your appeal: HR did not approve the overturn; the decline stands",
        body=(
            f"{a.decided_by.name if a.decided_by else 'The appeal manager'} overturned the "
            f"decline, but the policy asks HR for a second approval and {me.name} (HR) did "
            f"not give it:\n\n{note}\n\nThe decline is upheld."
            + (f"\n\nA new request may be made from {next_on}." if next_on else "")
        ),
        url=review_url(p),
    )
    _notify_each(
        [a.decided_by, a.original_decider],
        subject=f"HR did not approve the overturn of {p.employee.name}'s decline",
        body=f"{me.name} (HR) wrote:\n\n{note}\n\nThe decline is upheld.",
        url=review_url(p),
    )


# --- The law decides: NL deemed granted ------------------------------------------------------


def apply_deemed_granted(*, proposal: Proposal, today: date) -> Decision | None:
    """Grant a request as asked where the pack says a late decision grants it (NL) and the
    day has come without a written decision. Idempotent: None when there is nothing to do.
    A decision still waiting for HR is closed; the request is granted as asked."""
    with transaction.atomic():
        p = _lock(proposal)
        granted_on = applied_rules.deemed_granted_on(p)
        if granted_on is None or today < granted_on or p.status not in UNDECIDED:
            return None
        standing = _standing(p)
        if standing is not None:
            if not pending_hr(standing):
                return None
            HrApproval.objects.filter(decision=standing).update(
                state=HrApproval.CLOSED,
                note="Closed: the request was granted by law before HR decided.",
                decided_at=timezone.now(),
            )
            standing.superseded_at = timezone.now()
            standing.save(update_fields=["superseded_at"])
        pack = applied_rules.pack_for(p)
        trial = bool(p.trial_weeks)
        decision = Decision.objects.create(
            proposal=p,
            decider=None,
            outcome=Outcome.APPROVE_TRIAL if trial else Outcome.APPROVE,
            stage=_current_stage(p),
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
        _grant(p, decision, None, trial=trial)
        told = _notify_each(
            [p.decider, *_hr_people(excluding=[p.employee_id])],
            subject=f"{p.employee.name}'s request was granted by law",
            body=decision.explanation,
            url=review_url(p),
        )
        # In the same transaction as the outcome: the worker's record that it acted.
        DeadlineNotice.objects.get_or_create(
            proposal=p,
            kind=DeadlineNotice.DEEMED_GRANTED,
            due_on=granted_on,
            defaults={"recipients": [p.employee_id, *told]},
        )
        return decision
