"""State changes on people: each one atomic and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from homeward.audit.actions import record
from homeward.people.access import is_admin, is_hr, person_of
from homeward.people.models import Person


def set_active(*, actor: Any, person: Person, active: bool) -> Person:
    """Deactivate (or reactivate) a person and their sign-in; their records stay.

    Only HR may do this, and nobody may deactivate themself (it would lock them out
    mid-action and leave no one accountable for the change).
    """
    if not is_hr(actor):
        raise PermissionDenied("Only HR can deactivate or reactivate people.")
    me = person_of(actor)
    if me is not None and me.pk == person.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    with transaction.atomic():
        locked = Person.objects.select_for_update().select_related("user").get(pk=person.pk)
        if locked.active == active:
            return locked
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
        return locked


def set_hr(*, actor: Any, person: Person, hr: bool) -> Person:
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
