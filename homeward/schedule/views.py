"""A person's week: where they work each day and why, with leave and swaps. State changes
only on POST, each calling one function in ``actions.py``."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import require_person
from homeward.people.models import Person
from homeward.schedule import actions
from homeward.schedule.access import (
    get_leave_of,
    get_office_for,
    get_own_days_of,
    get_schedule_of,
    get_team_for,
    sees_reasons,
)
from homeward.schedule.forms import LeaveForm, SwapForm
from homeward.schedule.grid import grid
from homeward.schedule.resolver import office_today, week_of, where_range
from homeward.schedule.whois import WhoIsIn, office_people, team_people, who_is_in

# Readable without colour: each location has a letter as well as a colour (the legend).
LEGEND = [
    ("office", "O", "Office"),
    ("home", "H", "Home"),
    ("flexible", "F", "Flexible, not planned"),
    ("leave", "L", "Leave"),
    ("away", "B", "Away on business"),
    ("holiday", "P", "Public holiday"),
    ("not_working", "–", "Not working"),
]
LETTER = {kind: letter for kind, letter, _ in LEGEND}


def _week_param(request: HttpRequest, today: date) -> date:
    try:
        return week_of(date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return week_of(today)


@require_GET
def my_week(request: HttpRequest) -> HttpResponse:
    return redirect("schedule:person", pk=require_person(request).pk)


def _page(
    request: HttpRequest,
    person: Person,
    leave_form: LeaveForm | None = None,
    swap_form: SwapForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = office_today(person)
    week = _week_param(request, today)
    days = where_range([person], week, week + timedelta(days=6))[person.pk]
    reasons = sees_reasons(request.user, person)
    me = require_person(request)
    rows = [
        {
            "day": d,
            "kind": loc.kind,
            "letter": LETTER.get(loc.kind, "?"),
            "reason": loc.reason if reasons else "",
            "today": d == today,
        }
        for d, loc in days.items()
    ]
    return render(
        request,
        "schedule/person.html",
        {
            "person": person,
            "rows": rows,
            "week": week,
            "prev": week - timedelta(days=7),
            "next": week + timedelta(days=7),
            "legend": LEGEND,
            "own": me.pk == person.pk,
            "can_leave": reasons,
            "leave_form": leave_form or LeaveForm(),
            "swap_form": swap_form or SwapForm(),
        },
        status=status,
    )


@require_GET
def person_week(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_schedule_of(request.user, pk))


@require_http_methods(["POST"])
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_leave_of(request.user, pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            actions.add_leave(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The leave is entered.")
            return redirect("schedule:person", pk=person.pk)
    return _page(request, person, leave_form=form, status=422)


@require_http_methods(["POST"])
def swap(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_own_days_of(request.user, pk)
    form = SwapForm(request.POST)
    if form.is_valid():
        try:
            actions.swap_day(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The day is swapped; your manager is told.")
            week = week_of(form.cleaned_data["to_day"])
            return redirect(f"/schedule/people/{person.pk}/?week={week.isoformat()}")
    return _page(request, person, swap_form=form, status=422)


def _day_param(request: HttpRequest, today: date) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return today


@require_GET
def office_day(request: HttpRequest, pk: int) -> HttpResponse:
    office = get_office_for(request.user, pk)
    today = timezone.localdate(timezone=ZoneInfo(office.timezone))
    day = _day_param(request, today)
    board = who_is_in(office_people(office), day, desks=office.desk_capacity)
    return _who_page(request, f"{office.name} office", board, today)


@require_GET
def team_day(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for(request.user, pk)
    today = timezone.localdate()
    day = _day_param(request, today)
    board = who_is_in(team_people(team), day, desks=None)
    return _who_page(request, f"Team {team.name}", board, today)


def _who_page(request: HttpRequest, title: str, board: WhoIsIn, today: date) -> HttpResponse:
    labels = {kind: label for kind, _, label in LEGEND}
    groups = [
        {"kind": kind, "letter": LETTER[kind], "label": labels[kind], "people": people}
        for kind, people in board.groups.items()
    ]
    return render(
        request,
        "schedule/who.html",
        {
            "title": title,
            "board": board,
            "groups": groups,
            "today": today,
            "prev": board.day - timedelta(days=1),
            "next": board.day + timedelta(days=1),
        },
    )


@require_GET
def team_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's people by days, a week or a month (``?view=month``); htmx gets the grid."""
    team = get_team_for(request.user, pk)
    today = timezone.localdate()
    view = "month" if request.GET.get("view") == "month" else "week"
    try:
        anchor = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        anchor = today
    cal = grid(team_people(team), view, anchor)
    rows = [(p, [(c.kind, LETTER.get(c.kind, "?")) for c in cells]) for p, cells in cal.rows]
    context = {
        "team": team,
        "grid": cal,
        "rows": rows,
        "view": view,
        "today": today,
        "legend": LEGEND,
    }
    template = "schedule/_grid.html" if is_htmx(request) else "schedule/team.html"
    return render(request, template, context)
