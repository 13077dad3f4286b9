"""The HR home panel: which policy versions are in force, drafts, and concerns awaiting HR.

It lives here, not in the policy app, because it lists concern items (policy sits below).
"""

from __future__ import annotations

from homeward.accounts.models import Actor
from homeward.concerns.models import ConcernItem, ItemState
from homeward.home import Panel, panel
from homeward.people.access import is_hr
from homeward.people.models import Person
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.models import LIVE


@panel
def policy_panel(user: Actor, me: Person | None) -> Panel | None:
    if not is_hr(user):
        return None
    rows = []
    for policy in Policy.objects.select_related("office").prefetch_related("versions"):
        versions = sorted(policy.versions.all(), key=lambda v: -v.number)
        rows.append(
            {
                "policy": policy,
                "published": next(
                    (v for v in versions if v.status == PolicyVersion.PUBLISHED), None
                ),
                "draft": next((v for v in versions if v.status == PolicyVersion.DRAFT), None),
            }
        )
    awaiting = (
        ConcernItem.objects.filter(
            state__in=[ItemState.AWAITING_HR, ItemState.AWAITING_IT], proposal__status__in=LIVE
        )
        .exclude(proposal__employee=me)
        .select_related("proposal__employee", "concern")
        .order_by("-blocking", "created_at")
    )
    return Panel(
        "Policy and concerns",
        "concerns/_home_hr.html",
        {"rows": rows, "awaiting": list(awaiting[:8]), "awaiting_count": awaiting.count()},
    )
