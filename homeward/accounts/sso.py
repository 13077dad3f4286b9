"""Single sign-on pages: start at the provider, come back, sign out there; re-authenticate.

Built on mozilla-django-oidc's views (state, nonce and PKCE in the session) with
Homeward's rules: a refused sign-in goes back to the sign-in page with its reason, is
audited, and changes nothing else; a failed re-authentication keeps the person signed in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib import auth
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from homeward.accounts.actions import record_sso_refusal, record_sso_sign_in
from homeward.accounts.backends import SSO_BACKEND, SsoBackend
from homeward.accounts.forms import ReauthForm, client_ip
from homeward.accounts.models import User
from homeward.accounts.oidc import Refusal
from homeward.accounts.reauth import (
    AUTH_METHOD,
    mark_fresh,
    max_age_or_default,
    safe_next,
)

REFUSAL = "homeward_sso_refusal"  # session: the reason shown once on the next page
REAUTH = "homeward_reauth"  # session: {state: {"max_age", "next", "user"}}


def pop_refusal(request: HttpRequest) -> str | None:
    """The reason of the last refused sign-in in this browser, once."""
    return request.session.pop(REFUSAL, None)


class SsoLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's authorization endpoint (GET, no sign-in needed)."""

    http_method_names = ["get"]
    reauth_max_age: int | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SSO_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return super().dispatch(request, *args, **kwargs)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        if self.reauth_max_age is None:
            return {}
        # Ask the provider to sign the person in again, whatever session it has.
        return {"prompt": "login", "max_age": str(self.reauth_max_age)}


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the code is exchanged and checked."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        if not settings.SSO_ENABLED:
            raise Http404("Single sign-on is not configured.")
        state = request.GET.get("state", "")
        states = dict(request.session.get("oidc_states") or {})
        entry = states.pop(state, None)
        request.session["oidc_states"] = states  # a state is used once, even when refused
        pending = dict(request.session.get(REAUTH) or {})
        reauth = pending.pop(state, None)
        request.session[REAUTH] = pending
        backend = SsoBackend()
        try:
            if request.GET.get("error"):
                raise Refusal("provider_error", detail=request.GET["error"][:100])
            if entry is None or not request.GET.get("code"):
                raise Refusal("session_expired")
            user = backend.authenticate(
                request,
                nonce=entry["nonce"],
                code_verifier=entry.get("code_verifier"),
                max_age=reauth["max_age"] if reauth else None,
            )
            if user is None:
                raise Refusal("session_expired")
            if reauth and (not request.user.is_authenticated or request.user.pk != user.pk):
                raise Refusal("different_person", email=user.email)
        except Refusal as refusal:
            return self.refused(request, refusal, backend.claims, reauth)
        if reauth:
            return self.reauthenticated(request, user, backend, reauth)
        return self.signed_in(request, user, backend)

    def signed_in(self, request: HttpRequest, user: User, backend: SsoBackend) -> HttpResponse:
        next_url = request.session.get("oidc_login_next")
        auth.login(request, user, backend=SSO_BACKEND)
        request.session[AUTH_METHOD] = "oidc"
        request.session["oidc_id_token"] = backend.id_token
        mark_fresh(request, backend.claims.get("auth_time"))
        record_sso_sign_in(user=user, claims=backend.claims, reauthentication=False)
        return HttpResponseRedirect(safe_next(request, next_url))

    def reauthenticated(
        self, request: HttpRequest, user: User, backend: SsoBackend, reauth: dict[str, Any]
    ) -> HttpResponse:
        request.session["oidc_id_token"] = backend.id_token
        # check_id_token made sure auth_time is there and recent enough.
        mark_fresh(request, backend.claims["auth_time"])
        record_sso_sign_in(user=user, claims=backend.claims, reauthentication=True)
        return HttpResponseRedirect(safe_next(request, reauth.get("next")))

    def refused(
        self,
        request: HttpRequest,
        refusal: Refusal,
        claims: dict[str, Any],
        reauth: dict[str, Any] | None,
    ) -> HttpResponse:
        actor = request.user if isinstance(request.user, User) else None
        record_sso_refusal(
            reason=refusal.reason,
            email=refusal.email or str(claims.get("email") or ""),
            issuer=str(claims.get("iss") or ""),
            subject=str(claims.get("sub") or ""),
            detail=refusal.detail,
            ip=client_ip(request),
            actor=actor,
        )
        request.session[REFUSAL] = refusal.reason
        if actor is not None:
            # Signed in already (a re-authentication): stay signed in, try again there.
            next_url = reauth.get("next") if reauth else None
            query = urlencode({"next": safe_next(request, next_url)})
            return HttpResponseRedirect(f"{reverse('accounts:reauth')}?{query}")
        return redirect("accounts:login")


class SignOutView(OIDCLogoutView):
    """Ends the Homeward session (POST only) and, for a single sign-on session with a
    provider that has an end_session_endpoint, sends the browser there to sign out too."""

    http_method_names = ["post"]


def provider_logout_url(request: HttpRequest) -> str:
    """Where to go after signing out (mozilla-django-oidc's OIDC_OP_LOGOUT_URL_METHOD)."""
    login_url = resolve_url(settings.LOGOUT_REDIRECT_URL)
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not (settings.SSO_ENABLED and endpoint and request.session.get(AUTH_METHOD) == "oidc"):
        return login_url
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(login_url),
    }
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    """Sign in again: at the provider (prompt=login) or with the password.

    ``?next=`` is where to go afterwards; ``?max_age=`` (seconds, at most
    HOMEWARD_REAUTH_MAX_AGE_SECONDS) how recent the provider's sign-in must be.
    """
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"))
    try:
        max_age = max_age_or_default(int(request.GET.get("max_age", "")))
    except ValueError:
        max_age = max_age_or_default(None)
    refusal = pop_refusal(request)
    via_provider = settings.SSO_ENABLED and request.session.get(AUTH_METHOD) == "oidc"
    # Straight to the provider, unless it has just refused (then the page says why).
    if via_provider and request.method == "GET" and (refusal is None or request.GET.get("go")):
        response = SsoLoginView.as_view(reauth_max_age=max_age)(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        pending = dict(request.session.get(REAUTH) or {})
        pending[state] = {"max_age": max_age, "next": next_url, "user": user.pk}
        request.session[REAUTH] = pending
        return response
    form = ReauthForm(request.POST or None, request=request, user=user)
    if not via_provider and request.method == "POST" and form.is_valid():
        request.session[AUTH_METHOD] = "password"
        mark_fresh(request, timezone.now().timestamp())
        return HttpResponseRedirect(next_url)
    context = {
        "form": form,
        "next": next_url,
        "max_age": max_age,
        "via_provider": via_provider,
        "provider_name": settings.SSO_PROVIDER_NAME,
        "sso_refusal": refusal,
    }
    return render(request, "accounts/reauth.html", context, status=400 if form.errors else 200)
