"""The concern catalogue, policies and their versions.

Reads: the catalogue and published policy versions for everyone signed in (drafts for HR
only). Writes call the same actions as the pages, so refusals are the same: 403 for who
may not, 422 with reasons for what is not valid, 404 for what the caller may not see.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema, Status

from homeward.people.access import is_hr, person_of
from homeward.people.models import Office, Team
from homeward.policy import actions
from homeward.policy.access import (
    get_concern_for,
    get_policy_for,
    get_version_for,
    signed_in,
    visible_policies,
    visible_versions,
)
from homeward.policy.diff import diff_versions
from homeward.policy.models import Concern, Policy, PolicyVersion, policy_for

router = Router(tags=["policy"])


# --- Schemas --------------------------------------------------------------------------------


class ConcernOut(Schema):
    id: int
    key: str
    category: str
    question: str
    resolver: str
    blocking: bool
    standard: bool
    retired_at: datetime | None


class ConcernIn(Schema):
    question: str
    category: str
    resolver: str = "policy"
    blocking: bool = True
    key: str = ""


class ConcernPatch(Schema):
    question: str | None = None
    category: str | None = None
    resolver: str | None = None
    blocking: bool | None = None


class VersionOut(Schema):
    id: int
    policy_id: int
    number: int
    status: str
    created_at: datetime
    published_at: datetime | None
    summary: str
    min_tenure_days: int
    max_home_days_per_week: int
    default_trial_weeks: int
    cooldown_weeks: int
    hr_approval_above_days: int | None
    recall_notice_hours: int
    recall_override_by: str
    internet_stipend_monthly: Decimal
    phone_stipend_monthly: Decimal
    ergonomics_check_required: bool
    outage_rule: str
    excluded_team_ids: list[int]
    excluded_roles: list[str]
    answers: dict[str, str]

    @staticmethod
    def resolve_excluded_team_ids(v: PolicyVersion) -> list[int]:
        return sorted(t.pk for t in v.excluded_teams.all())  # uses a prefetch where made

    @staticmethod
    def resolve_excluded_roles(v: PolicyVersion) -> list[str]:
        return list(v.excluded_roles or [])

    @staticmethod
    def resolve_answers(v: PolicyVersion) -> dict[str, str]:
        return dict(v.answers or {})


class VersionPatch(Schema):
    """Only the fields sent change. ``answers`` are merged by concern key; an empty string
    removes an answer."""

    summary: str | None = None
    min_tenure_days: int | None = None
    max_home_days_per_week: int | None = None
    default_trial_weeks: int | None = None
    cooldown_weeks: int | None = None
    hr_approval_above_days: int | None = None
    recall_notice_hours: int | None = None
    recall_override_by: str | None = None
    internet_stipend_monthly: Decimal | None = None
    phone_stipend_monthly: Decimal | None = None
    ergonomics_check_required: bool | None = None
    outage_rule: str | None = None
    excluded_team_ids: list[int] | None = None
    excluded_roles: list[str] | None = None
    answers: dict[str, str] | None = None


class PolicyOut(Schema):
    id: int
    name: str
    office_id: int | None
    jurisdiction: str
    scope: str
    published_version_id: int | None

    @staticmethod
    def resolve_published_version_id(p: Policy) -> int | None:
        """From ``published_versions`` (newest first) when a list prefetched them."""
        if hasattr(p, "published_versions"):
            published = p.published_versions[0] if p.published_versions else None
        else:
            published = p.published()
        return published.pk if published else None


class PolicyIn(Schema):
    name: str
    office_id: int | None = None
    jurisdiction: str = ""


class PublishIn(Schema):
    summary: str | None = None


class ChangeOut(Schema):
    field: str
    label: str
    old: str
    new: str


# --- Helpers --------------------------------------------------------------------------------


def _require_signed_in(request: HttpRequest) -> None:
    if not signed_in(request.user):
        raise PermissionDenied("This account has no employee record.")


# --- Catalogue ------------------------------------------------------------------------------


@router.get("/concerns", response=list[ConcernOut])
def list_concerns(request: HttpRequest, include_retired: bool = False) -> Any:
    """The concern catalogue in catalogue order; retired ones only when asked."""
    _require_signed_in(request)
    qs = Concern.objects.all() if include_retired else Concern.objects.current()
    return list(qs)


@router.post("/concerns", response={201: ConcernOut})
def add_concern(request: HttpRequest, payload: ConcernIn) -> Status[Any]:
    """Add a company-specific concern (HR)."""
    concern = actions.add_concern(actor=request.user, **payload.dict())
    return Status(201, concern)


@router.patch("/concerns/{concern_id}", response=ConcernOut)
def update_concern(request: HttpRequest, concern_id: int, payload: ConcernPatch) -> Any:
    """Change a concern's wording, category, resolver or blocking flag (HR)."""
    concern = get_concern_for(request.user, concern_id)
    concern = actions.update_concern(
        actor=request.user, concern=concern, **payload.dict(exclude_unset=True)
    )
    return concern


