"""Single sign-on pages, local passwords turned off, sign-out and re-authentication.

The whole round trip through a real provider is in tests/browser/test_sso_journey.py;
these cover what happens on Homeward's side of each step.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail
from django.http import HttpResponse
from django.test import Client, RequestFactory

from conftest import PASSWORD
from homeward.accounts.actions import create_token
from homeward.accounts.backends import PASSWORD_BACKEND, SSO_BACKEND, password_allowed
from homeward.accounts.models import FailedLogin, SsoRefusal, User
from homeward.accounts.reauth import (
    AUTH_METHOD,
    FRESH_AT,
    fresh_auth_required,
    is_fresh,
    require_fresh_auth,
)
from homeward.accounts.sso import REAUTH, provider_logout_url
from homeward.audit.models import AuditEvent
from tests.today import now

ISSUER = "https://idp.example.test/realms/acme"
LOGIN = "/accounts/login/"


@pytest.fixture
def sso_on(settings):  # type: ignore[no-untyped-def]
    """Homeward configured for a provider (one that no test here contacts)."""
    settings.SSO_ENABLED = True
    settings.SSO_PROVIDER_NAME = "Acme ID"
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = "homeward"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/protocol/openid-connect/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/protocol/openid-connect/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ISSUER}/protocol/openid-connect/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/protocol/openid-connect/certs"
    settings.OIDC_OP_END_SESSION_ENDPOINT = f"{ISSUER}/protocol/openid-connect/logout"
    return settings


@pytest.fixture
def passwords_off(sso_on):  # type: ignore[no-untyped-def]
    sso_on.LOCAL_PASSWORDS = False
    sso_on.BREAK_GLASS_EMAIL = "root@example.test"
    return sso_on


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def sso_client(user: User) -> Client:
    """A browser signed in through the provider (as the callback leaves the session)."""
    client = Client()
    client.force_login(user, backend=SSO_BACKEND)
    session = client.session
    session[AUTH_METHOD] = "oidc"
    session["oidc_id_token"] = "the.id.token"
    session.save()
    return client


# The sign-in page


def test_without_sso_the_sign_in_page_has_no_provider_button_and_its_urls_are_404(client, db):
    page = client.get(LOGIN)
    assert b"Sign in with" not in page.content and b'name="password"' in page.content
    assert client.get("/accounts/oidc/login/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404


def test_with_sso_the_sign_in_page_offers_the_provider_and_passwords(client, db, sso_on):
    page = client.get(LOGIN + "?next=/people/")
    assert b"Sign in with Acme ID" in page.content
    assert b"/accounts/oidc/login/?next=/people/" in page.content
    assert b'name="password"' in page.content and b"Forgotten your password?" in page.content


def test_the_provider_button_starts_the_code_flow_with_pkce_and_a_nonce(client, db, sso_on):
    response = client.get("/accounts/oidc/login/?next=/people/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == sso_on.OIDC_OP_AUTHORIZATION_ENDPOINT
    query = parse_qs(url.query)
    assert query["response_type"] == ["code"] and query["client_id"] == ["homeward"]
    assert query["scope"] == ["openid email profile"]
    assert query["redirect_uri"] == ["http://testserver/accounts/oidc/callback/"]
    assert query["code_challenge_method"] == ["S256"] and query["nonce"][0]
    assert "prompt" not in query
    state = query["state"][0]
    assert state in client.session["oidc_states"]
    assert client.session["oidc_login_next"] == "/people/"


# Refusals on the callback


@pytest.mark.parametrize(
    ("query", "reason", "words"),
    [
        ("?code=abc&state=never-issued", "session_expired", b"Start again"),
        ("?code=abc", "session_expired", b"Start again"),
        ("?error=access_denied&state=x", "provider_error", b"did not complete the sign-in"),
    ],
)
def test_a_callback_that_cannot_be_trusted_is_refused_audited_and_explained(
    client, db, sso_on, query, reason, words
):
    users = User.objects.count()
    response = client.get("/accounts/oidc/callback/" + query)
    assert response.status_code == 302 and response["Location"] == LOGIN
    refusal = SsoRefusal.objects.get()
    assert refusal.reason == reason and refusal.ip == "127.0.0.1"
    event = AuditEvent.objects.get(action="sso.refused")
    assert event.object_id == str(refusal.pk) and event.after["reason"] == reason
    page = client.get(LOGIN)
    assert words in page.content and b'class="sso-refusal"' in page.content
    # Said once, and nobody was signed in or created.
    assert b'class="sso-refusal"' not in client.get(LOGIN).content
    assert not signed_in(client) and User.objects.count() == users


def test_a_state_is_used_once(client, db, sso_on):
    start = client.get("/accounts/oidc/login/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    client.get(f"/accounts/oidc/callback/?error=access_denied&state={state}")
    assert state not in client.session["oidc_states"]


@pytest.mark.parametrize("reason", ["wrong_issuer", "clock_skew", "expired", "unverified_email"])
def test_each_refusal_has_its_own_words(client, db, sso_on, reason):
    session = client.session
    session["homeward_sso_refusal"] = reason
    session.save()
    text = client.get(LOGIN).content.decode()
    block = re.search(r'class="sso-refusal">(.*?)</div>', text, re.S)
    assert block and "Start again" not in block.group(1)


# Local passwords turned off


def test_password_allowed_follows_the_settings(settings):
    settings.LOCAL_PASSWORDS = True
    assert password_allowed("emma@example.test")
    settings.LOCAL_PASSWORDS, settings.BREAK_GLASS_EMAIL = False, "root@example.test"
    assert not password_allowed("emma@example.test") and not password_allowed(None)
    assert password_allowed(" Root@Example.test ")
    settings.BREAK_GLASS_EMAIL = ""
    assert not password_allowed("root@example.test") and not password_allowed("")


def test_with_passwords_off_the_form_is_hidden_and_a_posted_password_is_refused(
    client, personas, passwords_off
):
    page = client.get(LOGIN)
    assert b"Sign in with Acme ID" in page.content
    assert b'name="password"' not in page.content and b"Forgotten" not in page.content
    assert b'name="password"' in client.get(LOGIN + "?break_glass=1").content
    response = client.post(LOGIN, {"username": "emma@example.test", "password": PASSWORD})
    assert response.status_code == 200 and not signed_in(client)
    assert b"Signing in with a password is turned off" in response.content
    # Refused before the password is tried: no failure counted against Emma.
    assert not FailedLogin.objects.exists()
    assert not Client().login(email="emma@example.test", password=PASSWORD)


def test_with_passwords_off_the_break_glass_administrator_still_signs_in(
    client, personas, passwords_off
):
    response = client.post(LOGIN, {"username": "root@example.test", "password": PASSWORD})
    assert response.status_code == 302 and signed_in(client)
    assert client.session[AUTH_METHOD] == "password"
    assert client.get("/").status_code == 200


def test_turning_passwords_off_ends_password_sessions_but_not_sso_ones(personas, settings, sso_on):
    by_password = Client()
    by_password.force_login(personas.emma.user, backend=PASSWORD_BACKEND)
    by_sso = sso_client(personas.emma.user)
    sso_on.LOCAL_PASSWORDS = False
    assert by_password.get("/")["Location"].startswith(LOGIN)
    assert by_sso.get("/").status_code == 200


def test_api_tokens_keep_working_with_passwords_off(client, personas, passwords_off):
    _token, raw = create_token(user=personas.emma.user, name="script")
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_with_passwords_off_password_reset_mails_only_the_break_glass_administrator(
    client, personas, passwords_off
):
    page = client.get("/accounts/password-reset/")
    assert b"Homeward passwords are turned off here" in page.content
    client.post("/accounts/password-reset/", {"email": "emma@example.test"})
    assert mail.outbox == []
    client.post("/accounts/password-reset/", {"email": "root@example.test"})
    assert [m.to for m in mail.outbox] == [["root@example.test"]]


def test_a_reset_link_mailed_before_passwords_were_turned_off_no_longer_works(
    client, personas, settings, sso_on
):
    client.post("/accounts/password-reset/", {"email": "emma@example.test"})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    sso_on.LOCAL_PASSWORDS = False
    assert b"This link has expired" in client.get(link, follow=True).content


# Sign-out


def test_signing_out_of_an_sso_session_goes_to_the_providers_end_session_endpoint(personas, sso_on):
    client = sso_client(personas.emma.user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert not signed_in(client)
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == sso_on.OIDC_OP_END_SESSION_ENDPOINT
    assert parse_qs(url.query) == {
        "client_id": ["homeward"],
        "post_logout_redirect_uri": ["http://testserver/accounts/login/"],
        "id_token_hint": ["the.id.token"],
    }


def test_without_an_end_session_endpoint_or_for_a_password_session_sign_out_stays_here(
    personas, sso_on
):
    sso_on.OIDC_OP_END_SESSION_ENDPOINT = ""
    client = sso_client(personas.emma.user)
    assert client.post("/accounts/logout/")["Location"] == LOGIN
    sso_on.OIDC_OP_END_SESSION_ENDPOINT = f"{ISSUER}/logout"
    client = Client()
    client.post(LOGIN, {"username": "emma@example.test", "password": PASSWORD})
    assert client.post("/accounts/logout/")["Location"] == LOGIN and not signed_in(client)


def test_the_logout_url_method_is_plain_for_anonymous_requests(rf, db, sso_on):
    request = rf.post("/accounts/logout/")
    request.session = {}
    assert provider_logout_url(request) == LOGIN


# Re-authentication


def fresh_view(request):  # type: ignore[no-untyped-def]
    return HttpResponse("signed")


def request_for(client: Client, user: User, path: str = "/agreements/1/sign/"):  # type: ignore[no-untyped-def]
    """A request carrying the client's session, as a view would see it."""
    request = RequestFactory().get(path)
    request.user = user
    request.session = client.session
    return request


