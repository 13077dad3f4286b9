"""The personal-data pages: download my data (JSON, PDF), and HR's erase page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from homeward.people.access import get_person_for, is_hr
from homeward.privacy.actions import erase_person, preview
from homeward.privacy.export import export_document, export_pdf


def _download(response: HttpResponse, extension: str) -> HttpResponse:
    name = f"homeward-my-data-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def my_data_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export_document(request.user), cls=DjangoJSONEncoder, indent=1)
    return _download(HttpResponse(body, content_type="application/json"), "json")


@require_GET
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    return _download(HttpResponse(export_pdf(request.user), content_type="application/pdf"), "pdf")


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_hr(request.user):
        raise PermissionDenied("Only HR and administrators can erase personal data.")
    person = get_person_for(request.user, pk)
    errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            errors.append("Tick the box to confirm: erasing cannot be undone.")
        else:
            name = person.name
            try:
                erase_person(actor=request.user, person=person)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, f"{name}'s personal data was erased.")
                return redirect("privacy:erase", pk=pk)
    shown = preview(actor=request.user, person=person)
    status = 400 if errors else 200
    return render(
        request,
        "privacy/erase.html",
        {"person": person, "preview": shown, "errors": errors},
        status=status,
    )
