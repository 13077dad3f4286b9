"""Mail through a real SMTP server on 127.0.0.1, with Django's SMTP backend."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.test import Client

from homeward.notify.actions import no_email, notify
from homeward.notify.models import Notification


class Inbox:
    """An aiosmtpd handler that keeps every message it is sent."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[Message]:
        return [message_from_bytes(e.original_content or b"") for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def body_of(message: Message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    return "".join(
        part.get_payload(decode=True).decode()
        for part in parts
        if part.get_content_type() == "text/plain"
    )


def test_password_reset_arrives_by_smtp_with_a_working_link(smtp, personas):
    response = Client().post("/accounts/password-reset/", {"email": "emma@example.test"})
    assert response.status_code == 302
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert envelope.rcpt_tos == ["emma@example.test"]
    message = smtp.messages()[0]
    assert message["Subject"] == "Reset your Homeward password"
    assert message["To"] == "emma@example.test"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body_of(message))
    assert link, body_of(message)
    page = Client().get(link.group(1), follow=True)
    assert b"Choose a new password" in page.content


def test_notification_is_mailed_by_smtp_once_the_transaction_commits(
    smtp, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        note = notify(
            recipient=personas.marcus,
            subject="Emma asked to work from home on Fridays",
            body="Please look at her proposal.",
            url="/proposals/1/",
            html="<p>Please look at her proposal.</p>",
        )
        assert smtp.envelopes == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert Notification.objects.get(pk=note.pk).recipient == personas.marcus
    assert len(smtp.envelopes) == 1 and smtp.envelopes[0].rcpt_tos == ["marcus@example.test"]
    message = smtp.messages()[0]
    assert message["Subject"] == "Emma asked to work from home on Fridays"
    text = body_of(message)
    assert "Please look at her proposal." in text
    assert "http://127.0.0.1:8000/proposals/1/" in text
    assert any(part.get_content_type() == "text/html" for part in message.walk())


def test_a_mail_server_that_is_down_never_undoes_the_notification(
    settings, personas, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(recipient=personas.emma, subject="Hello", body="x")
    assert Notification.objects.filter(pk=note.pk).exists()
    assert "Could not send email to ['emma@example.test']" in caplog.text


def test_no_mail_for_a_deactivated_person_when_asked_not_to_or_in_a_no_email_block(
    smtp, personas, django_capture_on_commit_callbacks
):
    from homeward.people.actions import set_active

    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    personas.pete.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=personas.pete, subject="Gone", body="x")
        notify(recipient=personas.emma, subject="In-app only", body="x", email=False)
        with no_email():
            notify(recipient=personas.emma, subject="Demo history", body="x")
    assert smtp.envelopes == []
    assert Notification.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=personas.emma, subject="After the block", body="x")
    assert len(smtp.envelopes) == 1
