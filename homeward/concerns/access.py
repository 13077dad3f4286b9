"""Who may see and act on a proposal's concerns. Every lookup takes the acting user and denies
by default (404 for what one may not see).

Seeing: whoever may see the proposal (``proposals.access``: the employee, the decider and
their manager line, the employee's manager line, HR, the manager hearing its appeal).

Acting on an item (decided for this app, see docs/hr.md):
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

from django.http import Http404

from homeward.accounts.models import Actor
from homeward.concerns.models import ConcernItem, ItemState
from homeward.people.access import is_hr, person_of
from homeward.people.models import Person
from homeward.proposals.access import conflict, get_proposal_for, hears_appeal
from homeward.proposals.models import Proposal

HR_STATES = (ItemState.AWAITING_HR, ItemState.AWAITING_IT)
EMPLOYEE_STATES = (ItemState.AWAITING_EMPLOYEE, ItemState.REOPENED)


def get_item_for(user: Actor, pk: int) -> ConcernItem:
    """A concern item on a proposal the user may see, or 404."""
    try:
        item = ConcernItem.objects.select_related(
            "concern", "proposal", "proposal__employee", "proposal__decider"
        ).get(pk=pk)
    except (ConcernItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern.") from None
    get_proposal_for(user, item.proposal_id)
    return item


def is_decider_line(person: Person | None, proposal: Proposal) -> bool:
    """The decider or someone above them, or the manager hearing the appeal; never the
    employee themselves."""
    if person is None or conflict(person, proposal):
        return False
    decider = proposal.decider
    if decider is None:
        line = person.is_above(proposal.employee)
    else:
        line = person.pk == decider.pk or person.is_above(decider)
    return line or hears_appeal(person, proposal)


def can_resolve(user: Actor, item: ConcernItem) -> bool:
    """HR resolves anything; the decider line resolves what is not waiting on HR or IT.
    Nobody resolves a concern on their own proposal."""
    return resolve_check(user, item.proposal)(item)


def resolve_check(user: Actor, proposal: Proposal) -> Callable[[ConcernItem], bool]:
    """``can_resolve`` for the items of one proposal, working out the user's standing on
    it once (a page listing every item would otherwise look up the manager line per item)."""
    me = person_of(user)
    if me is not None and conflict(me, proposal):
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


def can_raise(user: Actor, proposal: Proposal) -> bool:
    """The decider line and HR may raise extra concerns; the employee may not."""
    me = person_of(user)
    if me is not None and me.pk == proposal.employee_id:
        return False
    return is_hr(user) or is_decider_line(me, proposal)
