from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from homeward.audit.models import AuditEvent
from homeward.people.actions import set_active
from homeward.people.models import Person, check_manager_line


def test_person_cannot_manage_themself(personas):
    with pytest.raises(ValidationError, match="own manager"):
        check_manager_line(personas.emma, personas.emma)
    personas.emma.manager = personas.emma
    with pytest.raises(IntegrityError), transaction.atomic():
        personas.emma.save()


def test_manager_line_cannot_cycle(personas):
    # Diana is above Marcus who is above Emma: Emma cannot become Diana's manager.
    with pytest.raises(ValidationError, match="cycle"):
        check_manager_line(personas.diana, personas.emma)
    personas.diana.manager = personas.emma
    with pytest.raises(ValidationError):
        personas.diana.full_clean()


def test_roles_are_derived(personas):
    assert personas.emma.roles() == ["employee"]
    assert personas.marcus.roles() == ["employee", "manager"]
    assert "hr" in personas.hannah.roles()
    assert personas.diana.is_above(personas.emma) and not personas.olivia.is_above(personas.emma)


def test_hr_deactivates_a_person_and_keeps_their_records(personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    pete = Person.objects.get(pk=personas.pete.pk)
    assert not pete.active and not pete.user.is_active
    assert AuditEvent.objects.filter(action="person.deactivated", object_id=str(pete.pk)).exists()
    client = personas.client(None)
    assert not client.login(email=pete.user.email, password="correct-horse-battery-staple")


@pytest.mark.parametrize("who", ["emma", "marcus", "diana"])
def test_only_hr_can_deactivate(personas, who):
    with pytest.raises(PermissionDenied):
        set_active(actor=getattr(personas, who).user, person=personas.pete, active=False)
    assert Person.objects.get(pk=personas.pete.pk).active


def test_hr_cannot_deactivate_themself(personas):
    with pytest.raises(PermissionDenied):
        set_active(actor=personas.hannah.user, person=personas.hannah, active=False)


def test_deactivate_view_needs_post_and_hr(personas):
    url = f"/people/{personas.pete.pk}/active/"
    assert personas.client(personas.hannah).get(url).status_code == 405
    assert personas.client(personas.marcus).post(url, {"active": "0"}).status_code == 403
    assert personas.client(personas.hannah).post(url, {"active": "0"}).status_code == 302
    assert not Person.objects.get(pk=personas.pete.pk).active


def test_directory_lists_colleagues_and_hides_private_details(personas):
    oscar = personas.client(personas.oscar)
    assert b"Emma" in oscar.get("/people/").content
    page = oscar.get(f"/people/{personas.emma.pk}/")
    assert page.status_code == 200 and b"Commute" not in page.content
    assert (
        b"Commute" in personas.client(personas.marcus).get(f"/people/{personas.emma.pk}/").content
    )
    assert b"Commute" in personas.client(personas.diana).get(f"/people/{personas.emma.pk}/").content
    assert (
        b"Commute" in personas.client(personas.hannah).get(f"/people/{personas.emma.pk}/").content
    )


def test_directory_search_and_htmx_fragment(personas):
    client = personas.client(personas.emma)
    response = client.get("/people/?q=sales", HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"Olivia" in response.content and b"Marcus" not in response.content


def test_deactivated_people_are_hidden_except_from_hr(personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    assert personas.client(personas.emma).get(f"/people/{personas.pete.pk}/").status_code == 404
    assert personas.client(personas.hannah).get(f"/people/{personas.pete.pk}/").status_code == 200


def test_output_is_escaped(personas):
    personas.oscar.name = '<script>alert("x")</script>'
    personas.oscar.save()
    content = personas.client(personas.emma).get("/people/").content
    assert b'<script>alert("x")</script>' not in content
    assert b"&lt;script&gt;" in content


def test_role_labels_read_naturally(personas):
    assert personas.emma.role_labels() == "Employee"
    assert personas.marcus.role_labels() == "Employee, manager"
    assert personas.hannah.role_labels() == "Employee, HR"


def test_admin_gives_and_takes_away_hr_rights_audited(personas):
    from homeward.people.actions import set_hr

    set_hr(actor=personas.root, person=personas.pete, hr=True)
    assert Person.objects.get(pk=personas.pete.pk).is_hr
    assert personas.client(personas.pete).get("/people/import/").status_code == 200
    set_hr(actor=personas.root, person=personas.pete, hr=False)
    assert not Person.objects.get(pk=personas.pete.pk).is_hr
    actions = list(
        AuditEvent.objects.filter(object_id=str(personas.pete.pk)).values_list("action", flat=True)
    )
    assert actions == ["person.hr_granted", "person.hr_removed"]


@pytest.mark.parametrize("who", ["hannah", "marcus", "pete"])
def test_only_admins_change_hr_rights(personas, who):
    from homeward.people.actions import set_hr

    with pytest.raises(PermissionDenied):
        set_hr(actor=getattr(personas, who).user, person=personas.pete, hr=True)
    assert not Person.objects.get(pk=personas.pete.pk).is_hr


def test_hr_rights_view_is_post_only_and_admin_only(personas):
    url = f"/people/{personas.emma.pk}/hr/"
    admin = personas.client(personas.root)
    assert admin.get(url).status_code == 405
    assert personas.client(personas.hannah).post(url, {"hr": "1"}).status_code == 403
    assert b"Give HR rights" in admin.get(f"/people/{personas.emma.pk}/").content
    assert (
        b"Give HR rights"
        not in personas.client(personas.hannah).get(f"/people/{personas.emma.pk}/").content
    )
    assert admin.post(url, {"hr": "1"}).status_code == 302
    assert Person.objects.get(pk=personas.emma.pk).is_hr
