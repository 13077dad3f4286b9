"""Project-level pages: the home page per role, the health, liveness and readiness checks."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from homeward.home import home_panels
from homeward.people.access import person_of


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    return render(request, "home/home.html", {"panels": home_panels(request.user, me)})


@login_not_required
@require_safe  # GET, and HEAD for load balancers
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
def livez(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers (no database), so a stuck process gets restarted."""
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers and every migration is applied; 503 otherwise."""
    problem = database_problem()
    if problem:
        return JsonResponse({"status": "unavailable", "reason": problem}, status=503)
    return JsonResponse({"status": "ok"})


def database_problem() -> str:
    """Why this process should not take traffic yet, or "" when it may."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "database unreachable"
    return f"{len(pending)} migrations not applied" if pending else ""
