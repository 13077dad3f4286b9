import ipaddress
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from homeward.accounts.backends import password_allowed
from homeward.accounts.models import FailedLogin, User


def client_ip(request: Any) -> str | None:
    """The client's address: the peer, or behind our proxy the address the proxy saw.

    With HOMEWARD_BEHIND_PROXY every request comes from the proxy, so the last entry of
    X-Forwarded-For (appended by the proxy itself; earlier entries are client-supplied and
    untrusted) is used. Anything that is not an IP address falls back to the peer.
    """
    if request is None:
        return None
    peer = request.META.get("REMOTE_ADDR") or None
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            return peer
    return peer


class ThrottledLoginForm(AuthenticationForm):
    """Refuses sign-in after repeated failures for one address or from one IP."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": "Too many failed sign-ins. Wait %(minutes)s minutes and try again, "
        "or reset your password.",
        "passwords_off": "Signing in with a password is turned off here: use the single "
        "sign-on button instead.",
    }

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        self.cleaned_data["username"] = email
        if email and not password_allowed(email):
            # Before the throttle and the password check: nothing is tried, nothing counted.
            raise forms.ValidationError(self.error_messages["passwords_off"], code="passwords_off")
        ip = client_ip(self.request)
        window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
        if FailedLogin.is_locked(
            email=email, ip=ip, limit=settings.LOGIN_FAILURE_LIMIT, window=window
        ):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        try:
            return super().clean()
        except forms.ValidationError:
            FailedLogin.objects.create(email=email, ip=ip)
            raise


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What the token is for, e.g. 'nightly import'."
    )


class ResetForm(PasswordResetForm):
    """Password reset that also reaches active people who never had a password.

    People created by the import (or the demo) have no usable password; the reset
    link is how they choose their first one. Inactive accounts still get nothing.
    """

    def get_users(self, email: str) -> Iterator[User]:
        # With local passwords off only the break-glass administrator can reset one.
        if not password_allowed(email):
            return iter(())
        return iter(User.objects.filter(email__iexact=email.strip(), is_active=True))


class ReauthForm(forms.Form):
    """The signed-in person's password again, throttled like the sign-in form."""

    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "wrong": "That is not your password.",
        "locked": ThrottledLoginForm.error_messages["locked"],
    }

    def __init__(self, *args: Any, request: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request, self.user = request, user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ip = client_ip(self.request)
        window = timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
        if FailedLogin.is_locked(
            email=self.user.email, ip=ip, limit=settings.LOGIN_FAILURE_LIMIT, window=window
        ):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        password = cleaned.get("password")
        if password is not None:
            user = authenticate(self.request, username=self.user.email, password=password)
            if user is None or user.pk != self.user.pk:
                FailedLogin.objects.create(email=self.user.email, ip=ip)
                raise forms.ValidationError(self.error_messages["wrong"], code="wrong")
        return cleaned
