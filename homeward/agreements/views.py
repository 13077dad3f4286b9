"""Pages for agreements and HR's agreement templates. State changes only on POST, each
calling one function in ``actions.py``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.agreements import actions, language
from homeward.agreements.access import (
    check_template_access,
    get_agreement_for,
    visible_agreements,
)
from homeward.agreements.forms import TemplateForm
from homeward.agreements.models import AgreementStatus, AgreementTemplate
from homeward.lib.forms import add_errors
from homeward.people.access import is_hr
from homeward.policy.rules import PACKS


@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    saved = {t.jurisdiction: t for t in AgreementTemplate.objects.all()}
    templates = [
        {
            "code": code,
            "name": pack.name,
            "required": len(pack.agreement_contents),
            "saved": saved.get(code),
        }
        for code, pack in PACKS.items()
    ]
    return render(
        request,
        "agreements/list.html",
        {
            "agreements": visible_agreements(request.user),
            "templates": templates if is_hr(request.user) else [],
        },
    )


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for(request.user, pk)
    versions = agreement.arrangement.agreements.order_by("-version")
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "versions": versions,
            "missing": actions.missing_labels(agreement.jurisdiction, agreement.missing),
            "can_issue": is_hr(request.user) and agreement.status == AgreementStatus.DRAFT,
        },
    )


@require_POST
def agreement_issue(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for(request.user, pk)
    try:
        actions.regenerate_agreement(agreement_id=agreement.pk, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The agreement is issued, ready to sign.")
    return redirect("agreements:detail", pk=agreement.pk)


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, code: str) -> HttpResponse:
    check_template_access(request.user, code)
    pack = PACKS[code]
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                actions.save_template(
                    jurisdiction=code, body=form.cleaned_data["body"], actor=request.user
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"The {pack.name} agreement template is saved.")
                return redirect("agreements:template", code=code)
    else:
        form = TemplateForm(initial={"body": actions.template_for(code)})
    body = form.data.get("body") if form.is_bound else form.initial["body"]
    covered = language.declared_coverage(body or "")
    required = [
        {"key": i.key, "label": i.label, "citation": i.citation, "covered": i.key in covered}
        for i in pack.agreement_contents
    ]
    return render(
        request,
        "agreements/template_edit.html",
        {
            "form": form,
            "pack": pack,
            "code": code,
            "placeholders": language.PLACEHOLDERS.items(),
            "required": required,
        },
    )
