"""Who may see agreements and their templates. Deny by default: 404 for what one may not see.

An agreement is seen by whoever may see the proposal its arrangement started from
(``proposals.access``: the employee, the decider and their manager line, the employee's
manager line, HR). Templates are HR's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.agreements.models import Agreement
from homeward.people.access import is_hr
from homeward.people.models import JURISDICTION_CODES
from homeward.proposals.access import get_proposal_for, visible_proposals


def get_agreement_for(user: Actor, pk: int) -> Agreement:
    """An agreement the user may see, or 404."""
    try:
        agreement = Agreement.objects.select_related(
            "arrangement", "arrangement__employee", "arrangement__approved_by"
        ).get(pk=pk)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agreement.") from None
    get_proposal_for(user, agreement.arrangement.proposal_id)
    return agreement


def visible_agreements(user: Actor) -> list[Agreement]:
    """The latest version of each agreement the user may see, newest first."""
    rows = (
        Agreement.objects.filter(arrangement__proposal__in=visible_proposals(user))
        .select_related("arrangement", "arrangement__employee")
        .order_by("-created_at", "-version")
    )
    seen: set[int] = set()
    latest = []
    for row in rows:
        if row.arrangement_id not in seen:
            seen.add(row.arrangement_id)
            latest.append(row)
    return latest


def check_template_access(user: Actor, jurisdiction: str) -> None:
    """HR only (403 for others); an unknown jurisdiction is 404."""
    if not is_hr(user):
        raise PermissionDenied("Only HR edits agreement templates.")
    if jurisdiction not in JURISDICTION_CODES:
        raise Http404("No such jurisdiction.")
