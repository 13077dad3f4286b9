from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from homeward.people.access import can_see_details, get_person_for, visible_people
from homeward.people.actions import OFFICE_FIELDS, update_office
from homeward.people.models import Office, Person, Team

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    name: str
    email: str
    team: str | None
    office: str | None
    manager_id: int | None
    active: bool


class PersonDetailOut(PersonOut):
    roles: list[str] | None = None
    jurisdiction: str | None = None
    start_date: date | None = None
    commute_km: float | None = None
    commute_minutes: int | None = None
    commute_mode: str | None = None


class TeamOut(Schema):
    id: int
    name: str
    parent_id: int | None
    members: int


def _basic(p: Person) -> dict[str, object]:
    return {
        "id": p.pk,
        "name": p.name,
        "email": p.user.email,
        "team": p.team.name if p.team else None,
        "office": p.office.name if p.office else None,
        "manager_id": p.manager_id,
        "active": p.active,
    }


@router.get("/people", response=list[PersonOut])
def list_people(
    request: HttpRequest, q: str = "", limit: int = 100, offset: int = 0
) -> list[dict[str, object]]:
    """People the caller may see (the directory), oldest first; `limit` at most 500."""
    qs = visible_people(request.user).order_by("pk")
    if q:
        qs = qs.filter(name__icontains=q)
    limit = max(1, min(limit, 500))
    return [_basic(p) for p in qs[offset : offset + limit]]


@router.get("/people/{person_id}", response=PersonDetailOut)
def get_person(request: HttpRequest, person_id: int) -> dict[str, object]:
    """One person; private details only for the person, their manager line and HR."""
    p = get_person_for(request.user, person_id)
    out = _basic(p)
    if can_see_details(request.user, p):
        out.update(
            roles=p.roles(),
            jurisdiction=p.jurisdiction,
            start_date=p.start_date,
            commute_km=float(p.commute_km),
            commute_minutes=p.commute_minutes,
            commute_mode=p.commute_mode,
        )
    return out


@router.get("/teams", response=list[TeamOut])
def list_teams(request: HttpRequest) -> list[dict[str, object]]:
    """All teams, with their count of active members, for any signed-in person."""
    teams = Team.objects.annotate(n=Count("members", filter=Q(members__active=True)))
    return [{"id": t.pk, "name": t.name, "parent_id": t.parent_id, "members": t.n} for t in teams]


class OfficeOut(Schema):
    id: int
    name: str
    desk_capacity: int
    timezone: str
    holiday_country: str
    holiday_subdiv: str
    people: int


class OfficePatch(Schema):
    name: str | None = None
    desk_capacity: int | None = None
    timezone: str | None = None
    holiday_country: str | None = None
    holiday_subdiv: str | None = None


def _office(o: Office, people: int) -> dict[str, object]:
    return {**{f: getattr(o, f) for f in OFFICE_FIELDS}, "id": o.pk, "people": people}


@router.get("/offices", response=list[OfficeOut])
def list_offices(request: HttpRequest) -> list[dict[str, object]]:
    """All offices with desks, time zone, holiday region and active headcount."""
    offices = Office.objects.annotate(n=Count("people", filter=Q(people__active=True)))
    return [_office(o, o.n) for o in offices.order_by("name")]


@router.patch("/offices/{office_id}", response=OfficeOut)
def patch_office(request: HttpRequest, office_id: int, body: OfficePatch) -> dict[str, object]:
    """Change an office (HR and administrators): 422 names each bad field."""
    office = get_object_or_404(Office, pk=office_id)
    values = {k: v for k, v in body.dict().items() if v is not None}
    office = update_office(actor=request.user, office=office, values=values)
    return _office(office, office.people.filter(active=True).count())
