"""Project-level pages: the home page per role and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
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
