"""Every change to a proposal: one function per verb, atomic, row-locked and audited.

Views and the API call these and nothing else to change a proposal. Problems with the
content raise ``ValidationError`` with one message per field (nothing is saved); a verb
that does not fit the proposal's state raises ``ValidationError`` with code
``invalid_state``; someone other than the employee gets ``PermissionDenied``.

Revisions: submitting freezes the content as revision 1. While the proposal is still
undecided (submitted, in review, information requested) the employee may change it; each
change is frozen at once as the next revision, and the decider is told what changed, so
what the manager sees is always a frozen revision and they can compare it with the last.
The decision deadline stays that of the first submission.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.coach.letter import format_date
from homeward.coach.models import ReadinessCheck
from homeward.coach.patterns import WORKING_WEEKDAYS, suggest_first_step
from homeward.lib.errors import StateConflict
from homeward.notify.actions import absolute, notify
from homeward.people.access import person_of
from homeward.people.models import Person
from homeward.policy.models import policy_for
from homeward.proposals import hooks, jurisdiction
from homeward.proposals.content import CONTENT_FIELDS, compare, content_of, policy_of
from homeward.proposals.letters import compose_letter
from homeward.proposals.models import EDITABLE, WITHDRAWABLE, Proposal, ProposalRevision, Status
from homeward.proposals.validation import field_errors

SUGGESTED_WEEKDAY = 2  # Wednesday: mid-week, away from the team's Monday and Friday meetings


def _employee_of(actor: Actor) -> Person:
    me = person_of(actor)
    if me is None:
        raise PermissionDenied("Only people with an employee record can make proposals.")
    return me


def _check_owner(actor: Actor, proposal: Proposal) -> Person:
    me = _employee_of(actor)
    if me.pk != proposal.employee_id:
        raise PermissionDenied("Only the employee can change their own proposal.")
    return me


def _state_error(message: str) -> StateConflict:
    return StateConflict(message)


def _values(proposal: Proposal) -> dict[str, Any]:
    return {name: getattr(proposal, name) for name in CONTENT_FIELDS}


def _normalise(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Plain values as the model stores them; unknown fields are refused."""
    unknown = sorted(set(changes) - set(CONTENT_FIELDS))
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    out = dict(changes)
    if isinstance(out.get("own_benefits"), (list, tuple)):
        out["own_benefits"] = "\n".join(str(line).strip() for line in out["own_benefits"])
    for name in ("core_hours", "outage_plan", "own_benefits", "precedent"):
        if name in out:
            out[name] = (out[name] or "").strip()
    for name in ("weekdays", "allowed_weekdays"):
        if name in out and out[name] is None:
            out[name] = []
    for name, places in (("commute_km", "0.1"), ("reduced_hours", "0.1")):
        value = out.get(name)
        if value is not None and not isinstance(value, Decimal):
            try:
                out[name] = Decimal(str(value))
            except ArithmeticError:
                raise ValidationError({name: "Enter a number."}) from None
        if out.get(name) is not None and out[name].is_finite():
            # Too many digits to round: left as it is for the range check to refuse.
            with contextlib.suppress(ArithmeticError):
                out[name] = out[name].quantize(Decimal(places))
    return out


def _audit_value(value: Any) -> Any:
    return value.pk if isinstance(value, ReadinessCheck) else value


