from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods

from homeward.accounts import sso, views
from homeward.accounts.forms import ResetForm

app_name = "accounts"


def _open(view):  # type: ignore[no-untyped-def]
    return login_not_required(view)


urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", sso.SignOutView.as_view(), name="logout"),
    # The view answers 404 when single sign-on is off, before its own method check.
    path("oidc/login/", _open(require_GET(sso.SsoLoginView.as_view())), name="oidc_login"),
    path("oidc/callback/", _open(sso.SsoCallbackView.as_view()), name="oidc_callback"),
    path("reauth/", sso.reauth, name="reauth"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "password-reset/",
        _open(
            views.ResetView.as_view(
                form_class=ResetForm,
                template_name="accounts/password_reset.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        _open(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        # Django's view answers a bad link before its own method check: refuse others first.
        _open(
            require_http_methods(["GET", "POST"])(
                views.ResetConfirmView.as_view(
                    template_name="accounts/password_reset_confirm.html",
                    success_url=reverse_lazy("accounts:password_reset_complete"),
                )
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        _open(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
