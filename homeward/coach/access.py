"""Who may see a readiness check: its owner, and those who may see a proposal it is attached to.

A check is private to the employee until they attach it to a proposal; then whoever may
see that (submitted) proposal may read it too. Anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from homeward.coach.models import ReadinessCheck
from homeward.people.access import person_of


def can_view_check(user: Any, check: ReadinessCheck) -> bool:
    me = person_of(user)
    if me is not None and me.pk == check.person_id:
        return True
    from homeward.proposals.access import can_view
    from homeward.proposals.models import Proposal, Status

    attached = Proposal.objects.filter(readiness=check).exclude(status=Status.DRAFT)
    return any(can_view(user, p) for p in attached.select_related("employee", "decider"))


def get_readiness_for(user: Any, pk: Any) -> ReadinessCheck:
    """A readiness check the user may see, or 404."""
    try:
        check = ReadinessCheck.objects.select_related("person").get(pk=pk)
    except (ReadinessCheck.DoesNotExist, ValueError, TypeError):
        raise Http404("No such readiness check.") from None
    if not can_view_check(user, check):
        raise Http404("No such readiness check.")
    return check
