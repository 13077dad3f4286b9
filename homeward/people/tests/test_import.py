from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.audit.models import AuditEvent
from homeward.people.importer import HEADER, import_people
from homeward.people.models import Office, Person, Team

H = ",".join(HEADER)
GOOD = f"""{H}
ana@x.test,Ana Report,bo@x.test,Support,Leeds,GB,2021-03-01,12.5,30,rail
bo@x.test,Bo Boss,,Support,Leeds,GB,2019-01-01,3,10,cycle
cy@x.test,Cy Dublin,bo@x.test,Sales,Dublin,IE,,0,0,walk
"""


def test_import_creates_people_teams_offices_and_managers_listed_later(db):
    result = import_people(GOOD, actor=None)
    assert result.ok, result.errors
    assert result.created == 3
    ana = Person.objects.get(user__email="ana@x.test")
    assert ana.manager is not None and ana.manager.name == "Bo Boss"
    assert ana.office.name == "Leeds" and ana.team.name == "Support"
    assert float(ana.commute_km) == 12.5 and ana.commute_mode == "rail"
    assert set(Office.objects.values_list("name", flat=True)) == {"Leeds", "Dublin"}
    assert set(Team.objects.values_list("name", flat=True)) == {"Support", "Sales"}
    assert AuditEvent.objects.filter(action="person.imported").count() == 3


def test_one_bad_row_changes_nothing_and_names_the_line(db):
    bad = GOOD + "dee@x.test,Dee,,Support,Leeds,GB,2020-01-01,-4,10,car\n"
    result = import_people(bad, actor=None)
    assert not result.ok
    assert result.errors == [(5, "commute_km cannot be negative")]
    assert Person.objects.count() == 0 and Office.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("not-an-email,X,,T,O,GB,,0,0,car", "is not a valid address"),
        ("x@x.test,,,T,O,GB,,0,0,car", "name is empty"),
        ("x@x.test,X,,T,O,FR,,0,0,car", "jurisdiction 'FR' is not one of"),
        ("x@x.test,X,,T,O,GB,31/12/2020,0,0,car", "is not a date"),
        ("x@x.test,X,,T,O,GB,,abc,0,car", "is not a number"),
        ("x@x.test,X,,T,O,GB,,1,-5,car", "commute_minutes cannot be negative"),
        ("x@x.test,X,,T,O,GB,,1,5,rocket", "commute_mode 'rocket'"),
        ("x@x.test,X,x@x.test,T,O,GB,,1,5,car", "cannot be their own manager"),
        ("x@x.test,X,ghost@x.test,T,O,GB,,1,5,car", "neither in the file nor known"),
        ("ana@x.test,Dup,,T,O,GB,,1,5,car", "already appears on line 2"),
        ("x@x.test,X,,T,O,GB,,1,5,car,extra", "more columns than the header"),
    ],
)
def test_each_kind_of_bad_row_is_reported(db, row, reason):
    result = import_people(f"{H}\nana@x.test,Ana,,T,O,GB,,0,0,car\n{row}\n", actor=None)
    assert not result.ok
    assert any(line == 3 and reason in msg for line, msg in result.errors), result.errors
    assert Person.objects.count() == 0


def test_wrong_header_is_refused(db):
    result = import_people("email,name\nx@x.test,X\n", actor=None)
    assert result.errors[0][0] == 1 and "header" in result.errors[0][1]


def test_cycle_in_the_file_is_refused(db):
    text = f"{H}\na@x.test,A,b@x.test,T,O,GB,,0,0,car\nb@x.test,B,a@x.test,T,O,GB,,0,0,car\n"
    result = import_people(text, actor=None)
    assert {line for line, _ in result.errors} == {2, 3}
    assert all("cycle" in msg for _, msg in result.errors)


def test_cycle_through_existing_people_is_refused(db):
    assert import_people(GOOD, actor=None).ok
    # Bo already manages Ana; making Ana Bo's manager closes a loop.
    text = f"{H}\nbo@x.test,Bo Boss,ana@x.test,Support,Leeds,GB,2019-01-01,3,10,cycle\n"
    result = import_people(text, actor=None)
    assert result.errors and "cycle" in result.errors[0][1]
    assert Person.objects.get(user__email="bo@x.test").manager is None


def test_reimport_updates_in_place_and_is_idempotent(db):
    assert import_people(GOOD, actor=None).ok
    changed = GOOD.replace("Ana Report", "Ana Renamed")
    result = import_people(changed, actor=None)
    assert (result.created, result.updated) == (0, 1)
    assert Person.objects.get(user__email="ana@x.test").name == "Ana Renamed"
    again = import_people(changed, actor=None)
    assert (again.created, again.updated) == (0, 0)
    assert Person.objects.count() == 3


def test_command_reports_rows_and_fails(db, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD + "bad,,,,,,,,,\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_people", str(path))
    assert "line 5" in capsys.readouterr().err
    assert Person.objects.count() == 0
    path.write_text(GOOD)
    call_command("import_people", str(path))
    assert Person.objects.count() == 3


def test_import_page_is_hr_only_and_all_or_nothing(personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(text: str) -> SimpleUploadedFile:
        return SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")

    assert personas.client(personas.emma).get("/people/import/").status_code == 403
    hr = personas.client(personas.hannah)
    before = Person.objects.count()
    bad = GOOD + "dee@x.test,Dee,,Support,Leeds,GB,2020-01-01,-4,10,car\n"
    response = hr.post("/people/import/", {"file": upload(bad)})
    assert response.status_code == 400
    assert (
        b"Nothing was imported" in response.content
        and b"commute_km cannot be negative" in response.content
    )
    assert Person.objects.count() == before
    response = hr.post("/people/import/", {"file": upload(GOOD)})
    assert response.status_code == 302
    assert Person.objects.count() == before + 3
