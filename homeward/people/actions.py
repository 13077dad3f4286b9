"""State changes on people: each one atomic and audited."""

from __future__ import annotations

import zoneinfo
from typing import Any

import holidays
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from homeward.accounts.models import Actor
from homeward.audit.actions import record, snapshot
from homeward.people.access import is_admin, is_hr, person_of
from homeward.people.hooks import reorganised
from homeward.people.models import Office, Person

User = get_user_model()


def set_active(*, actor: Actor, person: Person, active: bool) -> Person:
    """Deactivate (or reactivate) a person and their sign-in; their records stay.

    Only HR may do this, and nobody may deactivate themself (it would lock them out
    mid-action and leave no one accountable for the change). A lower role never acts on a
    higher one: only an administrator may deactivate or reactivate an administrator, and
    the last active administrator stays (ValidationError), so the system always has one.
    A person whose personal data was erased (homeward.privacy) is never reactivated.
    """
    if not is_hr(actor):
        raise PermissionDenied("Only HR can deactivate or reactivate people.")
    me = person_of(actor)
    if me is not None and me.pk == person.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    with transaction.atomic():
        locked = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        if locked.user.is_superuser and not is_admin(actor):
            raise PermissionDenied("Only an administrator can change an administrator.")
        if locked.active == active:
            return locked
        if active and Person.objects.filter(pk=locked.pk, erasure__isnull=False).exists():
            raise ValidationError("This person's personal data was erased; they stay inactive.")
        if not active and locked.user.is_superuser:
            # Lock every active administrator so two concurrent deactivations see each other.
            others = list(
                User.objects.select_for_update()
                .filter(is_superuser=True, is_active=True)
                .exclude(pk=locked.user.pk)
                .values_list("pk", flat=True)
            )
            if not others:
                raise ValidationError(
                    "This is the last active administrator; appoint another first."
                )
        locked.active = active
        locked.save(update_fields=["active"])
        locked.user.is_active = active
        locked.user.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="person.reactivated" if active else "person.deactivated",
            obj=locked,
            before={"active": not active},
            after={"active": active},
        )
        reorganised(actor=actor)
        return locked


def set_hr(*, actor: Actor, person: Person, hr: bool) -> Person:
    """Give or take away HR rights. Only administrators may: HR cannot appoint HR.

    The import never touches this flag, so re-importing keeps it.
    """
    if not is_admin(actor):
        raise PermissionDenied("Only administrators can give or take away HR rights.")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.is_hr == hr:
            return locked
        locked.is_hr = hr
        locked.save(update_fields=["is_hr"])
        record(
            actor=actor,
            action="person.hr_granted" if hr else "person.hr_removed",
            obj=locked,
            before={"is_hr": not hr},
            after={"is_hr": hr},
        )
        return locked


OFFICE_FIELDS = ["name", "desk_capacity", "timezone", "holiday_country", "holiday_subdiv"]


def clean_office(values: dict[str, Any]) -> dict[str, Any]:
    """Checked office settings, or ValidationError naming each bad field.

    The time zone must be an IANA name and the holiday region one the ``holidays`` package
    knows, because decision deadlines are counted in the office's calendar.
    """
    errors: dict[str, str] = {}
    out = dict(values)
    name = str(out.get("name", "")).strip()
    if not name:
        errors["name"] = "Give the office a name."
    elif len(name) > 100:
        errors["name"] = "At most 100 characters."
    out["name"] = name
    try:
        desks = int(out.get("desk_capacity", 0))
        if desks < 0 or desks > 100_000:
            raise ValueError
        out["desk_capacity"] = desks
    except (TypeError, ValueError):
        errors["desk_capacity"] = "A whole number of desks, 0 or more."
    tz = str(out.get("timezone", "")).strip()
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = f"{tz!r} is not a time zone name such as Europe/London."
    out["timezone"] = tz
    country = str(out.get("holiday_country", "")).strip().upper()
    subdiv = str(out.get("holiday_subdiv", "")).strip().upper()
    try:
        holidays.country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError:
        errors["holiday_country"] = (
            f"No public-holiday calendar for {country or '(none)'}"
            + (f" region {subdiv}" if subdiv else "")
            + "; use an ISO country code (GB, IE, NL…) and, where needed, a region (ENG, NIR…)."
        )
    out["holiday_country"], out["holiday_subdiv"] = country, subdiv
    if errors:
        raise ValidationError(errors)
    return out


def update_office(*, actor: Actor, office: Office, values: dict[str, Any]) -> Office:
    """Change an office's desks, time zone or holiday region (HR and administrators)."""
    if not (is_hr(actor) or is_admin(actor)):
        raise PermissionDenied("Only HR and administrators can change offices.")
    cleaned = clean_office({f: values.get(f, getattr(office, f)) for f in OFFICE_FIELDS})
    with transaction.atomic():
        locked = Office.objects.select_for_update().get(pk=office.pk)
        if Office.objects.exclude(pk=locked.pk).filter(name=cleaned["name"]).exists():
            raise ValidationError({"name": "Another office has that name."})
        before = snapshot(locked, OFFICE_FIELDS)
        for field, value in cleaned.items():
            setattr(locked, field, value)
        locked.save()
        after = snapshot(locked, OFFICE_FIELDS)
        if after != before:
            record(actor=actor, action="office.updated", obj=locked, before=before, after=after)
        return locked
