"""API authentication: a personal access token (Bearer) or the browser session with CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from homeward.accounts.actions import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """The signed-in browser session; CSRF is checked on unsafe methods by ninja."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie there is no session to ride on, so no CSRF risk: a
        # script whose token was refused gets 401 ("send a valid token"), not a CSRF 403.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
