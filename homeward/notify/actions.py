"""Telling people things: a notification in the app and an email through Django's mail."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import engines
from django.utils import timezone

from homeward.notify.models import Notification
from homeward.people.models import Person

log = logging.getLogger(__name__)
# Notice templates render as plain text (see render_notice).
_TEXT = engines["django"].from_string("{% autoescape off %}{% include notice %}{% endautoescape %}")
_no_email: ContextVar[bool] = ContextVar("homeward_no_email", default=False)


@contextmanager
def no_email() -> Iterator[None]:
    """Notifications inside this block are stored but never emailed (e.g. the demo's history,
    whose addresses are made up)."""
    token = _no_email.set(True)
    try:
        yield
    finally:
        _no_email.reset(token)


def absolute(url: str) -> str:
    return url if url.startswith("http") else settings.SITE_URL + url


SUBJECT_MAX = 200  # the column's length


def one_line(subject: str) -> str:
    """A subject as one line that fits its column: line breaks (which would make an
    email header invalid) become spaces, and a long subject is cut with an ellipsis."""
    flat = " ".join(subject.split())
    return flat if len(flat) <= SUBJECT_MAX else flat[: SUBJECT_MAX - 1].rstrip() + "…"


def notify(
    *,
    recipient: Person,
    subject: str,
    body: str,
    url: str = "",
    html: str | None = None,
    email: bool = True,
) -> Notification:
    """Store a notification and, once the transaction commits, email it.

    Email is sent after commit so that a rolled-back action never mails anyone; a mail
    failure is logged and never undoes the action (the notification is still in the app).
    """
    subject = one_line(subject)
    note = Notification.objects.create(recipient=recipient, subject=subject, body=body, url=url)
    if email and not _no_email.get() and recipient.active and recipient.user.email:
        message = EmailMultiAlternatives(
            subject=subject,
            body=body + (f"\n\n{absolute(url)}" if url else ""),
            to=[recipient.user.email],
        )
        if html:
            message.attach_alternative(html, "text/html")
        transaction.on_commit(lambda: _send(message))
    return note


def render_notice(template: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """The subject and body a notice template gives: a plain-text template whose first line
    is the subject and whose body follows one blank line (the file's last newline is not
    part of it). Nothing is HTML-escaped: these are emails and notifications, not pages;
    the app escapes them where it shows them."""
    text = _TEXT.render({"notice": template, **context})
    subject, _blank, body = text.split("\n", 2)
    return subject, body[:-1] if body.endswith("\n") else body


def notify_from(
    template: str,
    *,
    recipient: Person,
    context: Mapping[str, Any],
    url: str = "",
    email: bool = True,
) -> Notification:
    """``notify`` with the wording of a notice template (see ``render_notice``)."""
    subject, body = render_notice(template, context)
    return notify(recipient=recipient, subject=subject, body=body, url=url, email=email)


def _send(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except (OSError, ValueError):
        # OSError: the mail server is unreachable; ValueError: a header Django refuses
        # (BadHeaderError). Either way the action stands and the app notification remains.
        log.exception("Could not send email to %s", message.to)


def mark_read(*, recipient: Person, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, all) of the recipient's notifications read."""
    qs = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