@router.post("/concerns/{concern_id}/retire", response=ConcernOut)
def retire_concern(request: HttpRequest, concern_id: int) -> Any:
    """Retire a concern (HR): new proposals no longer get it; old ones keep it."""
    concern = get_concern_for(request.user, concern_id)
    return actions.retire_concern(actor=request.user, concern=concern)


@router.post("/concerns/{concern_id}/reinstate", response=ConcernOut)
def reinstate_concern(request: HttpRequest, concern_id: int) -> Any:
    concern = get_concern_for(request.user, concern_id)
    return actions.reinstate_concern(actor=request.user, concern=concern)


# --- Policies and versions ------------------------------------------------------------------


@router.get("/policies", response=list[PolicyOut])
def list_policies(request: HttpRequest) -> Any:
    """Policies with a published version (HR: all policies)."""
    _require_signed_in(request)
    published = PolicyVersion.objects.filter(status=PolicyVersion.PUBLISHED).order_by("-number")
    policies = visible_policies(request.user).prefetch_related(
        Prefetch("versions", queryset=published, to_attr="published_versions")
    )
    return list(policies)


@router.get("/policies/mine", response={200: VersionOut, 404: dict})
def my_policy(request: HttpRequest) -> Status[Any]:
    """The published version that applies to the caller (their office's, jurisdiction's, or
    the default); 404 when none is published."""
    me = person_of(request.user)
    if me is None:
        raise PermissionDenied("This account has no employee record.")
    version = policy_for(me)
    if version is None:
        return Status(404, {"detail": "No policy has been published for you yet."})
    return Status(200, version)


@router.post("/policies", response={201: PolicyOut})
def create_policy(request: HttpRequest, payload: PolicyIn) -> Status[Any]:
    """Create a policy (HR) with an empty first draft."""
    office = None
    if payload.office_id is not None:
        office = Office.objects.filter(pk=payload.office_id).first()
        if office is None:
            raise ValidationError({"office_id": "No such office."})
    policy = actions.create_policy(
        actor=request.user, name=payload.name, office=office, jurisdiction=payload.jurisdiction
    )
    return Status(201, policy)


@router.get("/policies/{policy_id}", response=PolicyOut)
def get_policy(request: HttpRequest, policy_id: int) -> Any:
    return get_policy_for(request.user, policy_id)


@router.get("/policies/{policy_id}/versions", response=list[VersionOut])
def list_versions(request: HttpRequest, policy_id: int) -> Any:
    """The version history, newest first (drafts for HR only)."""
    policy = get_policy_for(request.user, policy_id)
    versions = visible_versions(request.user).filter(policy=policy).order_by("-number")
    return list(versions.prefetch_related("excluded_teams"))


@router.post("/policies/{policy_id}/drafts", response={201: VersionOut})
def start_draft(request: HttpRequest, policy_id: int) -> Status[Any]:
    """Start a new draft copied from the latest version (HR)."""
    policy = get_policy_for(request.user, policy_id)
    return Status(201, actions.start_draft(actor=request.user, policy=policy))


@router.get("/policy-versions/{version_id}", response=VersionOut)
def get_version(request: HttpRequest, version_id: int) -> Any:
    return get_version_for(request.user, version_id)


@router.patch("/policy-versions/{version_id}", response=VersionOut)
def update_version(request: HttpRequest, version_id: int, payload: VersionPatch) -> Any:
    """Change a draft (HR). Published and superseded versions never change (422)."""
    if not is_hr(request.user):
        raise PermissionDenied("Only HR can edit policies.")
    version = get_version_for(request.user, version_id)
    data = payload.dict(exclude_unset=True)
    answers = data.pop("answers", None)
    team_ids = data.pop("excluded_team_ids", None)
    roles = data.pop("excluded_roles", None)
    teams = None
    if team_ids is not None:
        teams = list(Team.objects.filter(pk__in=team_ids))
        if len(teams) != len(set(team_ids)):
            raise ValidationError({"excluded_team_ids": "Unknown team id."})
    version = actions.update_draft(
        actor=request.user,
        version=version,
        values=data,
        answers=answers,
        excluded_teams=teams,
        excluded_roles=roles,
        replace_answers=False,
    )
    return version


@router.post("/policy-versions/{version_id}/publish", response=VersionOut)
def publish_version(request: HttpRequest, version_id: int, payload: PublishIn) -> Any:
    """Publish a draft (HR); the previous published version becomes superseded."""
    if not is_hr(request.user):
        raise PermissionDenied("Only HR can publish policies.")
    version = get_version_for(request.user, version_id)
    return actions.publish_version(actor=request.user, version=version, summary=payload.summary)


@router.get("/policy-versions/{version_id}/diff/{other_id}", response=list[ChangeOut])
def diff(request: HttpRequest, version_id: int, other_id: int) -> list[dict[str, str]]:
    """What changed from version ``other_id`` to version ``version_id``."""
    new = get_version_for(request.user, version_id)
    old = get_version_for(request.user, other_id)
    return [c.__dict__ for c in diff_versions(old, new)]
