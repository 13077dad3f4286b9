"""A re-organisation moves a pending request whose decider may no longer decide it.

The decider is fixed at submission; an import or a people action can later make them
ineligible (deactivated, or now in the employee's own reporting line below them). Every
action re-checks the conflict rule when it is taken (``access.not_own``); this moves the
request on at once, so it does not sit with someone who cannot decide it.
"""

from __future__ import annotations

from typing import Any

from homeward.audit.actions import record
from homeward.decisions.actions import steps
from homeward.notify.actions import notify_from
from homeward.people.hooks import on_reorganised
from homeward.people.models import Person
from homeward.proposals.access import conflict
from homeward.proposals.models import Proposal, Status

# Waiting on the decider (an appeal has its own hearer, checked when they decide).
AWAITING_DECIDER = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED, Status.COUNTERED)


def eligible_decider(proposal: Proposal) -> Person | None:
    """The nearest active manager above the employee with no conflict on the request."""
    for manager in proposal.employee.manager_chain():
        if manager.active and not conflict(manager, proposal):
            return manager
    return None


def may_decide(person: Person | None, proposal: Proposal) -> bool:
    return person is not None and person.active and not conflict(person, proposal)


@on_reorganised
def move_ineligible_deciders(*, actor: Any) -> list[Proposal]:
    """Inside the re-organisation's transaction: each pending request whose decider may no
    longer decide it goes to the next eligible manager (audited; both are told). One
    with nobody eligible stays put: every action still refuses the ineligible decider,
    and HR sees the request."""
    moved: list[Proposal] = []
    pending = (
        # Lock the proposals only: the decider is nullable, and PostgreSQL cannot lock the
        # nullable side of an outer join.
        Proposal.objects.select_for_update(of=("self",))
        .filter(status__in=AWAITING_DECIDER)
        .select_related("decider", "employee")
        .order_by("pk")
    )
    for p in pending:
        old = p.decider
        if may_decide(old, p):
            continue
        new = eligible_decider(p)
        if new is None or (old is not None and new.pk == old.pk):
            continue
        p.decider = new
        p.save(update_fields=["decider", "updated_at"])
        record(
            actor=actor,
            action="proposal.decider_moved",
            obj=p,
            before={"decider": old.pk if old else None},
            after={"decider": new.pk},
        )
        context = {"employee": p.employee.name, "title": p.title, "old": old, "new": new}
        notify_from(
            steps.notice("decider_moved_to"),
            recipient=new,
            context=context,
            url=steps.review_url(p),
        )
        if old is not None:
            notify_from(steps.notice("decider_moved_from"), recipient=old, context=context)
        moved.append(p)
    return moved
