"""Journeys: single sign-on through a real OpenID Connect provider (django-oauth-toolkit,
in its own process on 127.0.0.1), in the browser."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD
from homeward.accounts.backends import PASSWORD_BACKEND
from homeward.accounts.models import SsoRefusal, User
from homeward.audit.models import AuditEvent
from tests.browser.conftest import shot
from tests.oidc_provider.fixture import oidc_provider, sso  # noqa: F401 - fixtures

SSO_BUTTON = "Sign in with the test provider"


def sign_in_at_provider(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Provider user name").fill(username)
    page.get_by_label("Provider password").fill(password)
    page.get_by_role("button", name="Sign in at the provider").click()


def start_sso(page, provider) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_role("link", name=SSO_BUTTON).click()
    page.wait_for_url(f"{provider.url}/login/**")


def test_employee_signs_in_through_the_provider_and_reaches_her_home(page, personas, sso):
    start_sso(page, sso)
    sign_in_at_provider(page, "emma", sso.password)
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Emma"
    assert AuditEvent.objects.filter(action="sso.signed_in", actor=personas.emma.user).exists()
    shot(page, "sso-home")
