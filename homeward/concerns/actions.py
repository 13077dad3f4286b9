"""Every change to a proposal's concerns: one function per verb, atomic, locked and audited.

Opening the items at submission (``create_concern_items``, run by ``submit_proposal``
through the proposals' ``on_submit`` hook), the verbs people use on a thread (answer,
resolve, reopen, raise) and the home-workstation safety self-check. ``actor`` is the acting
User; refusals raise ``PermissionDenied`` (not allowed) or ``ValidationError`` (not valid),
each with a reason a person can read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.concerns.access import EMPLOYEE_STATES, HR_STATES, can_raise, can_resolve
from homeward.concerns.models import (
    AWAITING_BY_RESOLVER,
    ConcernItem,
    ConcernMessage,
    ItemState,
    SafetyCheck,
)
from homeward.concerns.notices import concerns_url, hr_people, notify_people, who_must_act
from homeward.people.access import person_of
from homeward.people.models import Person
from homeward.policy import safety
from homeward.policy.actions import ensure_standard_concerns
from homeward.policy.models import Concern
from homeward.proposals.access import can_view
from homeward.proposals.hooks import on_submit
from homeward.proposals.models import Proposal

MAX_TEXT = 5000


# --- Opening the items at submission ---------------------------------------------------------


def initial_state(concern: Concern, answer: str) -> str:
    if answer:
        return ItemState.RESOLVED_BY_POLICY
    return AWAITING_BY_RESOLVER.get(concern.resolver, ItemState.AWAITING_HR)


@on_submit
def create_concern_items(*, proposal: Proposal, actor: Actor) -> list[ConcernItem]:
    """One item per current catalogue concern on a just-submitted proposal.

    Call inside the submission's transaction, after ``proposal.policy_version`` is fixed.
    An item is resolved by policy when that version answers the concern; otherwise it
    awaits the concern's usual resolver. Idempotent: concerns that already have an item
    on the proposal (a resubmission) are left as they are. When the version requires the
    safety self-check, the ergonomics concern stays open until the employee completes it
    with nothing needing action (see ``actions.submit_safety_check``).
    Returns the items created.
    """
    ensure_standard_concerns()
    version = proposal.policy_version
    existing = set(
        ConcernItem.objects.filter(proposal=proposal, concern__isnull=False).values_list(
            "concern_id", flat=True
        )
    )
    now = timezone.now()
    check_problems = _safety_problems(proposal)
    new: list[ConcernItem] = []
    for concern in Concern.objects.current():
        if concern.pk in existing:
            continue
        answer = version.answer_for(concern.key) if version else ""
        state = initial_state(concern, answer)
        blocking = concern.blocking
        check_needed = bool(version and version.ergonomics_check_required)
        if concern.key == "ergonomics" and check_needed and check_problems != []:
            # Not done yet (None) or something needs action: the employee acts first.
            state, blocking = ItemState.AWAITING_EMPLOYEE, True
        new.append(
            ConcernItem(
                proposal=proposal,
                concern=concern,
                question=concern.question,
                state=state,
                blocking=blocking,
                policy_answer=answer,
                created_at=now,
                updated_at=now,
                resolved_at=now if state == ItemState.RESOLVED_BY_POLICY else None,
            )
        )
    with transaction.atomic():
        created = ConcernItem.objects.bulk_create(new)
        for item in created:
            if item.concern and item.concern.key == "ergonomics" and item.is_open:
                ConcernMessage.objects.create(
                    item=item, kind=ConcernMessage.QUESTION, body=_check_prompt(check_problems)
                )
        if created:
            record(
                actor=actor,
                action="concerns.created",
                obj=proposal,
                after={
                    "items": len(created),
                    "by_policy": sum(1 for i in created if not i.is_open),
                    "policy_version": version.pk if version else None,
                },
            )
            _notify_created(proposal, created)
    return created


def _safety_problems(proposal: Proposal) -> list[str] | None:
    """The latest safety self-check's items needing action; None when none was completed."""
    check = SafetyCheck.objects.filter(proposal=proposal).order_by("-completed_at", "-pk").first()
    return None if check is None else check.problems()


def _check_prompt(problems: list[str] | None) -> str:
    if problems is None:
        return (
            "The policy asks for the home-workstation safety self-check. "
            "Please complete it from the proposal's concerns page."
        )
    return "The safety self-check found items needing action:\n" + "\n".join(
        f"- {p}" for p in problems
    )


