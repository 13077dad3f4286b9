"""Journeys: single sign-on through a real OpenID Connect provider (django-oauth-toolkit,
in its own process on 127.0.0.1; see tests/oidc_provider), in the browser."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session

from conftest import PASSWORD
from homeward.accounts.models import SsoRefusal, User
from homeward.accounts.reauth import FRESH_AT
from homeward.audit.models import AuditEvent
from tests.browser.conftest import shot
from tests.oidc_provider.clock import set_clock
from tests.today import now

SSO_BUTTON = "Sign in with the test provider"
HOME = re.compile(r"/$")


def at_provider_sign_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Provider user name").fill(username)
    page.get_by_label("Provider password").fill(password)
    page.get_by_role("button", name="Sign in at the provider").click()


def sso_sign_in(page, provider, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_role("link", name=SSO_BUTTON).click()
    page.wait_for_url(f"{provider.url}/login/**")
    at_provider_sign_in(page, username, provider.password)


def refusal_text(page) -> str:  # type: ignore[no-untyped-def]
    page.wait_for_url("**/accounts/login/")
    return page.locator(".sso-refusal").inner_text()


def session_of(page) -> dict:  # type: ignore[no-untyped-def]
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    return Session.objects.get(session_key=cookie["value"]).get_decoded()


def test_employee_signs_in_through_the_provider_and_reaches_her_home(page, personas, sso):
    sso_sign_in(page, sso, "emma")
    page.wait_for_url(HOME)
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Emma"
    assert AuditEvent.objects.filter(action="sso.signed_in", actor=personas.emma.user).exists()
    shot(page, "sso-home")


def test_with_local_passwords_off_a_password_sign_in_is_refused(page, personas, sso, settings):
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_EMAIL = "root@example.test"
    page.goto("/accounts/login/")
    assert page.get_by_role("link", name=SSO_BUTTON).is_visible()
    assert page.get_by_label("Password").count() == 0  # no password form
    shot(page, "sso-sign-in")
    # The emergency form is there for the break-glass administrator, and only for him.
    page.get_by_role("link", name="Emergency administrator sign-in").click()
    page.get_by_label("Email address").fill("emma@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert").get_by_text("Signing in with a password is turned off")
    assert alert.is_visible()
    assert page.get_by_role("button", name="Sign out").count() == 0  # not signed in
    page.get_by_label("Email address").fill("root@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(HOME)
    assert page.locator(".account").get_by_text("root@example.test").is_visible()


def test_an_unverified_email_is_refused_and_audited(page, personas, sso):
    sso_sign_in(page, sso, "oscar")  # oscar@example.test is in Homeward, but not verified
    assert "has not verified your email address" in refusal_text(page)
    refusal = SsoRefusal.objects.get()
    assert (refusal.reason, refusal.email, refusal.issuer) == (
        "unverified_email",
        "oscar@example.test",
        sso.issuer,
    )
    assert AuditEvent.objects.filter(action="sso.refused", object_id=str(refusal.pk)).exists()
    assert page.get_by_role("link", name=SSO_BUTTON).is_visible()  # not signed in
    shot(page, "sso-refused")


def test_an_unknown_email_is_refused_and_no_account_is_created(page, personas, sso):
    users = User.objects.count()
    sso_sign_in(page, sso, "stranger")
    assert "Nobody with your email address is in Homeward" in refusal_text(page)
    assert User.objects.count() == users
    assert SsoRefusal.objects.get().reason == "unknown_email"


def test_an_unknown_email_gets_an_account_when_the_administrator_allows_it(
    page, personas, sso, settings
):
    settings.OIDC_CREATE_USER = True
    sso_sign_in(page, sso, "stranger")
    page.wait_for_url(HOME)
    stranger = User.objects.get(email="stranger@example.test")
    assert not stranger.has_usable_password() and not hasattr(stranger, "person")
    assert AuditEvent.objects.filter(action="account.created_by_sso", actor=stranger).exists()


@pytest.mark.parametrize(
    ("wrong", "reason", "words"),
    [
        ("issuer", "wrong_issuer", "different identity provider"),
        ("clock", "clock_skew", "clocks of Homeward's server and the provider disagree"),
    ],
)
def test_a_token_from_the_wrong_issuer_or_a_skewed_clock_is_refused(
    page, personas, sso, settings, wrong, reason, words
):
    if wrong == "issuer":
        settings.OIDC_ISSUER = sso.issuer + "/other"
    else:
        set_clock(sso.clock, ahead_seconds=settings.OIDC_LEEWAY_SECONDS + 300)
    sso_sign_in(page, sso, "emma")
    assert words in refusal_text(page)
    assert SsoRefusal.objects.get().reason == reason
    assert not AuditEvent.objects.filter(action="sso.signed_in").exists()


def test_sign_out_ends_the_homeward_session_and_the_providers(page, personas, sso):
    sso_sign_in(page, sso, "emma")
    page.wait_for_url(HOME)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("link", name=SSO_BUTTON).is_visible()
    page.goto("/")
    page.wait_for_url("**/accounts/login/?next=/")
    # Signed out at the provider too: it asks for the password again.
    page.get_by_role("link", name=SSO_BUTTON).click()
    page.wait_for_url(f"{sso.url}/login/**")
    assert page.get_by_label("Provider password").is_visible()


def test_reauthentication_signs_in_afresh_at_the_provider(page, personas, sso):
    sso_sign_in(page, sso, "emma")
    page.wait_for_url(HOME)
    signed_in_at = session_of(page)[FRESH_AT]
    # The provider still has a session, yet prompt=login makes it ask for the password.
    page.goto("/accounts/reauth/?next=/accounts/profile/")
    page.wait_for_url(f"{sso.url}/login/**")
    assert "prompt" not in page.url  # the provider consumed prompt=login
    at_provider_sign_in(page, "emma", sso.password)
    page.wait_for_url("**/accounts/profile/")
    fresh_at = session_of(page)[FRESH_AT]
    assert signed_in_at <= fresh_at <= now().timestamp() + 1
    assert AuditEvent.objects.filter(
        action="sso.reauthenticated", actor=personas.emma.user
    ).exists()


def test_reauthentication_as_someone_else_is_refused_and_keeps_the_session(page, personas, sso):
    sso_sign_in(page, sso, "emma")
    page.wait_for_url(HOME)
    page.goto("/accounts/reauth/?next=/accounts/profile/")
    page.wait_for_url(f"{sso.url}/login/**")
    at_provider_sign_in(page, "marcus", sso.password)
    page.wait_for_url("**/accounts/reauth/**")
    assert "different person" in page.locator(".sso-refusal").inner_text()
    assert SsoRefusal.objects.get().reason == "different_person"
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Emma"
