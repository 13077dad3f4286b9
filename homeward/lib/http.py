"""Small helpers shared by the web views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from homeward.people.access import person_of
from homeward.people.models import Person


def require_person(request: HttpRequest) -> Person:
    """The active person behind the request; accounts without one (e.g. a bare admin) get 403."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied("This account has no employee record.")
    return person


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
