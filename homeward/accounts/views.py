from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from homeward.accounts.actions import create_token, revoke_token
from homeward.accounts.forms import ThrottledLoginForm, TokenForm
from homeward.accounts.models import ApiToken, User


class LoginView(auth_views.LoginView):
    form_class = ThrottledLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


def _user(request: HttpRequest) -> User:
    # LoginRequiredMiddleware guarantees a signed-in user on these views.
    assert isinstance(request.user, User)
    return request.user


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
