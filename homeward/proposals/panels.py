"""Home-page panels: the employee's proposals, and what awaits a manager's decision."""

from __future__ import annotations

from homeward.accounts.models import Actor
from homeward.home import Panel, panel
from homeward.people.models import Person
from homeward.proposals.models import Proposal


@panel
def my_proposals(user: Actor, me: Person | None) -> Panel | None:
    if me is None:
        return None
    mine = list(Proposal.objects.filter(employee=me)[:5])
    return Panel("Working from home", "proposals/_panel_mine.html", {"proposals": mine})


# The decider's queue is the decisions app's panel (homeward/decisions/panels.py).
