"""Project-level pages: the home page per role and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from homeward.home import home_panels
from homeward.people.access import person_of


def home(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    return render(request, "home/home.html", {"panels": home_panels(request.user, me)})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