def test_a_password_sign_in_is_fresh_for_the_max_age_then_not(personas, settings):
    client = Client()
    with time_machine.travel(now(), tick=False) as traveller:
        client.post(LOGIN, {"username": "emma@example.test", "password": PASSWORD})
        user = personas.emma.user
        assert is_fresh(request_for(client, user), max_age=120)
        assert require_fresh_auth(request_for(client, user), max_age=120) is None
        traveller.shift(timedelta(seconds=121))
        assert not is_fresh(request_for(client, user), max_age=120)
        assert is_fresh(request_for(client, user), max_age=300)
        response = require_fresh_auth(request_for(client, user), max_age=120)
        assert response is not None
        assert response["Location"] == (
            "/accounts/reauth/?next=%2Fagreements%2F1%2Fsign%2F&max_age=120"
        )


def test_max_age_cannot_be_stretched_past_the_setting(personas, settings):
    settings.REAUTH_MAX_AGE_SECONDS = 60
    client = Client()
    with time_machine.travel(now(), tick=False) as traveller:
        client.post(LOGIN, {"username": "emma@example.test", "password": PASSWORD})
        traveller.shift(timedelta(seconds=61))
        assert not is_fresh(request_for(client, personas.emma.user), max_age=3600)


def test_a_forced_session_is_never_fresh(personas):
    client = personas.client(personas.emma)
    request = request_for(client, personas.emma.user)
    assert not is_fresh(request)
    wrapped = fresh_auth_required(max_age=60)(fresh_view)
    assert wrapped(request)["Location"].startswith("/accounts/reauth/?next=")


