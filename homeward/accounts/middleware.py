from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase

# The API authenticates on its own (tokens or session) and answers 401 in JSON;
# the health, liveness and readiness checks are for load balancers and orchestrators.
OPEN_PREFIXES = ("/api/", "/healthz", "/livez", "/readyz", "/static/")


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default: every page needs a signed-in user unless marked otherwise."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith(OPEN_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
