from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from homeward.notify.actions import mark_read
from homeward.notify.models import Notification
from homeward.people.access import person_of
from homeward.people.models import Person

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    subject: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class MarkedOut(Schema):
    marked_read: int


def _me(request: HttpRequest) -> Person:
    me = person_of(request.user)
    if me is None:
        raise PermissionDenied("This account has no employee record.")
    return me


@router.get("/notifications", response=list[NotificationOut])
def list_notifications(request: HttpRequest, unread: bool = False) -> list[Notification]:
    """The caller's own notifications, newest first (at most 100); `unread=true` for unread."""
    qs = Notification.objects.filter(recipient=_me(request))
    return list((qs.unread() if unread else qs)[:100])


@router.post("/notifications/read", response=MarkedOut)
def read_notifications(request: HttpRequest, notification_id: int | None = None) -> dict[str, int]:
    """Mark one of the caller's notifications read, or all of them without an id."""
    return {"marked_read": mark_read(recipient=_me(request), notification_id=notification_id)}
