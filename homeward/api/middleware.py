"""Every error under /api/ is JSON, including those raised before the API's own handlers run."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, JsonResponse

API_PREFIX = "/api/"


class JsonApiErrorsMiddleware:
    """Turn non-JSON error responses under /api/ into ``{"detail": "..."}``.

    Django answers an unknown path (404) and ninja a wrong method (405) with HTML or
    plain text before any API exception handler sees the request; scripts expect JSON.
    Headers such as ``Allow`` are kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            not request.path.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
            or response.streaming
        ):
            return response
        converted = JsonResponse(
            {"detail": _detail(request, response)}, status=response.status_code
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                converted[header] = response[header]
        return converted


def _detail(request: HttpRequest, response: HttpResponseBase) -> str:
    if response.status_code == 404:
        return f"No such API endpoint: {request.path} (see /api/v1/docs)."
    if response.status_code == 405:
        return f"{request.method} is not allowed here; allowed: {response.get('Allow', 'none')}."
    return response.reason_phrase
