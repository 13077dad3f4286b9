"""Fresh sign-in before a consequential step (signing an agreement).

The API for other apps::

    from homeward.accounts.reauth import fresh_auth_required, is_fresh, require_fresh_auth

    @require_http_methods(["GET", "POST"])
    @fresh_auth_required(max_age=300)
    def sign_agreement(request, pk): ...

    # or, inside a view:
    if (response := require_fresh_auth(request, max_age=300)) is not None:
        return response

A person who signed in through the identity provider is sent there with ``prompt=login``
and ``max_age`` and must come back with an ``auth_time`` at most ``max_age`` seconds old;
a person who signed in with a password types it again. Either way the moment of that
sign-in is kept in the session, and ``is_fresh`` compares against it. The provider's own
``auth_time`` is what is kept, never the moment its answer arrived, so a provider that
quietly reuses an old session does not make the sign-in look fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

# Session keys.
AUTH_METHOD = "homeward_auth_method"  # "password" or "oidc"
FRESH_AT = "homeward_fresh_auth_at"  # Unix time of the last interactive sign-in


def max_age_or_default(max_age: int | None) -> int:
    """``max_age`` bounded by HOMEWARD_REAUTH_MAX_AGE_SECONDS (the default when None)."""
    limit = settings.REAUTH_MAX_AGE_SECONDS
    if max_age is None:
        return limit
    return max(0, min(int(max_age), limit))


def mark_fresh(request: HttpRequest, at: float | None) -> None:
    """Remember that the person signed in interactively at ``at`` (a Unix time)."""
    if at is None:
        request.session.pop(FRESH_AT, None)
    else:
        request.session[FRESH_AT] = float(at)


def is_fresh(request: HttpRequest, *, max_age: int | None = None) -> bool:
    """Whether the signed-in person signed in interactively within ``max_age`` seconds."""
    if not request.user.is_authenticated:
        return False
    at = request.session.get(FRESH_AT)
    if not isinstance(at, int | float):
        return False
    age = timezone.now().timestamp() - at
    return -settings.OIDC_LEEWAY_SECONDS <= age <= max_age_or_default(max_age)


def reauth_url(next_url: str, *, max_age: int | None = None) -> str:
    query = {"next": next_url, "max_age": str(max_age_or_default(max_age))}
    return f"{reverse('accounts:reauth')}?{urlencode(query)}"


def require_fresh_auth(
    request: HttpRequest, *, max_age: int | None = None, next_url: str | None = None
) -> HttpResponseRedirect | None:
    """None when the sign-in is fresh enough; otherwise the redirect to re-authenticate.

    After re-authenticating the person comes back to ``next_url`` (default: this page) with
    a GET, so a form posted with a stale sign-in must be posted again.
    """
    if is_fresh(request, max_age=max_age):
        return None
    return HttpResponseRedirect(reauth_url(next_url or request.get_full_path(), max_age=max_age))


def fresh_auth_required(
    *, max_age: int | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorator form of ``require_fresh_auth`` for a view."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = require_fresh_auth(request, max_age=max_age)
            return response if response is not None else view(request, *args, **kwargs)

        return wrapped

    return decorator


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site, else the home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)
