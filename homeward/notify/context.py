from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from homeward.people.access import person_of


def unread(request: HttpRequest) -> dict[str, Any]:
    person = person_of(getattr(request, "user", None) or AnonymousUser())
    if person is None:
        return {"unread_count": 0}
    return {"unread_count": person.notifications.filter(read_at__isnull=True).count()}
