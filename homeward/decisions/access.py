"""Who may see and act on the decision side of a proposal. Deny by default.

Seeing: the employee, the decider and their manager line, HR (the proposals feature's
rule), plus whoever hears the proposal's appeal. Acting is narrower, and the rule every
check starts with is that nobody acts on their own proposal, whatever their HR flag or
recorded manager says.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from homeward.people.access import is_hr, person_of
from homeward.people.models import Person
from homeward.proposals import access as proposals_access
from homeward.proposals.models import Proposal, Status


def get_proposal_for(user: Any, pk: int) -> Proposal:
    """A submitted proposal the user may see on the decision pages, or 404.

    Drafts are 404 here for everyone: there is nothing to decide yet.
    """
    try:
        proposal = proposals_access.get_proposal_for(user, pk)
    except Http404:
        me = person_of(user)
        found = Proposal.objects.filter(pk=pk).select_related("employee").first()
        if found is None or me is None or not hears_appeal(me, found):
            raise
        proposal = found
    if proposal.status == Status.DRAFT:
        raise Http404("No such proposal.")
    return proposal


def hears_appeal(person: Person, proposal: Proposal) -> bool:
    from homeward.decisions.models import Appeal

    return (
        person.pk != proposal.employee_id
        and Appeal.objects.filter(proposal=proposal, assigned_to=person).exists()
    )


def role_on(user: Any, proposal: Proposal) -> str:
    """How the user relates to the proposal: employee, decider, appeal, hr, line or none."""
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return "employee"
    if me is not None and me.pk == proposal.decider_id:
        return "decider"
    if me is not None and hears_appeal(me, proposal):
        return "appeal"
    if is_hr(user):
        return "hr"
    if me is not None and proposal.decider is not None and me.is_above(proposal.decider):
        return "line"
    return "none"


# --- Acting -------------------------------------------------------------------------------
# Each raises PermissionDenied with a reason; the actions call them under the row lock.


def acting_person(user: Any) -> Person:
    me = person_of(user)
    if me is None:
        raise PermissionDenied("This account has no employee record, so it cannot act here.")
    return me


def not_own(me: Person, proposal: Proposal) -> None:
    if me.pk == proposal.employee_id:
        raise PermissionDenied("Nobody decides their own request.")


def require_decider(user: Any, proposal: Proposal) -> Person:
    me = acting_person(user)
    not_own(me, proposal)
    if proposal.decider_id != me.pk:
        raise PermissionDenied("Only the deciding manager can decide this request.")
    return me


def require_employee(user: Any, proposal: Proposal) -> Person:
    me = acting_person(user)
    if me.pk != proposal.employee_id:
        raise PermissionDenied("Only the employee who made the request can do this.")
    return me


def require_hr(user: Any, proposal: Proposal, *, not_person: Person | None = None) -> Person:
    """An HR person other than the employee (and other than ``not_person``, the first
    approver: a second approval is a second pair of eyes)."""
    me = acting_person(user)
    not_own(me, proposal)
    if not is_hr(user):
        raise PermissionDenied("Only HR can do this.")
    if not_person is not None and me.pk == not_person.pk:
        raise PermissionDenied("The second approval must come from someone else.")
    return me


def can_decide(user: Any, proposal: Proposal) -> bool:
    try:
        require_decider(user, proposal)
    except PermissionDenied:
        return False
    return True
