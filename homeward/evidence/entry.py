"""Entering results: the weekly grid (by hand) and the CSV import page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from homeward.accounts.models import Actor
from homeward.coach.patterns import WEEKDAY_NAMES
from homeward.evidence.access import (
    get_result_person_for,
    result_people,
    visible_metrics,
)
from homeward.evidence.actions import import_csv, write_results
from homeward.evidence.days import DayClassifier, monday_of
from homeward.evidence.forms import (
    ResultsImportForm,
)
from homeward.evidence.models import (
    DayType,
    Metric,
    ResultEntry,
    Source,
)
from homeward.evidence.results import HEADER, OPTIONAL, ResultInput, RowChecker
from homeward.lib.http import is_htmx
from homeward.people.access import is_hr, require_person
from homeward.people.models import Person


def _grid_person(request: HttpRequest) -> Person:
    pk = request.GET.get("person") or request.POST.get("person")
    if pk:
        return get_result_person_for(request.user, pk)
    return require_person(request)


def _week(request: HttpRequest) -> date:
    raw = request.GET.get("week") or request.POST.get("week") or ""
    try:
        return monday_of(date.fromisoformat(raw))
    except ValueError:
        return monday_of(timezone.localdate())


def _grid_context(
    person: Person, monday: date, user: Actor, values: dict[str, str] | None = None
) -> dict[str, Any]:
    days = [monday + timedelta(days=i) for i in range(5)]
    metrics = list(Metric.objects.current().applying_to(person))
    daily = [m for m in metrics if not m.is_weekly]
    weekly = [m for m in metrics if m.is_weekly]
    entries = ResultEntry.objects.filter(
        person=person, metric__in=metrics, date__gte=monday, date__lte=days[-1]
    )
    stored: dict[str, str] = {}
    stated: dict[date, str] = {}
    for e in entries:
        stored[f"v-{e.metric_id}-{e.date.isoformat()}"] = f"{e.value:g}"
        if e.stated and not e.metric.is_weekly:
            stated[e.date] = e.day_type
    values = values if values is not None else stored
    classifier = DayClassifier(person)
    columns = []
    for d in days:
        auto, _ = classifier.day(d)
        columns.append(
            {
                "date": d,
                "name": WEEKDAY_NAMES[d.weekday()],
                "auto": DayType(auto).label,
                "holiday": classifier.holiday_name(d),
                "stated": values.get(f"t-{d.isoformat()}", stated.get(d, "")),
                "future": d > timezone.localdate(),
            }
        )
    rows = [
        {
            "metric": m,
            "cells": [
                {
                    "name": f"v-{m.pk}-{d.isoformat()}",
                    "value": values.get(f"v-{m.pk}-{d.isoformat()}", ""),
                    "future": d > timezone.localdate(),
                    "label": f"{m.name}, {WEEKDAY_NAMES[d.weekday()]} {d.day}",
                }
                for d in days
            ],
        }
        for m in daily
    ]
    weekly_rows = [
        {
            "metric": m,
            "name": f"v-{m.pk}-{monday.isoformat()}",
            "value": values.get(f"v-{m.pk}-{monday.isoformat()}", ""),
        }
        for m in weekly
    ]
    return {
        "person": person,
        "people": list(result_people(user)) if user is not None else [],
        "monday": monday,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7)
        if monday + timedelta(days=7) <= timezone.localdate()
        else None,
        "columns": columns,
        "rows": rows,
        "weekly_rows": weekly_rows,
        "day_types": [("", "From the schedule"), *DayType.choices],
        "stored": stored,
    }


@require_http_methods(["GET", "POST"])
def results_grid(request: HttpRequest) -> HttpResponse:
    person = _grid_person(request)
    monday = _week(request)
    if request.method == "POST":
        return _save_grid(request, person, monday)
    context = _grid_context(person, monday, request.user)
    template = "evidence/_grid.html" if is_htmx(request) else "evidence/grid.html"
    return render(request, template, context)


def _save_grid(request: HttpRequest, person: Person, monday: date) -> HttpResponse:
    context = _grid_context(person, monday, request.user)
    checker = RowChecker(request.user)
    errors: list[tuple[int, str]] = []
    inputs: list[ResultInput] = []
    delete: list[tuple[Person, Metric, date]] = []
    line = 0
    cells = [(r["metric"], c["name"]) for r in context["rows"] for c in r["cells"]]
    cells += [(r["metric"], r["name"]) for r in context["weekly_rows"]]
    for metric, name in cells:
        line += 1
        raw = request.POST.get(name, "").strip()
        day = date.fromisoformat(name.split("-", 2)[2])
        if not raw:
            if name in context["stored"]:
                delete.append((person, metric, day))
            continue
        stated = "" if metric.is_weekly else request.POST.get(f"t-{day.isoformat()}", "")
        item = checker.check(
            line,
            {"metric": metric.pk, "date": day, "value": raw, "day_type": stated},
            errors,
            person=person,
        )
        if item is not None:
            inputs.append(item)
    if errors:
        values = {k: request.POST.get(k, "") for k in request.POST if k.startswith(("v-", "t-"))}
        context = _grid_context(person, monday, request.user, values)
        context["errors"] = [msg for _line, msg in errors]
        template = "evidence/_grid.html" if is_htmx(request) else "evidence/grid.html"
        return render(request, template, context, status=400)
    outcome = write_results(inputs, actor=request.user, source=Source.MANUAL, delete=delete)
    messages.success(
        request,
        f"Saved: {outcome.created} new, {outcome.updated} changed, {outcome.deleted} removed.",
    )
    url = reverse("evidence:results") + f"?person={person.pk}&week={monday.isoformat()}"
    return redirect(url)


@require_http_methods(["GET", "POST"])
def results_import(request: HttpRequest) -> HttpResponse:
    if not is_hr(request.user):
        require_person(request)
    form = ResultsImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = import_csv(form.cleaned_data["file"], actor=request.user)
        if outcome.ok:
            messages.success(
                request,
                f"Imported {outcome.total} results: {outcome.created} new, "
                f"{outcome.updated} changed, {outcome.unchanged} unchanged.",
            )
            return redirect("evidence:import")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "evidence/import.html",
        {
            "form": form,
            "outcome": outcome,
            "header": ",".join(HEADER),
            "optional": OPTIONAL[0],
            "metrics": list(visible_metrics(request.user).current()[:100]),
        },
        status=status,
    )
