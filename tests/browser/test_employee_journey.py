"""Journey: an employee checks her readiness, builds a one-day trial proposal, reads the
letter and sends it; the manager's inbox (a real SMTP server on 127.0.0.1) holds the email
with the link, and the manager finds the proposal on his home page.

Screenshots of each step go to docs/screenshots/employee-*.png (see docs/employee.md).
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from conftest import PASSWORD
from homeward.coach.readiness import QUESTIONS
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.models import Proposal, Status
from tests.browser.conftest import login, shot
from tests.today import now, today


class Inbox:
    """An aiosmtpd handler that keeps every message it is sent."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def for_address(self, address: str, *, wait: float = 5.0) -> list[Message]:
        deadline = time.monotonic() + wait
        while True:
            found = [
                message_from_bytes(e.original_content or b"")
                for e in self.envelopes
                if address in e.rcpt_tos
            ]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings, live_server) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = live_server.url
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def policy(personas) -> PolicyVersion:  # type: ignore[no-untyped-def]
    return PolicyVersion.objects.create(
        policy=Policy.objects.create(name="Home working policy"),
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        max_home_days_per_week=2,
        default_trial_weeks=12,
        answers={"internet_cost": "You use your own broadband; the company pays £20 a month."},
    )


def part(message: Message, mime: str) -> str:
    for p in message.walk():
        if p.get_content_type() == mime:
            payload = p.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode()
    return ""


def test_employee_checks_readiness_builds_a_trial_and_sends_it_to_her_manager(
    page, live_server, smtp, personas, policy
):  # type: ignore[no-untyped-def]
    login(page, personas.emma.user.email, PASSWORD)
    assert page.get_by_role("link", name="Check your readiness").is_visible()

    # 1. The readiness check: strong answers, but a connection that sometimes drops.
    page.get_by_role("link", name="Check your readiness").click()
    page.wait_for_url("**/coach/readiness/")
    for q in QUESTIONS:
        value = "patchy" if q.key == "connectivity" else q.choices[-1].value
        page.locator(f"#q-{q.key} input[value='{value}']").check()
    shot(page, "employee-1-readiness")
    page.get_by_role("button", name="See my result").click()
    page.wait_for_url(re.compile(r".*/coach/readiness/\d+/$"))
    assert page.get_by_role("heading", name="Recommendation: Ask now").is_visible()
    assert page.get_by_text("Test your connection with a video call").is_visible()
    shot(page, "employee-2-readiness-result")

    # 2. The proposal builder, starting from the suggested small step.
    page.get_by_role("link", name="Start a proposal with this check attached").click()
    page.wait_for_url("**/proposals/new/*")
    assert page.get_by_label("Wednesday").first.is_checked()
    preview = page.locator("#preview")
    assert "every Wednesday" in preview.inner_text()
    # Asking for two days at once: the live preview (htmx) says why one is likelier.
    page.locator("#id_weekdays_0").check()
    preview.get_by_text("A big first step").wait_for()
    shot(page, "employee-3-pattern-warning")
    page.locator("#id_weekdays_0").uncheck()
    preview.get_by_text("A small first step").wait_for()
    shot(page, "employee-3-pattern")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/proposals/\d+/edit/dates/$"))
    proposal = Proposal.objects.get(employee=personas.emma)
    assert proposal.readiness is not None

    start = today() + timedelta(days=14)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Trial length in weeks").fill("12")
    preview.get_by_text("Decision due").wait_for()
    shot(page, "employee-4-dates")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/commitments/")

    assert page.get_by_label("Core hours you will keep").input_value() == "10:00-16:00"
    page.get_by_label("If your internet or power fails").fill(
        "Switch to my phone's hotspot and come in if it lasts over an hour."
    )
    shot(page, "employee-5-commitments")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/edit/benefits/")

    assert "Emission factor" in preview.inner_text()
    page.get_by_label("Other benefits, one per line").fill("Fewer interruptions for report writing")
    shot(page, "employee-6-benefits")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/letter/")

    # 3. The letter, in another tone (htmx), then sent through Homeward.
    assert "Request to work from home: every Wednesday" in page.locator("#letter").inner_text()
    page.get_by_role("link", name="Warm").click()
    page.locator("#letter .letter-body").get_by_text("Hi Marcus,").wait_for()
    assert page.url.endswith("?tone=warm")
    assert page.get_by_role("button", name="Copy to clipboard").is_visible()
    shot(page, "employee-7-letter")
    page.get_by_role("button", name="Send through Homeward").click()
    page.wait_for_url(f"**/proposals/{proposal.pk}/")
    assert page.get_by_text("Sent to Marcus").first.is_visible()
    shot(page, "employee-8-timeline")

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.decider == personas.marcus

    # 4. Marcus's inbox holds the letter with the link to the proposal.
    messages = smtp.for_address(personas.marcus.user.email)
    assert len(messages) == 1
    message = messages[0]
    assert message["Subject"] == "Could I try working from home every Wednesday?"
    link = f"{live_server.url}/proposals/{proposal.pk}/"
    assert link in part(message, "text/plain")
    html = part(message, "text/html")
    assert f'href="{link}"' in html
    assert "Hi Marcus," in html and "every Wednesday" in html  # the letter itself, sanitised
    page.set_content(html)
    shot(page, "employee-9-manager-email")

    # 5. Marcus signs in and finds it waiting on his home page.
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    login(page, personas.marcus.user.email, PASSWORD)
    panel = page.locator("section", has=page.get_by_role("heading", name="Awaiting your decision"))
    panel.get_by_role("link", name="Emma: Working from home every Wednesday").wait_for()
    shot(page, "employee-10-manager-home")
    page.goto(link)
    assert page.get_by_text("From Emma").is_visible()
