"""The REST API at /api/v1/: one router per domain, the same actions and access rules as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from homeward.api import (
    agreements,
    concerns,
    decisions,
    evidence,
    notify,
    people,
    policy,
    privacy,
    proposals,
    readiness,
    schedule,
)
from homeward.api.auth import ActiveSessionAuth, TokenAuth
from homeward.lib.errors import StateConflict

api = NinjaAPI(
    title="Homeward API",
    version="1",
    description=(
        "Send a personal access token as `Authorization: Bearer TOKEN` "
        '(create one on your profile page). Errors are JSON: `{"detail": "..."}`.'
    ),
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, detail: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "You may not do that.")


@api.exception_handler(StateConflict)
def _conflict(request: HttpRequest, exc: StateConflict) -> HttpResponse:
    return _error(request, 409, " ".join(exc.messages))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return _error(request, 422, detail)


@api.exception_handler(NinjaValidationError)
def _schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _error(request, 422, exc.errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Sign in or send a valid token as 'Authorization: Bearer TOKEN'.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


def _register() -> None:
    api.add_router("/", people.router)
    api.add_router("/", policy.router)
    api.add_router("/", concerns.router)
    api.add_router("/", proposals.router)
    api.add_router("/", readiness.router)
    api.add_router("/", decisions.router)
    api.add_router("/", evidence.router)
    api.add_router("/", agreements.router)
    api.add_router("/", schedule.router)
    api.add_router("/", notify.router)
    api.add_router("/", privacy.router)


_register()
