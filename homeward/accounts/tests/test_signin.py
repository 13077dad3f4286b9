"""Sign-in, sign-out, throttling, password reset and hashing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core import mail
from django.test import Client

from conftest import PASSWORD
from homeward.accounts.forms import client_ip
from homeward.accounts.models import FailedLogin, User
from homeward.people.actions import set_active
from tests.today import now

LOGIN = "/accounts/login/"
LOCKED = "Too many failed sign-ins"


def sign_in(client: Client, email: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_login_page_is_open_and_asks_for_email(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b"Email address" in response.content and b'type="email"' in response.content


def test_login_with_email_and_password_lands_on_home(client, personas):
    response = sign_in(client, "emma@example.test", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in(client)
    assert b"Hello, Emma" in client.get("/").content


def test_login_email_is_case_insensitive(client, personas):
    sign_in(client, "  Emma@Example.TEST ", PASSWORD)
    assert signed_in(client)


def test_wrong_password_is_refused_and_recorded(client, personas):
    response = sign_in(client, "emma@example.test", "wrong")
    assert response.status_code == 200 and not signed_in(client)
    assert b"correct email address and password" in response.content
    assert FailedLogin.objects.filter(email="emma@example.test", ip="10.0.0.1").count() == 1


def test_deactivated_person_cannot_sign_in(client, personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    sign_in(client, "pete@example.test", PASSWORD)
    assert not signed_in(client)


def test_after_too_many_failures_even_the_right_password_is_refused(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "emma@example.test", "guess", ip="10.0.0.1")
    # A different address cannot help: the account itself is locked.
    response = sign_in(client, "emma@example.test", PASSWORD, ip="10.9.9.9")
    assert not signed_in(client)
    assert LOCKED.encode() in response.content
    assert f"Wait {settings.LOGIN_FAILURE_WINDOW_MINUTES} minutes".encode() in response.content


def test_failures_below_the_limit_do_not_lock(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        sign_in(client, "emma@example.test", "guess")
    sign_in(client, "emma@example.test", PASSWORD)
    assert signed_in(client)


def test_one_ip_guessing_many_accounts_is_locked_out(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for name in ["pete", "oscar", "diana"]:
        sign_in(client, f"{name}@example.test", "guess", ip="10.6.6.6")
    response = sign_in(client, "emma@example.test", PASSWORD, ip="10.6.6.6")
    assert not signed_in(client) and LOCKED.encode() in response.content
    # Emma herself, from another address, is not affected.
    sign_in(client, "emma@example.test", PASSWORD, ip="10.0.0.2")
    assert signed_in(client)


def test_lock_lifts_after_the_window(client, personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    with time_machine.travel(now(), tick=False) as traveller:
        for _ in range(2):
            sign_in(client, "emma@example.test", "guess")
        sign_in(client, "emma@example.test", PASSWORD)
        assert not signed_in(client)
        traveller.shift(timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES, seconds=1))
        sign_in(client, "emma@example.test", PASSWORD)
        assert signed_in(client)


def test_behind_a_proxy_the_forwarded_address_is_throttled(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    # Only the entry the proxy appended (the last) is trusted; the client can forge the rest.
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="junk")) == (
        "127.0.0.1"
    )
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_logout_is_post_only(client, personas):
    client.force_login(personas.emma.user)
    assert client.get("/accounts/logout/").status_code == 405
    assert signed_in(client)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not signed_in(client)


def test_pages_need_sign_in(client, db):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/people/"


def reset_link() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_password_reset_mails_a_link_that_sets_a_new_password(client, personas):
    response = client.post("/accounts/password-reset/", {"email": "emma@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    message = mail.outbox[0]
    assert message.to == ["emma@example.test"]
    assert message.subject == "Reset your Homeward password"
    link = reset_link()

    page = client.get(link, follow=True)
    assert page.status_code == 200 and b"Choose a new password" in page.content
    form_url = page.redirect_chain[-1][0]
    new = "a-brand-new-long-passphrase"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == "/accounts/reset/done/"

    assert Client().login(email="emma@example.test", password=new)
    assert not Client().login(email="emma@example.test", password=PASSWORD)
    # The link works once.
    assert b"This link has expired" in Client().get(link, follow=True).content


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_imported_person_without_a_password_sets_one_by_reset(client, db):
    user = User.objects.create_user("new.starter@example.test")  # as the import does
    assert not user.has_usable_password()
    client.post("/accounts/password-reset/", {"email": "new.starter@example.test"})
    page = client.get(reset_link(), follow=True)
    new = "first-password-of-the-new-starter"
    client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert Client().login(email="new.starter@example.test", password=new)


def test_deactivated_person_gets_no_reset_mail(client, personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    client.post("/accounts/password-reset/", {"email": "pete@example.test"})
    assert mail.outbox == []


def test_production_hashes_passwords_with_argon2():
    import homeward.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The tests use a fast hasher instead; make sure that is the only difference.
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hasher = Argon2PasswordHasher()  # fails if argon2-cffi is missing
    assert hasher.verify("secret", hasher.encode("secret", hasher.salt()))


def test_session_and_csrf_cookies_are_hardened():
    import homeward.settings as production

    assert production.SESSION_COOKIE_HTTPONLY and production.SESSION_COOKIE_SECURE
    assert production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_SAMESITE == "Lax" == production.CSRF_COOKIE_SAMESITE


@pytest.mark.parametrize(
    "path", ["/accounts/password-reset/", "/accounts/password-reset/sent/", "/accounts/reset/done/"]
)
def test_password_reset_pages_are_open(client, db, path):
    assert client.get(path).status_code == 200