def test_password_reauthentication_asks_for_the_password_and_returns(personas):
    client = personas.client(personas.emma)
    url = "/accounts/reauth/?next=/accounts/profile/&max_age=120"
    page = client.get(url)
    assert page.status_code == 200 and b"needs your password again" in page.content
    wrong = client.post(url, {"password": "not-it"})
    assert wrong.status_code == 400 and b"That is not your password" in wrong.content
    assert FailedLogin.objects.filter(email="emma@example.test").count() == 1
    assert FRESH_AT not in client.session
    right = client.post(url, {"password": PASSWORD})
    assert right.status_code == 302 and right["Location"] == "/accounts/profile/"
    assert is_fresh(request_for(client, personas.emma.user), max_age=120)
    wrapped = fresh_auth_required(max_age=120)(fresh_view)
    assert wrapped(request_for(client, personas.emma.user)).content == b"signed"


def test_password_reauthentication_is_throttled(personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client = personas.client(personas.emma)
    for _ in range(2):
        client.post("/accounts/reauth/", {"password": "guess"})
    response = client.post("/accounts/reauth/", {"password": PASSWORD})
    assert b"Too many failed sign-ins" in response.content
    assert FRESH_AT not in client.session


def test_reauthentication_never_sends_anyone_off_site(personas):
    client = personas.client(personas.emma)
    response = client.post("/accounts/reauth/?next=https://evil.example/", {"password": PASSWORD})
    assert response["Location"] == "/"


def test_sso_reauthentication_goes_to_the_provider_with_prompt_login_and_max_age(personas, sso_on):
    client = sso_client(personas.emma.user)
    response = client.get("/accounts/reauth/?next=/accounts/profile/&max_age=120")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["prompt"] == ["login"] and query["max_age"] == ["120"]
    state = query["state"][0]
    assert client.session[REAUTH][state] == {
        "max_age": 120,
        "next": "/accounts/profile/",
        "user": personas.emma.user.pk,
    }


def test_a_refused_sso_reauthentication_keeps_the_person_signed_in_and_says_why(personas, sso_on):
    client = sso_client(personas.emma.user)
    start = client.get("/accounts/reauth/?next=/accounts/profile/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    back = client.get(f"/accounts/oidc/callback/?error=login_required&state={state}")
    assert back["Location"] == "/accounts/reauth/?next=%2Faccounts%2Fprofile%2F"
    page = client.get(back["Location"])
    # The page explains and offers to try again instead of bouncing straight back.
    assert page.status_code == 200 and b"did not complete the sign-in" in page.content
    assert b"go=1" in page.content
    assert signed_in(client) and not is_fresh(request_for(client, personas.emma.user))
    refusal = SsoRefusal.objects.get()
    assert AuditEvent.objects.get(action="sso.refused").actor == personas.emma.user
    assert refusal.reason == "provider_error" and refusal.detail == "login_required"