def _notify_created(proposal: Proposal, items: list[ConcernItem]) -> None:
    url = concerns_url(proposal)
    mine = [i for i in items if i.state in EMPLOYEE_STATES]
    for_hr = [i for i in items if i.state in HR_STATES]
    if mine:
        notify_people(
            [proposal.employee],
            subject=f"{len(mine)} concern(s) on your proposal need your answer",
            body="\n".join(f"- {i.title}" for i in mine),
            url=url,
        )
    if for_hr:
        notify_people(
            [p for p in hr_people() if p.pk != proposal.employee_id],
            subject=f"{len(for_hr)} concern(s) on {proposal.employee}'s proposal await HR",
            body="\n".join(f"- {i.title}" for i in for_hr),
            url=url,
        )


# --- Concern threads ------------------------------------------------------------------------


def _locked_item(item: ConcernItem) -> ConcernItem:
    """The item, locked after its proposal (the order ``decide_proposal`` and the safety
    check use), so a reopen cannot slip in between an approval's gate check and its save."""
    Proposal.objects.select_for_update().get(pk=item.proposal_id)
    locked = ConcernItem.objects.select_for_update().get(pk=item.pk)
    # Related objects for checks and notifications, read after the lock.
    return ConcernItem.objects.select_related(
        "concern", "proposal", "proposal__employee", "proposal__decider"
    ).get(pk=locked.pk)


def _require_live(proposal: Proposal) -> None:
    if not proposal.is_live:
        raise ValidationError(
            f"This proposal is {proposal.get_status_display().lower()}: its concerns are closed."
        )


def _require_text(body: str, what: str = "message") -> str:
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": f"Write a {what}."})
    if len(text) > MAX_TEXT:
        raise ValidationError({"body": f"Keep the {what} under {MAX_TEXT} characters."})
    return text


def _open_thread(actor: Actor, item: ConcernItem) -> ConcernItem:
    """The item locked (see ``_locked_item``), once the actor may take part in its
    proposal's concerns and the proposal is still under review."""
    item = _locked_item(item)
    if not can_view(actor, item.proposal):
        raise PermissionDenied("You cannot take part in this proposal's concerns.")
    _require_live(item.proposal)
    return item


def _announce(
    *,
    actor: Actor,
    me: Person | None,
    item: ConcernItem,
    recipients: Iterable[Person | None],
    subject: str,
    body: str,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any],
) -> None:
    """The tail every thread change shares: tell the people concerned (subject prefixed
    with who acted, never telling the actor), then record the audit event."""
    who = me.name if me else "An administrator"
    notify_people(
        list(recipients),
        subject=f"{who} {subject}",
        body=body,
        url=concerns_url(item.proposal),
        skip=me,
    )
    record(actor=actor, action=action, obj=item, before=before, after=after)


def post_message(
    *, actor: Actor, item: ConcernItem, body: str, kind: str = ConcernMessage.ANSWER
) -> ConcernMessage:
    """Add a question or an answer to an open thread.

    The employee's answer to an item waiting on them passes it to the decider; a question
    from the decider line or HR passes it to the employee. Refused on a resolved thread
    (reopen it first), on a retired concern, and on a proposal no longer under review.
    """
    if kind not in (ConcernMessage.QUESTION, ConcernMessage.ANSWER):
        raise ValidationError({"kind": "A message is a question or an answer."})
    text = _require_text(body)
    me = person_of(actor)
    with transaction.atomic():
        item = _open_thread(actor, item)
        proposal = item.proposal
        if not item.is_open:
            raise ValidationError(
                "This concern is resolved: replies are closed. Reopen it to discuss it again."
            )
        if item.concern and item.concern.retired_at:
            raise ValidationError(
                "This concern was retired from the catalogue: it takes no more answers."
            )
        is_employee = me is not None and me.pk == proposal.employee_id
        if kind == ConcernMessage.QUESTION and is_employee:
            kind = ConcernMessage.ANSWER  # the employee answers; questions are for the reviewers
        before = item.state
        if is_employee and item.state in EMPLOYEE_STATES:
            item.state = (
                ItemState.AWAITING_MANAGER if proposal.decider_id else ItemState.AWAITING_HR
            )
        elif not is_employee and kind == ConcernMessage.QUESTION:
            item.state = ItemState.AWAITING_EMPLOYEE
        item.updated_at = timezone.now()
        item.save(update_fields=["state", "updated_at"])
        message = ConcernMessage.objects.create(item=item, author=me, kind=kind, body=text)
        recipients = who_must_act(item)
        if not is_employee:
            recipients.append(proposal.employee)
        verb = "asks" if kind == ConcernMessage.QUESTION else "answers"
        _announce(
            actor=actor,
            me=me,
            item=item,
            recipients=recipients,
            subject=f"{verb}: {item.title[:80]}",
            body=text[:1000],
            action=f"concern.{kind}",
            before={"state": before},
            after={"state": item.state, "message": message.pk},
        )
    return message


