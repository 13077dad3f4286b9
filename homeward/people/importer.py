"""Import people from the HR system's CSV export: everything or nothing.

The header is fixed (see ``HEADER``). Every bad row is reported with its line number
(the header is line 1); when any row is bad, nothing is written. Importing the same
file again updates people in place, matched by email address.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from homeward.accounts.models import Actor, User
from homeward.audit.actions import record, snapshot
from homeward.people.hooks import reorganised
from homeward.people.models import COMMUTE_MODE_CODES, JURISDICTION_CODES, Office, Person, Team

HEADER = [
    "email",
    "name",
    "manager_email",
    "team",
    "office",
    "jurisdiction",
    "start_date",
    "commute_km",
    "commute_minutes",
    "commute_mode",
]
AUDITED_FIELDS = [
    "name",
    "manager",
    "team",
    "office",
    "jurisdiction",
    "start_date",
    "commute_km",
    "commute_minutes",
    "commute_mode",
]


@dataclass
class Row:
    line: int
    email: str
    name: str
    manager_email: str
    team: str
    office: str
    jurisdiction: str
    start_date: date | None
    commute_km: Decimal
    commute_minutes: int
    commute_mode: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_row(line: int, raw: dict[str, str], errors: list[tuple[int, str]]) -> Row | None:
    values = {k: (raw.get(k) or "").strip() for k in HEADER}
    problems: list[str] = []
    email = values["email"].lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"email {values['email']!r} is not a valid address")
    if not values["name"]:
        problems.append("name is empty")
    jurisdiction = values["jurisdiction"].upper() or "GB"
    if jurisdiction not in JURISDICTION_CODES:
        allowed = ", ".join(sorted(JURISDICTION_CODES))
        problems.append(f"jurisdiction {values['jurisdiction']!r} is not one of {allowed}")
    start: date | None = None
    if values["start_date"]:
        try:
            start = date.fromisoformat(values["start_date"])
        except ValueError:
            problems.append(f"start_date {values['start_date']!r} is not a date (YYYY-MM-DD)")
    km = Decimal(0)
    try:
        km = Decimal(values["commute_km"] or "0")
        if not km.is_finite() or km < 0:
            problems.append("commute_km cannot be negative")
    except InvalidOperation:
        problems.append(f"commute_km {values['commute_km']!r} is not a number")
    minutes = 0
    try:
        minutes = int(values["commute_minutes"] or "0")
        if minutes < 0:
            problems.append("commute_minutes cannot be negative")
    except ValueError:
        problems.append(f"commute_minutes {values['commute_minutes']!r} is not a whole number")
    mode = values["commute_mode"].lower() or "car"
    if mode not in COMMUTE_MODE_CODES:
        problems.append(
            f"commute_mode {values['commute_mode']!r} is not one of {', '.join(sorted(COMMUTE_MODE_CODES))}"
        )
    if email and values["manager_email"].lower() == email:
        problems.append("a person cannot be their own manager")
    for p in problems:
        errors.append((line, p))
    if problems:
        return None
    return Row(
        line=line,
        email=email,
        name=values["name"],
        manager_email=values["manager_email"].lower(),
        team=values["team"],
        office=values["office"],
        jurisdiction=jurisdiction,
        start_date=start,
        commute_km=km,
        commute_minutes=minutes,
        commute_mode=mode,
    )


def parse(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    """Rows and errors; the errors name the line and the reason."""
    errors: list[tuple[int, str]] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if header != HEADER:
        return [], [(1, f"the header must be exactly: {','.join(HEADER)}")]
    reader.fieldnames = header
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line_no, raw in enumerate(reader, start=2):
        if None in raw:
            errors.append((line_no, "has more columns than the header"))
            continue
        row = _parse_row(line_no, raw, errors)
        if row is None:
            continue
        if row.email in seen:
            errors.append((line_no, f"{row.email} already appears on line {seen[row.email]}"))
            continue
        seen[row.email] = line_no
        rows.append(row)
    return rows, errors


def _check_managers(rows: list[Row], errors: list[tuple[int, str]]) -> None:
    """Managers must exist (in the file or already) and the resulting line must have no cycle."""
    in_file = {r.email: r for r in rows}
    existing = {
        p.user.email: (p.manager.user.email if p.manager else "")
        for p in Person.objects.select_related("user", "manager__user")
    }
    line_of: dict[str, str] = dict(existing)
    for r in rows:
        line_of[r.email] = r.manager_email
    for r in rows:
        if r.manager_email and r.manager_email not in in_file and r.manager_email not in existing:
            errors.append((r.line, f"manager {r.manager_email} is neither in the file nor known"))
            continue
        seen = {r.email}
        current = r.manager_email
        while current:
            if current in seen:
                errors.append((r.line, f"the manager line of {r.email} goes round in a cycle"))
                break
            seen.add(current)
            current = line_of.get(current, "")


def import_people(text: str, *, actor: Actor | None) -> ImportResult:
    """Validate the whole file, then write it in one transaction, or write nothing."""
    rows, errors = parse(text)
    if not errors:
        _check_managers(rows, errors)
    if errors:
        return ImportResult(errors=sorted(errors))
    result = ImportResult()
    moved_lines = False
    with transaction.atomic():
        people = {r.email: _upsert(r, actor, result) for r in rows}
        for r in rows:
            person = people[r.email]
            manager = people.get(r.manager_email) or (
                Person.objects.get(user__email=r.manager_email) if r.manager_email else None
            )
            if person.manager_id != (manager.pk if manager else None):
                before = snapshot(person, ["manager"])
                person.manager = manager
                person.save(update_fields=["manager"])
                record(
                    actor=actor,
                    action="person.manager_changed",
                    obj=person,
                    before=before,
                    after=snapshot(person, ["manager"]),
                )
                moved_lines = True
        if moved_lines:
            reorganised(actor=actor)
    return result


def _upsert(r: Row, actor: Actor | None, result: ImportResult) -> Person:
    team = Team.objects.get_or_create(name=r.team)[0] if r.team else None
    office = Office.objects.get_or_create(name=r.office)[0] if r.office else None
    user = User.objects.filter(email=r.email).first()
    if user is None:
        user = User.objects.create_user(r.email)
    person = Person.objects.filter(user=user).first()
    values = {
        "name": r.name,
        "team": team,
        "office": office,
        "jurisdiction": r.jurisdiction,
        "start_date": r.start_date,
        "commute_km": r.commute_km,
        "commute_minutes": r.commute_minutes,
        "commute_mode": r.commute_mode,
    }
    if person is None:
        person = Person.objects.create(user=user, **values)
        result.created += 1
        record(
            actor=actor,
            action="person.imported",
            obj=person,
            after=snapshot(person, AUDITED_FIELDS),
        )
        return person
    before = snapshot(person, AUDITED_FIELDS)
    for k, v in values.items():
        setattr(person, k, v)
    person.save()
    after = snapshot(person, AUDITED_FIELDS)
    if after != before:
        result.updated += 1
        record(
            actor=actor, action="person.updated_by_import", obj=person, before=before, after=after
        )
    return person
