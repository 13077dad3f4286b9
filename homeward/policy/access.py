"""Who may see policies and versions. Every lookup takes the acting user and denies by default.

Published and superseded versions are the company's rules: everyone signed in may read
them. Drafts are HR's work in progress: invisible (404) to everyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.people.access import is_hr, person_of
from homeward.policy.models import Concern, Policy, PolicyVersion


def require_hr(actor: Actor, doing: str) -> None:
    """Refuse (403) anyone but HR, saying what they tried: "Only HR can {doing}."."""
    if not is_hr(actor):
        raise PermissionDenied(f"Only HR can {doing}.")


def signed_in(user: Actor) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and (
        person_of(user) is not None or is_hr(user)
    )


def visible_versions(user: Actor) -> QuerySet[PolicyVersion]:
    qs = PolicyVersion.objects.select_related("policy", "policy__office", "published_by")
    if is_hr(user):
        return qs.all()
    if not signed_in(user):
        return qs.none()
    return qs.exclude(status=PolicyVersion.DRAFT)


def visible_policies(user: Actor) -> QuerySet[Policy]:
    qs = Policy.objects.select_related("office").order_by("office__name", "jurisdiction", "name")
    if is_hr(user):
        return qs.all()
    if not signed_in(user):
        return qs.none()
    return qs.filter(
        versions__status__in=[PolicyVersion.PUBLISHED, PolicyVersion.SUPERSEDED]
    ).distinct()


def get_policy_for(user: Actor, pk: int) -> Policy:
    try:
        return visible_policies(user).get(pk=pk)
    except (Policy.DoesNotExist, ValueError, TypeError):
        raise Http404("No such policy.") from None


def get_version_for(user: Actor, pk: int) -> PolicyVersion:
    try:
        return visible_versions(user).get(pk=pk)
    except (PolicyVersion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such policy version.") from None


def get_concern_for(user: Actor, pk: int) -> Concern:
    """The catalogue is readable by everyone signed in (retired concerns included)."""
    if not signed_in(user):
        raise Http404("No such concern.")
    try:
        return Concern.objects.get(pk=pk)
    except (Concern.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern.") from None