def resolve_item(*, actor: Actor, item: ConcernItem, note: str = "") -> ConcernItem:
    """Mark a concern resolved. The decider line resolves what waits on the employee or the
    manager; only HR resolves what waits on HR or IT; nobody resolves on their own proposal."""
    me = person_of(actor)
    with transaction.atomic():
        item = _open_thread(actor, item)
        proposal = item.proposal
        if not item.is_open:
            raise ValidationError("This concern is already resolved.")
        if not can_resolve(actor, item):
            if me is not None and me.pk == proposal.employee_id:
                raise PermissionDenied("Nobody resolves a concern on their own proposal.")
            raise PermissionDenied(
                f"This concern is {item.get_state_display().lower()}: only HR can resolve it."
                if item.state in (ItemState.AWAITING_HR, ItemState.AWAITING_IT)
                else "Only the deciding manager (or someone above them) or HR can resolve it."
            )
        before = item.state
        item.state = ItemState.RESOLVED
        item.resolved_at = item.updated_at = timezone.now()
        item.resolved_by = me
        item.save(update_fields=["state", "resolved_at", "resolved_by", "updated_at"])
        ConcernMessage.objects.create(
            item=item, author=me, kind=ConcernMessage.RESOLVE, body=(note or "").strip()[:MAX_TEXT]
        )
        _announce(
            actor=actor,
            me=me,
            item=item,
            recipients=[proposal.employee, proposal.decider],
            subject=f"resolved: {item.title[:80]}",
            body=(note or "").strip()[:1000] or "Resolved.",
            action="concern.resolved",
            before={"state": before},
            after={"state": item.state},
        )
    return item


def reopen_item(*, actor: Actor, item: ConcernItem, reason: str) -> ConcernItem:
    """Reopen a resolved concern (or one the policy answered) with a reason; the employee
    answers next. Refused for a retired concern and for the employee's own proposal."""
    text = _require_text(reason, "reason for reopening")
    me = person_of(actor)
    with transaction.atomic():
        item = _open_thread(actor, item)
        proposal = item.proposal
        if not can_raise(actor, proposal):
            raise PermissionDenied(
                "Only the deciding manager (or someone above them) or HR can reopen a concern."
            )
        if item.is_open:
            raise ValidationError("This concern is still open.")
        if item.concern and item.concern.retired_at:
            raise ValidationError(
                "This concern was retired from the catalogue: it cannot be reopened."
            )
        before = item.state
        item.state = ItemState.REOPENED
        item.resolved_at = item.resolved_by = None
        item.updated_at = timezone.now()
        item.save(update_fields=["state", "resolved_at", "resolved_by", "updated_at"])
        ConcernMessage.objects.create(item=item, author=me, kind=ConcernMessage.REOPEN, body=text)
        _announce(
            actor=actor,
            me=me,
            item=item,
            recipients=[proposal.employee, proposal.decider],
            subject=f"reopened: {item.title[:80]}",
            body=text[:1000],
            action="concern.reopened",
            before={"state": before},
            after={"state": item.state},
        )
    return item


def raise_concern(
    *,
    actor: Actor,
    proposal: Proposal,
    question: str,
    details: str = "",
    blocking: bool = True,
) -> ConcernItem:
    """A concern in the manager's (or HR's) own words, awaiting the employee's answer."""
    question = " ".join((question or "").split())  # a title: one line (it heads emails too)
    if not question:
        raise ValidationError({"question": "Write the question in your own words."})
    if len(question) > 500:
        raise ValidationError({"question": "Keep the question under 500 characters."})
    me = person_of(actor)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not can_view(actor, proposal):
            raise PermissionDenied("You cannot take part in this proposal's concerns.")
        _require_live(proposal)
        if not can_raise(actor, proposal):
            raise PermissionDenied(
                "Only the deciding manager (or someone above them) or HR can raise a concern."
            )
        now = timezone.now()
        item = ConcernItem.objects.create(
            proposal=proposal,
            question=question,
            state=ItemState.AWAITING_EMPLOYEE,
            blocking=blocking,
            raised_by=me,
            created_at=now,
            updated_at=now,
        )
        if (details or "").strip():  # the question itself is the item's title
            ConcernMessage.objects.create(
                item=item,
                author=me,
                kind=ConcernMessage.QUESTION,
                body=details.strip()[:MAX_TEXT],
            )
        _announce(
            actor=actor,
            me=me,
            item=item,
            recipients=[proposal.employee],
            subject="raised a concern on your proposal",
            body=question + (f"\n\n{details.strip()}" if details.strip() else ""),
            action="concern.raised",
            after={"question": question, "blocking": blocking, "proposal": proposal.pk},
        )
    return item


