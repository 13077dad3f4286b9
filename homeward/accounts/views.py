from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from homeward.accounts.actions import create_token, revoke_token
from homeward.accounts.backends import password_allowed
from homeward.accounts.forms import ThrottledLoginForm, TokenForm
from homeward.accounts.models import ApiToken, User
from homeward.accounts.reauth import AUTH_METHOD, mark_fresh
from homeward.accounts.sso import pop_refusal


class LoginView(auth_views.LoginView):
    """Email and password, and the single sign-on button when it is configured.

    With local passwords off the password form is shown only on ``?break_glass=1`` (for
    the break-glass administrator); a password posted by anyone else is refused.
    """

    form_class = ThrottledLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            sso_enabled=settings.SSO_ENABLED,
            provider_name=settings.SSO_PROVIDER_NAME,
            local_passwords=settings.LOCAL_PASSWORDS,
            show_password_form=settings.LOCAL_PASSWORDS
            or self.request.method == "POST"
            or bool(self.request.GET.get("break_glass")),
            sso_refusal=pop_refusal(self.request),
        )
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        self.request.session[AUTH_METHOD] = "password"
        mark_fresh(self.request, timezone.now().timestamp())
        return response


class ResetView(auth_views.PasswordResetView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(local_passwords=settings.LOCAL_PASSWORDS, sso_enabled=settings.SSO_ENABLED)
        return context


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """A reset link stops working for everyone but the break-glass administrator once
    local passwords are turned off (a link mailed before still arrives)."""

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        if user is not None and not password_allowed(user.email):
            return None
        return user


login_view = login_not_required(LoginView.as_view())


def _user(request: HttpRequest) -> User:
    # LoginRequiredMiddleware guarantees a signed-in user on these views.
    assert isinstance(request.user, User)
    return request.user


@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=_user(request))
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": tokens,
            "form": TokenForm(),
            "new_token": request.session.pop("new_token", None),
        },
    )


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        tokens = ApiToken.objects.filter(user=_user(request))
        return render(
            request, "accounts/profile.html", {"tokens": tokens, "form": form}, status=400
        )
    _token, raw = create_token(user=_user(request), name=form.cleaned_data["name"])
    # Shown once on the next page, then gone from the session.
    request.session["new_token"] = raw
    return redirect("accounts:profile")


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = revoke_token(user=_user(request), token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404("No such token.") from None
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:profile")
