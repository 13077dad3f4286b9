"""Policies and their versions: HR creates a policy, edits a draft version, publishes it.

A published version never changes; publishing supersedes the one before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record, snapshot
from homeward.people.access import person_of
from homeward.people.models import JURISDICTION_CODES, Office, Team
from homeward.policy.access import require_hr
from homeward.policy.models import EXCLUDABLE_ROLES, Concern, Policy, PolicyVersion

MAX_TEXT = 5000

# The numeric and choice fields HR edits on a draft version, in the order pages show them.
VERSION_FIELDS = [
    "min_tenure_days",
    "max_home_days_per_week",
    "default_trial_weeks",
    "cooldown_weeks",
    "hr_approval_above_days",
    "recall_notice_hours",
    "recall_override_by",
    "internet_stipend_monthly",
    "phone_stipend_monthly",
    "ergonomics_check_required",
    "outage_rule",
    "summary",
]
# Upper bounds that keep a value sensible and inside its column (cooldown_weeks is a small
# integer: 520 weeks is ten years).
LIMITS = {"min_tenure_days": 100_000, "recall_notice_hours": 100_000, "cooldown_weeks": 520}
OUTAGE_RULES = {code for code, _ in PolicyVersion._meta.get_field("outage_rule").choices or []}


def create_policy(
    *, actor: Actor, name: str, office: Office | None = None, jurisdiction: str = ""
) -> Policy:
    """A policy for an office, a jurisdiction, or (neither) everyone else; with a first draft."""
    require_hr(actor, "create policies")
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Give the policy a name."
    elif len(name) > 100:
        errors["name"] = "Keep the name under 100 characters."
    if office is not None and jurisdiction:
        errors["jurisdiction"] = "A policy applies to an office or to a jurisdiction, not both."
    if jurisdiction and jurisdiction not in JURISDICTION_CODES:
        errors["jurisdiction"] = f"Unknown jurisdiction '{jurisdiction}'."
    if office is not None and Policy.objects.filter(office=office).exists():
        errors["office"] = f"{office} already has a policy: edit that one."
    elif (
        office is None
        and jurisdiction
        and Policy.objects.filter(office__isnull=True, jurisdiction=jurisdiction).exists()
    ):
        errors["jurisdiction"] = "That jurisdiction already has a policy: edit that one."
    elif (
        office is None
        and not jurisdiction
        and Policy.objects.filter(office__isnull=True, jurisdiction="", name=name).exists()
    ):
        errors["name"] = "A default policy with that name already exists."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                policy = Policy.objects.create(
                    name=name, office=office, jurisdiction=jurisdiction or ""
                )
        except IntegrityError:
            raise ValidationError("A policy for that scope already exists.") from None
        PolicyVersion.objects.create(policy=policy, number=1, summary="First version.")
        record(
            actor=actor,
            action="policy.created",
            obj=policy,
            after={"name": name, "scope": policy.scope},
        )
    return policy


def start_draft(*, actor: Actor, policy: Policy) -> PolicyVersion:
    """A new draft copied from the latest version; refused while a draft already exists."""
    require_hr(actor, "edit policies")
    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=policy.pk)
        draft = policy.versions.filter(status=PolicyVersion.DRAFT).first()
        if draft is not None:
            raise ValidationError(f"{draft} is already a draft: edit or publish it first.")
        latest = policy.versions.order_by("-number").first()
        number = (latest.number if latest else 0) + 1
        version = PolicyVersion(policy=policy, number=number, summary="")
        teams: list[Team] = []
        if latest is not None:
            for name in VERSION_FIELDS:
                if name != "summary":
                    setattr(version, name, getattr(latest, name))
            version.answers = dict(latest.answers or {})
            version.excluded_roles = list(latest.excluded_roles or [])
            teams = list(latest.excluded_teams.all())
        version.save()
        version.excluded_teams.set(teams)
        record(
            actor=actor,
            action="policy.draft_started",
            obj=version,
            after={"number": number, "from": latest.number if latest else None},
        )
    return version


def _as_int(value: Any, field: str, errors: dict[str, str], *, allow_none: bool = False) -> Any:
    if value in (None, "") and allow_none:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = "Enter a whole number."
        return None
    if isinstance(value, float) and value != number:
        errors[field] = "Enter a whole number."
    return number


def _as_money(value: Any, field: str, errors: dict[str, str]) -> Decimal | None:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if not amount.is_finite():  # quantize lets NaN through; comparing it would raise
        errors[field] = "Enter an amount, e.g. 20 or 20.00."
        return None
    if amount < 0:
        errors[field] = "A stipend cannot be negative."
    elif amount >= Decimal("1000000"):
        errors[field] = "That amount is too large."
    return amount


def validate_version_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean the editable fields of a version (missing keys are left out).

    Refuses: a negative number anywhere (notice, tenure, cooldown, stipends), more home
    days than the five working days of a week, a trial shorter than one week, an HR
    threshold above five days, an unknown outage rule.
    """
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for field in ("min_tenure_days", "recall_notice_hours", "cooldown_weeks"):
        if field in values:
            n = _as_int(values[field], field, errors)
            if n is not None and n < 0:
                label = {
                    "recall_notice_hours": "The recall notice",
                    "min_tenure_days": "The minimum tenure",
                    "cooldown_weeks": "The cooldown",
                }[field]
                errors[field] = f"{label} cannot be negative."
            elif n is not None and n > LIMITS[field]:
                errors[field] = f"That number is too large (at most {LIMITS[field]:,})."
            clean[field] = n
    if "max_home_days_per_week" in values:
        n = _as_int(values["max_home_days_per_week"], "max_home_days_per_week", errors)
        if n is not None and not 0 <= n <= 5:
            errors["max_home_days_per_week"] = (
                "Between 0 and 5: a week has five working days, so more home days than "
                "working days is not possible."
            )
        clean["max_home_days_per_week"] = n
    if "default_trial_weeks" in values:
        n = _as_int(values["default_trial_weeks"], "default_trial_weeks", errors)
        if n is not None and n < 1:
            errors["default_trial_weeks"] = "A trial lasts at least one week."
        elif n is not None and n > 104:
            errors["default_trial_weeks"] = "A trial lasts at most two years (104 weeks)."
        clean["default_trial_weeks"] = n
    if "hr_approval_above_days" in values:
        n = _as_int(
            values["hr_approval_above_days"], "hr_approval_above_days", errors, allow_none=True
        )
        if n is not None and not 0 <= n <= 5:
            errors["hr_approval_above_days"] = "Between 0 and 5 days, or empty for never."
        clean["hr_approval_above_days"] = n
    for field in ("internet_stipend_monthly", "phone_stipend_monthly"):
        if field in values:
            clean[field] = _as_money(values[field], field, errors)
    if "outage_rule" in values:
        if values["outage_rule"] not in OUTAGE_RULES:
            errors["outage_rule"] = "Choose one of: " + ", ".join(sorted(OUTAGE_RULES))
        clean["outage_rule"] = values["outage_rule"]
    for field, limit in (("recall_override_by", 200), ("summary", MAX_TEXT)):
        if field in values:
            text = str(values[field] or "").strip()
            if len(text) > limit:
                errors[field] = f"Keep it under {limit} characters."
            clean[field] = text
    if "ergonomics_check_required" in values:
        clean["ergonomics_check_required"] = bool(values["ergonomics_check_required"])
    return clean, errors


