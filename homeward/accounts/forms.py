from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from homeward.accounts.models import FailedLogin


def client_ip(request: Any) -> str | None:
    """The peer address. Behind a proxy, configure the proxy to set REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


class ThrottledLoginForm(AuthenticationForm):
    """Refuses sign-in after repeated failures for one address or from one IP."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": "Too many failed sign-ins. Wait %(minutes)s minutes and try again, "
        "or reset your password.",
    }

    def clean(self) -> dict[str, Any]:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        self.cleaned_data["username"] = email
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