def _apply(proposal: Proposal, changes: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the changed fields; return {field: (before, after)} for those that changed."""
    changed = {}
    for name, value in changes.items():
        before = getattr(proposal, name)
        if name in ("weekdays", "allowed_weekdays"):
            value = sorted(value)
        if before != value:
            changed[name] = (before, value)
            setattr(proposal, name, value)
    if changed:
        proposal.title = _title(proposal)
    return changed


def _title(proposal: Proposal) -> str:
    return f"Working from home {proposal.pattern_text()}"[:200]


def suggested_values(person: Person) -> dict[str, Any]:
    """The builder's first suggestion: one home day a week, as a trial of the policy's length."""
    policy = policy_for(person)
    weeks = policy.default_trial_weeks if policy else 12
    step = suggest_first_step(
        allowed_weekdays=WORKING_WEEKDAYS, preferred_weekday=SUGGESTED_WEEKDAY, trial_weeks=weeks
    )
    return {
        "pattern_kind": step.pattern.kind,
        "weekdays": list(step.pattern.weekdays),
        "n_days": step.pattern.n_days or None,
        "allowed_weekdays": list(step.pattern.allowed_weekdays),
        "trial_weeks": step.trial_weeks,
        "commute_km": person.commute_km,
        "commute_minutes": person.commute_minutes,
        "commute_mode": person.commute_mode,
    }


def create_draft(
    *, actor: Actor, data: Mapping[str, Any] | None = None, today: date | None = None
) -> Proposal:
    """A new draft for the acting employee: the suggested first step, overlaid with ``data``.

    Only the fields in ``data`` are checked now (a draft may be incomplete); the rest are
    checked at submission. Nothing is saved if any field is wrong.
    """
    me = _employee_of(actor)
    changes = _normalise(data or {})
    today = today or jurisdiction.today_for(me)
    values = {**_values(Proposal()), **suggested_values(me), **changes}
    errors = field_errors(
        values, person=me, policy=policy_for(me), today=today, fields=set(changes)
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        proposal = Proposal(employee=me, status=Status.DRAFT)
        _apply(proposal, values)
        proposal.title = _title(proposal)
        proposal.save()
        record(
            actor=actor,
            action="proposal.created",
            obj=proposal,
            after={k: _audit_value(v) for k, v in changes.items()},
        )
    return proposal


def update_draft(
    *,
    actor: Actor,
    proposal: Proposal,
    changes: Mapping[str, Any],
    today: date | None = None,
    email: bool = True,
) -> Proposal:
    """Change the content of the employee's own proposal.

    A draft changes in place. A submitted, undecided proposal gets a new revision and the
    decider is told what changed; its content must stay complete. Decided or withdrawn
    proposals cannot change. A change that changes nothing writes nothing.
    """
    me = _check_owner(actor, proposal)
    normalised = _normalise(changes)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in EDITABLE:
            raise _state_error(
                f"This proposal is {locked.get_status_display().lower()}: it can no longer change."
            )
        today = today or jurisdiction.today_for(me)
        live = locked.status != Status.DRAFT
        values = {**_values(locked), **normalised}
        errors = field_errors(
            values,
            person=me,
            policy=policy_of(locked),
            today=today,
            fields=None if live else set(normalised),
            required=live,
        )
        # A live proposal's start date was accepted at submission; only a new one is checked.
        if live and "start_date" in errors and locked.start_date == values["start_date"]:
            errors.pop("start_date")
        if errors:
            raise ValidationError(errors)
        changed = _apply(locked, normalised)
        if not changed:
            return locked
        locked.save()
        before = {k: _audit_value(b) for k, (b, _a) in changed.items()}
        after = {k: _audit_value(a) for k, (_b, a) in changed.items()}
        if live:
            revision = _freeze(locked, actor=actor, reason="revised")
            after["revision"] = revision.number
        record(actor=actor, action="proposal.updated", obj=locked, before=before, after=after)
        if live:
            _notify_revised(locked, revision, email=email)
    return locked


def _freeze(proposal: Proposal, *, actor: Actor, reason: str) -> ProposalRevision:
    """Store the proposal's content and letter as its next revision."""
    letter = compose_letter(proposal)
    proposal.revision += 1
    proposal.save(update_fields=["revision", "updated_at"])
    return ProposalRevision.objects.create(
        proposal=proposal,
        number=proposal.revision,
        content={
            "proposal": content_of(proposal),
            "letter": {
                "tone": proposal.letter_tone,
                "subject": letter.subject,
                "text": letter.text,
                "html": letter.html,
            },
            "reason": reason,
            "by": getattr(actor, "email", "") or "system",
        },
    )


def _decider_for(employee: Person) -> Person:
    manager = employee.manager
    if manager is None:
        raise ValidationError(
            {"__all__": "You have no manager in Homeward to send this to: ask HR to set one."}
        )
    if manager.pk == employee.pk:
        raise ValidationError({"__all__": "Nobody decides their own request."})
    if not manager.active:
        raise ValidationError(
            {"__all__": f"{manager.name} is no longer active in Homeward: ask HR who decides."}
        )
    return manager


def submit_proposal(
    *,
    actor: Actor,
    proposal: Proposal,
    tone: str | None = None,
    today: date | None = None,
    email: bool = True,
) -> Proposal:
    """Send a complete draft to the employee's manager.

    Checks every field, the policy (excluded teams and roles) and the jurisdiction's rule pack
    (eligibility, request limits such as GB's one live request at a time); fixes the
    decider, the jurisdiction, the rules as applied, the date received and the decision
    deadline in the office's calendar, and the policy version; freezes revision 1; runs
    the submission hooks (the concerns app opens the concern items); and notifies the manager in the app and by email (sent only once
    the transaction commits). ``tone`` picks the letter sent (the draft's tone when None).
    """
    me = _check_owner(actor, proposal)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Status.DRAFT:
            raise _state_error(
                f"This proposal was already sent ({locked.get_status_display().lower()})."
            )
        # Locking the employee serialises their submissions: the request limits (one live
        # request at a time) are checked against a history nobody else is changing.
        employee = Person.objects.select_for_update().get(pk=me.pk)
        today = today or jurisdiction.today_for(employee)
        policy = policy_for(employee)
        if tone is not None:
            normal = _normalise({"letter_tone": tone})
            locked.letter_tone = normal["letter_tone"]
        errors = field_errors(
            _values(locked), person=employee, policy=policy, today=today, required=True
        )
        if errors:
            raise ValidationError(errors)
        decider = _decider_for(employee)
        excluded = policy.exclusion_for(employee) if policy is not None else None
        if excluded:
            raise ValidationError({"__all__": excluded})
        assessment = jurisdiction.assess(
            employee, start=locked.start_date, today=today, exclude=locked.pk
        )
        _raise_problems(assessment.errors)
        deadline = assessment.deadline
        assert deadline is not None  # a failed deadline is one of the errors above
        locked.status = Status.SUBMITTED
        locked.decider = decider
        locked.jurisdiction = assessment.pack.code
        locked.rules = jurisdiction.snapshot(assessment)
        locked.received_on = today
        locked.decision_due = deadline.due
        locked.deemed_granted_on = deadline.deemed_granted_on
        locked.policy_version = policy
        locked.submitted_at = timezone.now()
        locked.title = _title(locked)
        locked.save()
        revision = _freeze(locked, actor=actor, reason="submitted")
        record(
            actor=actor,
            action="proposal.submitted",
            obj=locked,
            before={"status": Status.DRAFT},
            after={
                "status": locked.status,
                "decider": decider.pk,
                "jurisdiction": locked.jurisdiction,
                "received_on": locked.received_on,
                "decision_due": locked.decision_due,
                "policy_version": policy.pk if policy else None,
                "revision": revision.number,
            },
        )
        hooks.submitted(proposal=locked, actor=actor)
        _notify_submitted(locked, revision, email=email)
    return locked


def _raise_problems(problems: list[Any]) -> None:
    if not problems:
        return
    errors: dict[str, list[str]] = {}
    for p in problems:
        field = "start_date" if p.key in jurisdiction.START_DATE_PROBLEMS else "__all__"
        errors.setdefault(field, []).append(f"{p.message} ({p.citation})")
    raise ValidationError(errors)


def proposal_url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def _notify_submitted(proposal: Proposal, revision: ProposalRevision, *, email: bool) -> None:
    letter = revision.content["letter"]
    url = proposal_url(proposal)
    decider = proposal.decider
    assert decider is not None  # fixed by submit_proposal before it notifies
    due = format_date(proposal.decision_due) if proposal.decision_due else "not set"
    footer = (
        f"{proposal.employee.name} sent this through Homeward. The decision is due by {due}. "
        "Open the proposal to see the concerns and the rules that apply, and to decide:"
    )
    notify(
        recipient=decider,
        subject=letter["subject"],
        body=f"{letter['text']}\n---\n{footer}",
        url=url,
        html=render_to_string(
            "proposals/email_letter.html",
            {
                "subject": letter["subject"],
                "letter_html": letter["html"],
                "footer": footer,
                "link": absolute(url),
            },
        ),
        email=email,
    )


def _notify_revised(proposal: Proposal, revision: ProposalRevision, *, email: bool) -> None:
    if proposal.decider is None:
        return
    previous = proposal.revisions.filter(number=revision.number - 1).first()
    rows = compare(previous.fields if previous else None, revision.fields)
    changes = "\n".join(f"- {r['label']}: {r['before']} -> {r['after']}" for r in rows)
    notify(
        recipient=proposal.decider,
        subject=f"{proposal.employee.name} revised their proposal (revision {revision.number})",
        body=f"What changed:\n{changes}",
        url=reverse("proposals:revisions", args=[proposal.pk]),
        email=email,
    )


def withdraw_proposal(
    *, actor: Actor, proposal: Proposal, reason: str = "", email: bool = True
) -> Proposal:
    """The employee withdraws their proposal before a decision; the decider is told."""
    _check_owner(actor, proposal)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in WITHDRAWABLE:
            raise _state_error(
                f"This proposal is {locked.get_status_display().lower()}: "
                "it can only be withdrawn before a decision."
            )
        before = locked.status
        locked.status = Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        record(
            actor=actor,
            action="proposal.withdrawn",
            obj=locked,
            before={"status": before},
            after={"status": locked.status, "reason": reason.strip()},
        )
        decider = locked.decider
        if decider is not None and before != Status.DRAFT:
            why = f"\n\nTheir reason: {reason.strip()}" if reason.strip() else ""
            notify(
                recipient=decider,
                subject=f"{locked.employee.name} withdrew their proposal",
                body=f"{locked.employee.name} withdrew “{locked.title}”. "
                f"Nothing more is needed from you.{why}",
                url=proposal_url(locked),
                email=email,
            )
    return locked