def _clean_answers(answers: Mapping[str, Any], errors: dict[str, str]) -> dict[str, str]:
    """Answers by concern key; a retired or unknown concern is refused, empty ones dropped."""
    by_key = {c.key: c for c in Concern.objects.filter(key__in=list(answers))}
    clean: dict[str, str] = {}
    for key, value in answers.items():
        text = str(value or "").strip()
        concern = by_key.get(key)
        if concern is None:
            errors[f"answer_{key}"] = f"There is no concern '{key}' in the catalogue."
        elif concern.retired_at and text:
            errors[f"answer_{key}"] = (
                f"'{concern.question}' is retired: it cannot be given a new answer."
            )
        elif len(text) > MAX_TEXT:
            errors[f"answer_{key}"] = f"Keep the answer under {MAX_TEXT} characters."
        elif text:
            clean[key] = text
    return clean


def clean_excluded_roles(roles: Any, errors: dict[str, str]) -> list[str]:
    """Role keys a version excludes, deduplicated in a fixed order.

    Refuses "employee" (everyone has it: excluding it would exclude everyone), any key not
    in ``EXCLUDABLE_ROLES`` (including "admin", a system role rather than a job), and
    anything that is not a list of strings.
    """
    if isinstance(roles, str) or not isinstance(roles, Iterable):
        errors["excluded_roles"] = 'Give the excluded roles as a list, e.g. ["manager"].'
        return []
    given = list(roles)
    for role in given:
        if role == "employee":
            errors["excluded_roles"] = (
                "Everyone has the employee role: excluding it would exclude everyone."
            )
            return []
        if not isinstance(role, str) or role not in EXCLUDABLE_ROLES:
            errors["excluded_roles"] = (
                f"A policy cannot exclude the role '{role}': choose from "
                + ", ".join(EXCLUDABLE_ROLES)
                + "."
            )
            return []
    return [key for key in EXCLUDABLE_ROLES if key in given]


