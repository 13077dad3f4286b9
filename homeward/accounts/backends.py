"""Authentication backends: local passwords (which can be turned off) and the identity provider."""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from homeward.accounts.actions import create_user_from_sso
from homeward.accounts.models import User
from homeward.accounts.oidc import Refusal, TokenRules, check_id_token, verified_email

SSO_BACKEND = "homeward.accounts.backends.SsoBackend"
PASSWORD_BACKEND = "homeward.accounts.backends.PasswordBackend"


def password_allowed(email: str | None) -> bool:
    """Whether this address may sign in (or reset) with a local password.

    With HOMEWARD_LOCAL_PASSWORDS off only the break-glass administrator may, so that an
    outage of the identity provider cannot lock everyone out.
    """
    if settings.LOCAL_PASSWORDS:
        return True
    email = (email or "").strip().lower()
    return bool(settings.BREAK_GLASS_EMAIL) and email == settings.BREAK_GLASS_EMAIL


class PasswordBackend(ModelBackend):
    """Django's email-and-password backend, closed to everyone but the break-glass
    administrator when local passwords are off (sessions signed in by password too)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        # ModelBackend also takes the address as email=... (the USERNAME_FIELD).
        email = username if username is not None else kwargs.get(User.USERNAME_FIELD)
        if not password_allowed(email):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)  # type: ignore[return-value]

    def get_user(self, user_id: int) -> User | None:
        user = super().get_user(user_id)
        if user is not None and not password_allowed(user.email):
            return None
        return user  # type: ignore[return-value]


class SsoBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with Homeward's rules.

    On top of the library's signature and nonce checks: issuer, audience, expiry, clock
    skew and (for re-authentication) ``auth_time``; people are found by their verified
    email address and never created unless HOMEWARD_OIDC_CREATE_USERS allows it. Every
    refusal raises ``Refusal`` for the callback view to show and audit. After a success,
    ``claims`` holds the ID token's claims merged with the userinfo answer.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claims: dict[str, Any] = {}
        self.id_token = ""
        self.max_age: int | None = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        if not settings.SSO_ENABLED or "nonce" not in kwargs:
            # Only the callback view signs in through here (it passes the nonce).
            return None
        self.max_age = kwargs.pop("max_age", None)
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as exc:
            raise Refusal("provider_unreachable", detail=str(exc)[:200]) from None

    def get_user(self, user_id: int) -> User | None:
        # The library's get_user ignores is_active; a deactivated person is signed out.
        if not settings.SSO_ENABLED:
            return None
        return ModelBackend.get_user(self, user_id)  # type: ignore[return-value]

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
        except SuspiciousOperation as exc:  # no key with the token's kid
            raise Refusal("bad_signature", detail=str(exc)) from None
        except requests.RequestException as exc:
            raise Refusal("provider_unreachable", detail=str(exc)[:200]) from None
        except Exception as exc:  # a token whose header cannot be read at all
            raise Refusal("malformed_token", detail=str(exc)[:200]) from None
        rules = TokenRules(
            issuer=settings.OIDC_ISSUER,
            audience=self.OIDC_RP_CLIENT_ID,
            algorithm=self.OIDC_RP_SIGN_ALGO,
            leeway_seconds=settings.OIDC_LEEWAY_SECONDS,
            nonce=kwargs.get("nonce"),
            max_age=self.max_age,
        )
        return check_id_token(token, key, rules, now=timezone.now().timestamp())

    def store_tokens(self, access_token: str, id_token: str) -> None:
        # Kept for the caller, which stores it after login() (which may flush the session).
        self.id_token = id_token

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The ID token's claims, completed by the userinfo endpoint when there is one.

        The signed ID token wins where both say something; a userinfo answer about another
        subject is refused (OpenID Connect Core 5.3.2).
        """
        info: dict[str, Any] = {}
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise Refusal("userinfo_mismatch")
        self.claims = {**info, **payload}
        return self.claims

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        email = verified_email(claims)
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            if not self.get_settings("OIDC_CREATE_USER", False):
                raise Refusal("unknown_email", email=email)
            return self.create_user(claims)
        if not user.is_active:
            raise Refusal("inactive", email=email)
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        return create_user_from_sso(email=verified_email(claims), claims=claims)
