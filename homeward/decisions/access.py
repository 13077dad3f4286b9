"""Who may see and act on the decision side of a proposal. Deny by default.

Seeing a proposal is the proposals' rule (``proposals.access.get_proposal_for``, which
already lets in the manager hearing its appeal); appeals and deadline extensions are seen
by whoever may see their proposal. Acting is narrower, and the rule every
check starts with is that nobody acts on their own proposal, whatever their HR flag or
recorded manager says.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.decisions.models import Appeal, AppealQuerySet, DeadlineExtension
from homeward.people.access import is_hr, person_of
from homeward.people.models import Person
from homeward.proposals.access import conflict, get_proposal_for, hears_appeal
from homeward.proposals.models import Proposal


def get_appeal_for(user: Actor, pk: Any) -> Appeal:
    """An appeal on a proposal the user may see, or 404."""
    try:
        appeal = Appeal.objects.select_related("proposal").get(pk=pk)
    except (Appeal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such appeal.") from None
    get_proposal_for(user, appeal.proposal_id, submitted=True)
    return appeal


def get_extension_for(user: Actor, pk: Any) -> DeadlineExtension:
    """A deadline extension on a proposal the user may see, or 404."""
    try:
        extension = DeadlineExtension.objects.get(pk=pk)
    except (DeadlineExtension.DoesNotExist, ValueError, TypeError):
        raise Http404("No such extension.") from None
    get_proposal_for(user, extension.proposal_id, submitted=True)
    return extension


def appeals_heard_by(person: Person) -> AppealQuerySet:
    """The open appeals a manager hears (what their decision pages list)."""
    return Appeal.objects.open().filter(assigned_to=person)


def visible_appeals(user: Actor) -> AppealQuerySet:
    """The open appeals the user may act on: those they hear; for HR every open appeal
    but their own (HR assigns them and gives second approvals)."""
    me = person_of(user)
    if is_hr(user):
        qs = Appeal.objects.open()
        return qs.exclude(appellant=me) if me is not None else qs
    if me is None:
        return Appeal.objects.none()
    return appeals_heard_by(me)


def role_on(user: Actor, proposal: Proposal) -> str:
    """How the user relates to the proposal: employee, decider, appeal, hr, line or none."""
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return "employee"
    if me is not None and me.pk == proposal.decider_id:
        return "decider"
    if hears_appeal(me, proposal):
        return "appeal"
    if is_hr(user):
        return "hr"
    if me is not None and proposal.decider is not None and me.is_above(proposal.decider):
        return "line"
    return "none"


# --- Acting -------------------------------------------------------------------------------
# Each raises PermissionDenied with a reason; the actions call them under the row lock.


def acting_person(user: Actor) -> Person:
    me = person_of(user)
    if me is None:
        raise PermissionDenied("This account has no employee record, so it cannot act here.")
    return me


def not_own(me: Person, proposal: Proposal, *, original_decider_id: int | None = None) -> None:
    """The conflict rule (``homeward.proposals.access.conflict``) at the moment of acting:
    not the employee, not one of their reports at any depth (nor, for an appeal, the
    manager who declined)."""
    reason = conflict(me, proposal, original_decider_id=original_decider_id)
    if reason:
        raise PermissionDenied(reason)


def require_decider(user: Actor, proposal: Proposal) -> Person:
    me = acting_person(user)
    not_own(me, proposal)
    if proposal.decider_id != me.pk:
        raise PermissionDenied("Only the deciding manager can decide this request.")
    return me


def require_employee(user: Actor, proposal: Proposal) -> Person:
    me = acting_person(user)
    if me.pk != proposal.employee_id:
        raise PermissionDenied("Only the employee who made the request can do this.")
    return me


def require_hr(user: Actor, proposal: Proposal, *, not_person: Person | None = None) -> Person:
    """An HR person other than the employee (and other than ``not_person``, the first
    approver: a second approval is a second pair of eyes)."""
    me = acting_person(user)
    not_own(me, proposal)
    if not is_hr(user):
        raise PermissionDenied("Only HR can do this.")
    if not_person is not None and me.pk == not_person.pk:
        raise PermissionDenied("The second approval must come from someone else.")
    return me


def can_decide(user: Actor, proposal: Proposal) -> bool:
    try:
        require_decider(user, proposal)
    except PermissionDenied:
        return False
    return True