def update_draft(
    *,
    actor: Actor,
    version: PolicyVersion,
    values: Mapping[str, Any] | None = None,
    answers: Mapping[str, Any] | None = None,
    excluded_teams: Iterable[Team] | None = None,
    excluded_roles: Iterable[str] | None = None,
    replace_answers: bool = True,
) -> PolicyVersion:
    """Change a draft: numeric rules (``values``), answers by concern key, excluded teams
    and roles (None leaves either as it is; see ``clean_excluded_roles`` for what is refused).

    With ``replace_answers`` (the editor sends every answer) the answers become exactly
    those given; without it (an API PATCH) the given ones are merged and an empty one
    removes an answer. Published and superseded versions never change.
    """
    require_hr(actor, "edit policies")
    clean, errors = validate_version_values(values or {})
    new_answers = _clean_answers(answers or {}, errors) if answers is not None else None
    roles = clean_excluded_roles(excluded_roles, errors) if excluded_roles is not None else None
    with transaction.atomic():
        version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != PolicyVersion.DRAFT:
            raise ValidationError(
                f"{version} is {version.get_status_display().lower()}: published versions never "
                "change. Start a new draft instead."
            )
        if errors:
            raise ValidationError(errors)
        before = _version_state(version)
        for field, value in clean.items():
            setattr(version, field, value)
        if new_answers is not None:
            if replace_answers:
                version.answers = new_answers
            else:
                merged = dict(version.answers or {})
                for key in answers or {}:
                    merged.pop(key, None)
                merged.update(new_answers)
                version.answers = merged
        if roles is not None:
            version.excluded_roles = roles
        version.save()
        if excluded_teams is not None:
            version.excluded_teams.set(list(excluded_teams))
        after = _version_state(version)
        if after != before:
            record(
                actor=actor,
                action="policy.draft_changed",
                obj=version,
                before=before,
                after=after,
            )
    return version


def _version_state(v: PolicyVersion) -> dict[str, Any]:
    state = snapshot(v, [f for f in VERSION_FIELDS if f != "summary"])
    state["answers"] = dict(v.answers or {})
    state["excluded_teams"] = sorted(v.excluded_teams.values_list("pk", flat=True)) if v.pk else []
    state["excluded_roles"] = list(v.excluded_roles or [])
    return state


def publish_version(
    *, actor: Actor, version: PolicyVersion, summary: str | None = None
) -> PolicyVersion:
    """Publish a draft: the previous published version of the policy becomes superseded.

    Proposals keep the version they were submitted under (their foreign key never moves),
    so publishing never changes a proposal already submitted. The policy row is locked so
    two HR people publishing at once cannot leave two published versions.
    """
    require_hr(actor, "publish policies")
    with transaction.atomic():
        Policy.objects.select_for_update().get(pk=version.policy_id)
        version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != PolicyVersion.DRAFT:
            raise ValidationError(f"{version} is already {version.get_status_display().lower()}.")
        if summary is not None:
            version.summary = summary.strip()
        _, errors = validate_version_values(
            {f: getattr(version, f) for f in VERSION_FIELDS if f != "summary"}
        )
        clean_excluded_roles(version.excluded_roles or [], errors)
        if errors:
            raise ValidationError(errors)
        previous = list(
            PolicyVersion.objects.select_for_update().filter(
                policy_id=version.policy_id, status=PolicyVersion.PUBLISHED
            )
        )
        for old in previous:
            old.status = PolicyVersion.SUPERSEDED
            old.save(update_fields=["status"])
        version.status = PolicyVersion.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = person_of(actor)
        version.save(update_fields=["status", "published_at", "published_by", "summary"])
        record(
            actor=actor,
            action="policy.published",
            obj=version,
            after={
                "number": version.number,
                "superseded": [v.number for v in previous],
                "answers": len(version.answers or {}),
            },
        )
    return version
