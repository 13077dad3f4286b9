from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from homeward.people.access import is_admin, is_hr, person_of


def roles(request: HttpRequest) -> dict[str, Any]:
    """Navigation needs to know who is looking."""
    user = getattr(request, "user", None) or AnonymousUser()
    person = person_of(user)
    return {
        "me": person,
        "is_manager": bool(person and person.is_manager),
        "is_hr": is_hr(user),
        "is_admin": is_admin(user),
    }
