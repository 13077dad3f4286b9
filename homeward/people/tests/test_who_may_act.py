"""Deactivation: a lower role never acts on a higher one, and an administrator always stays."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.audit.models import AuditEvent
from homeward.people.actions import set_active
from homeward.people.models import Person


def _make_admin(person: Person) -> Person:
    person.user.is_superuser = True
    person.user.save(update_fields=["is_superuser"])
    return person


def test_hr_cannot_deactivate_an_administrator(personas):
    admin = _make_admin(personas.diana)
    with pytest.raises(PermissionDenied, match="administrator"):
        set_active(actor=personas.hannah.user, person=admin, active=False)
    assert Person.objects.get(pk=admin.pk).active


def test_hr_cannot_deactivate_an_administrator_through_the_page(personas):
    admin = _make_admin(personas.diana)
    response = personas.client(personas.hannah).post(f"/people/{admin.pk}/active/", {"active": "0"})
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.active and admin.user.is_active


def test_hr_cannot_reactivate_a_deactivated_administrator(personas):
    admin = _make_admin(personas.diana)
    set_active(actor=personas.root, person=admin, active=False)
    with pytest.raises(PermissionDenied):
        set_active(actor=personas.hannah.user, person=admin, active=True)
    assert not Person.objects.get(pk=admin.pk).active


def test_an_administrator_deactivates_another_administrator(personas):
    admin = _make_admin(personas.diana)
    set_active(actor=personas.root, person=admin, active=False)
    assert not Person.objects.get(pk=admin.pk).user.is_active
    assert AuditEvent.objects.filter(action="person.deactivated", object_id=str(admin.pk)).exists()


def test_the_last_active_administrator_cannot_be_deactivated(personas):
    # Two administrators deactivate each other at the same moment: each passed the role
    # check with an account still active, so the second must see the first's change.
    diana = _make_admin(personas.diana)
    marcus = _make_admin(personas.marcus)
    personas.root.is_active = False
    personas.root.save(update_fields=["is_active"])
    diana_as_seen_before = Person.objects.select_related("user").get(pk=diana.pk).user
    set_active(actor=marcus.user, person=diana, active=False)
    with pytest.raises(ValidationError, match="last active administrator"):
        set_active(actor=diana_as_seen_before, person=marcus, active=False)
    marcus.refresh_from_db()
    assert marcus.active and marcus.user.is_active
