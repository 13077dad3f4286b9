"""Pages for agreements and HR's agreement templates. State changes only on POST, each
calling one function in ``actions.py``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.accounts.reauth import AUTH_METHOD, require_fresh_auth
from homeward.agreements import actions, language
from homeward.agreements.access import (
    check_template_access,
    get_agreement_for,
    visible_agreements,
)
from homeward.agreements.actions.signing import needs_training, required_roles, role_of
from homeward.agreements.forms import TemplateForm
from homeward.agreements.models import AgreementStatus, AgreementTemplate
from homeward.lib.forms import add_errors
from homeward.people.access import is_hr, person_of
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
    signed = {s.role: s for s in agreement.signatures.select_related("person")}
    role = role_of(person_of(request.user), agreement, request.user)
    can_sign = (
        role is not None
        and role not in signed
        and agreement.status in (AgreementStatus.ISSUED, AgreementStatus.SIGNED)
        and all(
            s.person_id != getattr(person_of(request.user), "pk", None) for s in signed.values()
        )
    )
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "versions": versions,
            "missing": actions.missing_labels(agreement.jurisdiction, agreement.missing),
            "can_issue": is_hr(request.user) and agreement.status == AgreementStatus.DRAFT,
            "signatures": [(r, signed.get(r)) for r in required_roles(agreement)],
            "can_sign": can_sign,
            "needs_training": needs_training(agreement),
            "reps_copy": agreement.jurisdiction == "ES",
            "is_hr": is_hr(request.user),
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


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign, after a fresh sign-in (the password again, or the identity provider's)."""
    agreement = get_agreement_for(request.user, pk)
    detail = reverse("agreements:detail", args=[agreement.pk])
    if (again := require_fresh_auth(request, next_url=detail)) is not None:
        messages.info(request, "Confirm it is you, then press Sign again.")
        return again
    try:
        actions.sign_agreement(
            agreement_id=agreement.pk,
            actor=request.user,
            text_sha256=request.POST.get("text_sha256", ""),
            method=str(request.session.get(AUTH_METHOD, "password")),
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "You have signed the agreement.")
    return redirect(detail)


@require_POST
def agreement_training(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for(request.user, pk)
    try:
        on = _date(request.POST.get("on", ""), "on")
        actions.record_training(agreement_id=agreement.pk, on=on, actor=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("agreements:detail", pk=agreement.pk)


@require_POST
def agreement_reps_copy(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for(request.user, pk)
    try:
        sent_on = _date(request.POST.get("sent_on", ""), "sent_on")
        actions.record_reps_copy(
            agreement_id=agreement.pk,
            sent_on=sent_on,
            to=request.POST.get("to", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("agreements:detail", pk=agreement.pk)


def _date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({field: "Give a date as YYYY-MM-DD."}) from None
