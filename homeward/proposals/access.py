"""Who may see and change a proposal. Every lookup takes the acting user and denies by default.

- The employee sees their own proposals, drafts included, and is the only one who may
  change their content, submit or withdraw them (``write=True``).
- Once submitted, the decider, everyone above the decider (or above the employee), the
  manager hearing an appeal on it, and HR see it too. Drafts are the employee's alone.
- Anyone else gets 404, as if the proposal did not exist.

A readiness check attached to a submitted proposal is readable by whoever may see the
proposal (``get_readiness_for``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.coach.models import ReadinessCheck
from homeward.people.access import below, is_hr, person_of
from homeward.people.models import Person
from homeward.proposals.models import Proposal, ProposalQuerySet, Status


def can_view(user: Actor, proposal: Proposal) -> bool:
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return True
    if proposal.status == Status.DRAFT:
        return False
    if is_hr(user):
        return True
    if me is None:
        return False
    if me.pk == proposal.decider_id:
        return True
    decider = proposal.decider
    if decider is not None and me.is_above(decider):
        return True
    if me.is_above(proposal.employee):
        return True
    return hears_appeal(me, proposal)


def hears_appeal(person: Person | None, proposal: Proposal) -> bool:
    """Whether ``person`` is the manager hearing the proposal's appeal (never the employee).

    The appeal (homeward.decisions) is reached by its reverse name: decisions builds on
    proposals, so this app cannot import it. An appeal that overturns a decline is an
    approval, so whoever hears it also reads and settles the proposal's concerns.
    """
    if person is None or person.pk == proposal.employee_id:
        return False
    return Proposal.objects.filter(pk=proposal.pk, appeal__assigned_to=person).exists()


def conflict(person: Person, proposal: Proposal, *, original_decider_id: int | None = None) -> str:
    """Why ``person`` may not decide, hear an appeal on, approve or settle ``proposal``;
    "" when they may. The one conflict rule, checked at the moment of acting (a
    re-organisation after submission can put the decider under the employee):

    - nobody acts on their own request;
    - the manager who declined does not hear the appeal (``original_decider_id``);
    - nobody in the employee's own reporting line below them (a report, at any depth).
    """
    if person.pk == proposal.employee_id:
        return "Nobody decides their own request."
    if original_decider_id is not None and person.pk == original_decider_id:
        return "The manager who declined cannot hear the appeal."
    if Person.objects.filter(pk=person.pk).filter(pk__in=below(proposal.employee)).exists():
        return f"{person.name} reports to {proposal.employee.name}, so cannot act on their request."
    return ""


def appeal_hearers(proposal: Proposal) -> list[Person]:
    """The manager hearing an open appeal on the proposal (none unless it is appealed)."""
    if proposal.status != Status.APPEALED:
        return []
    hearers = Person.objects.filter(
        appeals_to_hear__proposal=proposal, appeals_to_hear__outcome=""
    ).select_related("user")
    return list(hearers)


def can_write(user: Actor, proposal: Proposal) -> bool:
    """Only the employee changes what their proposal asks for."""
    me = person_of(user)
    return me is not None and me.pk == proposal.employee_id


def get_proposal_for(
    user: Actor, pk: Any, *, write: bool = False, submitted: bool = False
) -> Proposal:
    """A proposal the user may see (and, with ``write``, change), or 404.

    The one getter for proposals, for every page and API endpoint. A proposal the user
    may see but not change raises PermissionDenied (403) for ``write``; one they may not
    see is always 404, so its existence is not revealed. ``submitted`` (the decision
    pages) makes drafts 404 for everyone, their employee included: nothing to decide yet.
    """
    try:
        proposal = Proposal.objects.select_related(
            "employee", "employee__user", "employee__team", "employee__office", "decider"
        ).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such proposal.") from None
    if not can_view(user, proposal):
        raise Http404("No such proposal.")
    if submitted and proposal.status == Status.DRAFT:
        raise Http404("No such proposal.")
    if write and not can_write(user, proposal):
        raise PermissionDenied("Only the employee can change their own proposal.")
    return proposal


def visible_proposals(user: Actor) -> ProposalQuerySet:
    """Every proposal the user may see: their own, submitted ones they or their reports
    decide, and (for HR) all submitted ones."""
    qs = Proposal.objects.select_related("employee", "decider")
    me = person_of(user)
    own = Q(employee=me) if me is not None else Q(pk__in=[])
    submitted = ~Q(status=Status.DRAFT)
    if is_hr(user):
        return qs.filter(own | submitted)
    if me is None:
        return qs.none()
    tree = below(me)
    line = (
        Q(decider=me) | Q(decider_id__in=tree) | Q(employee_id__in=tree) | Q(appeal__assigned_to=me)
    )
    return qs.filter(own | (submitted & line))


def mine_and_deciding(user: Actor) -> ProposalQuerySet:
    """The API's list: the caller's own proposals and the submitted ones they decide."""
    me = person_of(user)
    if me is None:
        return Proposal.objects.none()
    return Proposal.objects.select_related("employee", "decider").filter(
        Q(employee=me) | (Q(decider=me) & ~Q(status=Status.DRAFT))
    )


# --- Readiness checks ---------------------------------------------------------------------
# A check is private to the employee until they attach it to a proposal; then whoever may
# see that (submitted) proposal may read it too. The rule is the proposals', so it is here.


def can_view_check(user: Actor, check: ReadinessCheck) -> bool:
    me = person_of(user)
    if me is not None and me.pk == check.person_id:
        return True
    attached = Proposal.objects.filter(readiness=check).exclude(status=Status.DRAFT)
    return any(can_view(user, p) for p in attached.select_related("employee", "decider"))


def get_readiness_for(user: Actor, pk: Any) -> ReadinessCheck:
    """A readiness check the user may see, or 404."""
    try:
        check = ReadinessCheck.objects.select_related("person").get(pk=pk)
    except (ReadinessCheck.DoesNotExist, ValueError, TypeError):
        raise Http404("No such readiness check.") from None
    if not can_view_check(user, check):
        raise Http404("No such readiness check.")
    return check