# --- Safety self-check ----------------------------------------------------------------------

SAFETY_QUESTION = "Home workstation safety self-check: some items need action"


def submit_safety_check(
    *, actor: Actor, proposal: Proposal, answers: Mapping[str, str], notes: str = ""
) -> SafetyCheck:
    """The employee's home-workstation self-check for a proposal (draft or under review).

    Every item must be answered. On a submitted proposal, items answered "no" reopen the
    ergonomics concern (or add to it while open) and make it blocking; if that concern was
    retired, a custom blocking concern is raised instead. A check with nothing needing
    action counts as the employee's answer: an ergonomics item waiting on them passes to
    the manager, who confirms and resolves it.
    """
    me = person_of(actor)
    if me is None or me.pk != proposal.employee_id:
        raise PermissionDenied("Only the employee completes the safety self-check for their home.")
    errors = safety.validate(answers)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not (proposal.is_draft or proposal.is_live):
            raise ValidationError(
                f"This proposal is {proposal.get_status_display().lower()}: the check is closed."
            )
        check = SafetyCheck.objects.create(
            proposal=proposal,
            person=me,
            answers={k: answers[k] for k in safety.BY_KEY},
            notes=(notes or "").strip()[:MAX_TEXT],
        )
        problems = check.problems()
        item = _apply_safety_check(proposal, me, problems)
        record(
            actor=actor,
            action="safety_check.completed",
            obj=check,
            after={
                "proposal": proposal.pk,
                "needing_action": len(problems),
                "item": item.pk if item else None,
            },
        )
    return check


def _apply_safety_check(proposal: Proposal, me: Person, problems: list[str]) -> ConcernItem | None:
    """Reflect a check on the proposal's ergonomics item; None before submission."""
    items = ConcernItem.objects.filter(proposal=proposal)
    if not items.exists():
        return None  # a draft: create_concern_items reads the check at submission
    found = items.filter(concern__key="ergonomics", concern__retired_at__isnull=True).first()
    if found is None:
        found = items.filter(concern__isnull=True, question=SAFETY_QUESTION).first()
    # Lock the row on its own: FOR UPDATE cannot cover the outer join above (PostgreSQL).
    item = None if found is None else ConcernItem.objects.select_for_update().get(pk=found.pk)
    now = timezone.now()
    url = concerns_url(proposal)
    if problems:
        body = "The safety self-check found items needing action:\n" + "\n".join(
            f"- {p}" for p in problems
        )
        if item is None:
            item = ConcernItem.objects.create(
                proposal=proposal,
                question=SAFETY_QUESTION,
                state=ItemState.REOPENED,
                blocking=True,
                created_at=now,
                updated_at=now,
            )
        else:
            if not item.is_open or item.state == ItemState.AWAITING_MANAGER:
                item.state = ItemState.REOPENED
            item.blocking = True
            item.resolved_at = item.resolved_by = None
            item.updated_at = now
            item.save()
        ConcernMessage.objects.create(item=item, author=me, kind=ConcernMessage.REOPEN, body=body)
        notify_people(
            [proposal.employee, proposal.decider],
            subject="Safety self-check: items need action before approval",
            body=body,
            url=url,
        )
        return item
    if item is not None and item.state in EMPLOYEE_STATES:
        item.state = ItemState.AWAITING_MANAGER if proposal.decider_id else ItemState.AWAITING_HR
        item.updated_at = now
        item.save(update_fields=["state", "updated_at"])
        ConcernMessage.objects.create(
            item=item,
            author=me,
            kind=ConcernMessage.ANSWER,
            body="Safety self-check completed: every item is in order.",
        )
        notify_people(
            who_must_act(item),
            subject=f"{me.name} completed the safety self-check",
            body="Every item is in order; please confirm and resolve the ergonomics concern.",
            url=url,
            skip=me,
        )
    return item
