"""Concerns on a proposal: creating the items at submission, who may see and act, gating.

This is the contract other features call:

- ``create_concern_items(proposal=..., actor=...)`` inside ``submit_proposal``'s transaction;
- ``open_blocking(proposal)`` / ``assert_no_blocking(proposal)`` before an approval;
- ``open_items(proposal)`` for summaries.

The verbs people use on a thread (answer, resolve, reopen, raise) live in ``actions.py``.

Who acts on an item (decided for this app, see docs/hr.md):
- ``awaiting_employee`` and ``reopened``: the employee answers;
- ``awaiting_manager``: the proposal's decider (or someone above them, or the manager hearing
  its appeal) answers or resolves;
- ``awaiting_hr``: HR resolves; a concern the catalogue says policy answers, but that the
  proposal's policy version leaves unanswered, also waits for HR;
- ``awaiting_it``: there is no IT role in Homeward, so HR people handle IT items too.
Nobody resolves a concern on their own proposal, HR included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from homeward.audit.actions import record
from homeward.notify.actions import notify
from homeward.people.access import is_hr, person_of
from homeward.people.models import Person
from homeward.policy.models import (
    AWAITING_BY_RESOLVER,
    Concern,
    ConcernItem,
    ConcernMessage,
    ItemState,
)
from homeward.proposals.access import can_view, get_proposal_for
from homeward.proposals.models import Proposal, Status

HR_STATES = (ItemState.AWAITING_HR, ItemState.AWAITING_IT)
EMPLOYEE_STATES = (ItemState.AWAITING_EMPLOYEE, ItemState.REOPENED)


# --- Access ----------------------------------------------------------------------------------


def hears_appeal(person: Person | None, proposal: Proposal) -> bool:
    """Whether the person hears an appeal on the proposal (the decisions feature's rule).

    An appeal that overturns a decline is an approval, so it waits for blocking concerns
    like any other: the manager hearing it must be able to read and settle them.
    """
    if person is None or proposal.status == Status.DRAFT:
        return False
    try:
        from homeward.decisions.access import hears_appeal as decisions_hears_appeal
    except ImportError:  # pragma: no cover - the decisions feature is part of the project
        return False
    return decisions_hears_appeal(person, proposal)


def can_see_proposal(user: Any, proposal: Proposal) -> bool:
    """Whether the user may read and take part in a proposal's concerns: those who may see
    the proposal (the proposals feature's rule: the employee, the decider and their manager
    line, the employee's manager line, HR; drafts only the employee), and the manager
    hearing its appeal."""
    return can_view(user, proposal) or hears_appeal(person_of(user), proposal)


def get_visible_proposal(user: Any, pk: int) -> Proposal:
    """A proposal the user may see (see ``can_see_proposal``), or 404."""
    try:
        return get_proposal_for(user, pk)
    except Http404:
        found = Proposal.objects.filter(pk=pk).select_related("employee", "decider").first()
        if found is None or not hears_appeal(person_of(user), found):
            raise
        return found


def get_item_for(user: Any, pk: int) -> ConcernItem:
    """A concern item on a proposal the user may see, or 404."""
    try:
        item = ConcernItem.objects.select_related(
            "concern", "proposal", "proposal__employee", "proposal__decider"
        ).get(pk=pk)
    except (ConcernItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern.") from None
    get_visible_proposal(user, item.proposal_id)
    return item


def is_decider_line(person: Person | None, proposal: Proposal) -> bool:
    """The decider or someone above them, or the manager hearing the appeal; never the
    employee themselves."""
    if person is None or person.pk == proposal.employee_id:
        return False
    decider = proposal.decider
    if decider is None:
        line = person.is_above(proposal.employee)
    else:
        line = person.pk == decider.pk or person.is_above(decider)
    return line or hears_appeal(person, proposal)


def can_resolve(user: Any, item: ConcernItem) -> bool:
    """HR resolves anything; the decider line resolves what is not waiting on HR or IT.
    Nobody resolves a concern on their own proposal."""
    return resolve_check(user, item.proposal)(item)


def resolve_check(user: Any, proposal: Proposal) -> Callable[[ConcernItem], bool]:
    """``can_resolve`` for the items of one proposal, working out the user's standing on
    it once (a page listing every item would otherwise look up the manager line per item)."""
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return lambda item: False
    if is_hr(user):
        return lambda item: True
    line: list[bool] = []  # is_decider_line, looked up at most once and only when needed

    def check(item: ConcernItem) -> bool:
        if item.state in HR_STATES:
            return False
        if not line:
            line.append(is_decider_line(me, proposal))
        return line[0]

    return check


def can_raise(user: Any, proposal: Proposal) -> bool:
    """The decider line and HR may raise extra concerns; the employee may not."""
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return False
    return is_hr(user) or is_decider_line(me, proposal)


# --- Queries used by other features ---------------------------------------------------------


def open_items(proposal: Proposal) -> QuerySet[ConcernItem]:
    """Items not yet resolved, blocking first."""
    return (
        ConcernItem.objects.filter(proposal=proposal)
        .open()
        .select_related("concern")
        .order_by("-blocking", "concern__position", "pk")
    )


def open_blocking(proposal: Proposal) -> list[ConcernItem]:
    """Open items that block approval (empty list: approval may go ahead)."""
    return list(open_items(proposal).filter(blocking=True))


def assert_no_blocking(proposal: Proposal) -> None:
    """Raise ``ValidationError`` naming each open blocking concern; return quietly if none."""
    items = open_blocking(proposal)
    if items:
        raise ValidationError(
            [f"Open blocking concern: {i.title} ({i.get_state_display()})." for i in items],
            code="blocking_concerns",
        )


def summary(proposal: Proposal) -> dict[str, int]:
    """Counts for an at-a-glance line: total, open, open and blocking, answered by policy."""
    items = list(ConcernItem.objects.filter(proposal=proposal).values_list("state", "blocking"))
    return count_items(items)


def count_items(items: list[tuple[str, bool]]) -> dict[str, int]:
    """``summary``'s counts from (state, blocking) pairs already in hand."""
    closed = {ItemState.RESOLVED, ItemState.RESOLVED_BY_POLICY}
    return {
        "total": len(items),
        "open": sum(1 for s, _ in items if s not in closed),
        "blocking": sum(1 for s, b in items if b and s not in closed),
        "by_policy": sum(1 for s, _ in items if s == ItemState.RESOLVED_BY_POLICY),
    }


# --- Notifications --------------------------------------------------------------------------


def concerns_url(proposal: Proposal) -> str:
    return reverse("policy:proposal_concerns", args=[proposal.pk])


def hr_people() -> list[Person]:
    return list(Person.objects.active().filter(is_hr=True).select_related("user"))


def who_must_act(item: ConcernItem) -> list[Person | None]:
    """The people an item now waits on (the employee, the decider, or HR)."""
    proposal = item.proposal
    if item.state in EMPLOYEE_STATES:
        return [proposal.employee]
    if item.state == ItemState.AWAITING_MANAGER:
        return ([proposal.decider] if proposal.decider_id else []) + _appeal_hearers(proposal)
    if item.state in HR_STATES:
        return [p for p in hr_people() if p.pk != proposal.employee_id]
    return []


def _appeal_hearers(proposal: Proposal) -> list[Person | None]:
    """The manager hearing an open appeal on the proposal, if any."""
    if proposal.status != Status.APPEALED:
        return []
    try:
        from homeward.decisions.models import Appeal
    except ImportError:  # pragma: no cover - the decisions feature is part of the project
        return []
    appeals = Appeal.objects.filter(proposal=proposal, outcome="", assigned_to__isnull=False)
    return [a.assigned_to for a in appeals.select_related("assigned_to__user")]


def notify_people(
    people: list[Person | None], *, subject: str, body: str, url: str, skip: Person | None = None
) -> int:
    """Notify each person once, leaving out ``skip`` (usually the one who acted)."""
    # A subject is one header line of at most 200 characters (the notification's column):
    # a newline in a question would make the email unsendable, a long name overflow it.
    subject = " ".join(subject.split())[:200]
    seen: set[int] = set()
    for person in people:
        if person is None or person.pk in seen or (skip is not None and person.pk == skip.pk):
            continue
        seen.add(person.pk)
        notify(recipient=person, subject=subject, body=body, url=url)
    return len(seen)


# --- Creating the items at submission -------------------------------------------------------


def ensure_standard_concerns() -> int:
    """Put the shipped catalogue back when the table is empty; returns how many were added.

    Concerns are never deleted, so an empty table only happens in a database flushed since
    it was migrated (``flush``, transactional tests); the migration loaded them once.
    """
    if Concern.objects.exists():
        return 0
    from homeward.policy.catalogue import STANDARD_CONCERNS

    Concern.objects.bulk_create(
        Concern(
            key=c.key,
            category=c.category,
            question=c.question,
            resolver=c.resolver,
            blocking=c.blocking,
            standard=True,
            position=position,
        )
        for position, c in enumerate(STANDARD_CONCERNS, start=1)
    )
    return len(STANDARD_CONCERNS)


def initial_state(concern: Concern, answer: str) -> str:
    if answer:
        return ItemState.RESOLVED_BY_POLICY
    return AWAITING_BY_RESOLVER.get(concern.resolver, ItemState.AWAITING_HR)


def create_concern_items(*, proposal: Proposal, actor: Any) -> list[ConcernItem]:
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
    from homeward.policy.models import SafetyCheck

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
