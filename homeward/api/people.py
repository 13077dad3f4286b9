from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from homeward.people.access import can_see_details, get_person_for, visible_people
from homeward.people.actions import update_office
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

    @staticmethod
    def resolve_email(p: Person) -> str:
        return p.user.email

    @staticmethod
    def resolve_team(p: Person) -> str | None:
        return p.team.name if p.team else None

    @staticmethod
    def resolve_office(p: Person) -> str | None:
        return p.office.name if p.office else None


def _private(p: Person, context: dict[str, Any]) -> bool:
    return can_see_details(context["request"].user, p)


class PersonDetailOut(PersonOut):
    """Private details (null unless the caller is the person, their manager line or HR)."""

    roles: list[str] | None = None
    jurisdiction: str | None = None
    start_date: date | None = None
    commute_km: float | None = None
    commute_minutes: int | None = None
    commute_mode: str | None = None

    @staticmethod
    def resolve_roles(p: Person, context: dict[str, Any]) -> list[str] | None:
        return p.roles() if _private(p, context) else None

    @staticmethod
    def resolve_jurisdiction(p: Person, context: dict[str, Any]) -> str | None:
        return p.jurisdiction if _private(p, context) else None

    @staticmethod
    def resolve_start_date(p: Person, context: dict[str, Any]) -> date | None:
        return p.start_date if _private(p, context) else None

    @staticmethod
    def resolve_commute_km(p: Person, context: dict[str, Any]) -> float | None:
        return float(p.commute_km) if _private(p, context) else None

    @staticmethod
    def resolve_commute_minutes(p: Person, context: dict[str, Any]) -> int | None:
        return p.commute_minutes if _private(p, context) else None

    @staticmethod
    def resolve_commute_mode(p: Person, context: dict[str, Any]) -> str | None:
        return p.commute_mode if _private(p, context) else None


class TeamOut(Schema):
    id: int
    name: str
    parent_id: int | None
    members: int

    @staticmethod
    def resolve_members(t: Team) -> int:
        return t.n  # type: ignore[attr-defined]  # the list's annotation


@router.get("/people", response=list[PersonOut])
def list_people(request: HttpRequest, q: str = "", limit: int = 100, offset: int = 0) -> Any:
    """People the caller may see (the directory), oldest first; `limit` at most 500."""
    qs = visible_people(request.user).order_by("pk")
    if q:
        qs = qs.filter(name__icontains=q)
    limit = max(1, min(limit, 500))
    return list(qs[offset : offset + limit])


@router.get("/people/{person_id}", response=PersonDetailOut)
def get_person(request: HttpRequest, person_id: int) -> Any:
    """One person; private details only for the person, their manager line and HR."""
    return get_person_for(request.user, person_id)


@router.get("/teams", response=list[TeamOut])
def list_teams(request: HttpRequest) -> Any:
    """All teams, with their count of active members, for any signed-in person."""
    return list(Team.objects.annotate(n=Count("members", filter=Q(members__active=True))))


class OfficeOut(Schema):
    id: int
    name: str
    desk_capacity: int
    timezone: str
    holiday_country: str
    holiday_subdiv: str
    people: int

    @staticmethod
    def resolve_people(o: Office) -> int:
        """Active headcount: the list's annotation, else counted."""
        return getattr(o, "n", None) or o.people.filter(active=True).count()


class OfficePatch(Schema):
    name: str | None = None
    desk_capacity: int | None = None
    timezone: str | None = None
    holiday_country: str | None = None
    holiday_subdiv: str | None = None


@router.get("/offices", response=list[OfficeOut])
def list_offices(request: HttpRequest) -> Any:
    """All offices with desks, time zone, holiday region and active headcount."""
    offices = Office.objects.annotate(n=Count("people", filter=Q(people__active=True)))
    return list(offices.order_by("name"))


@router.patch("/offices/{office_id}", response=OfficeOut)
def patch_office(request: HttpRequest, office_id: int, body: OfficePatch) -> Any:
    """Change an office (HR and administrators): 422 names each bad field."""
    office = get_object_or_404(Office, pk=office_id)
    values = {k: v for k, v in body.dict().items() if v is not None}
    return update_office(actor=request.user, office=office, values=values)
