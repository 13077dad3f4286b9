"""Telework agreements and HR's agreement templates.

The same actions and access helpers as the pages: 404 for an agreement one may not see,
403 for what one may not do (templates are HR's), 422 with the reasons for a template that
is refused (an unknown placeholder, HTML or script) or an agreement that lacks a required
content, 409 for a verb that does not fit the agreement's state.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status

from homeward.accounts.models import User
from homeward.accounts.reauth import AUTH_METHOD, is_fresh
from homeward.agreements import actions, language
from homeward.agreements.access import (
    check_template_access,
    get_agreement_for,
    visible_agreements,
)
from homeward.agreements.models import Agreement, AgreementTemplate, Signature

router = Router(tags=["agreements"])


class Detail(Schema):
    detail: Any


ERRORS: dict[int, Any] = {403: Detail, 404: Detail, 409: Detail, 422: Detail}


class SignatureOut(Schema):
    role: str
    person_id: int
    signed_at: datetime
    text_sha256: str
    method: str


class SignIn(Schema):
    text_sha256: str
    # Re-authentication with a token: the password again. A signed-in browser session that
    # re-authenticated within HOMEWARD_REAUTH_MAX_AGE_SECONDS needs none.
    password: str = ""


class TrainingIn(Schema):
    on: date


class RepsCopyIn(Schema):
    sent_on: date
    to: str


class AgreementOut(Schema):
    id: int
    arrangement_id: int
    employee_id: int
    version: int
    jurisdiction: str
    status: str
    text: str
    text_sha256: str
    missing: list[str]
    created_at: datetime
    issued_at: datetime | None
    signed_at: datetime | None
    arrangement_status: str
    required_signatures: list[str]
    signatures: list[SignatureOut]
    training_completed_on: date | None
    reps_copy_sent_on: date | None
    reps_copy_to: str

    @staticmethod
    def resolve_employee_id(a: Agreement) -> int:
        return a.arrangement.employee_id

    @staticmethod
    def resolve_arrangement_status(a: Agreement) -> str:
        return a.arrangement.status

    @staticmethod
    def resolve_required_signatures(a: Agreement) -> list[str]:
        return actions.required_roles(a)

    @staticmethod
    def resolve_signatures(a: Agreement) -> list[Signature]:
        return list(a.signatures.all())


class TemplateOut(Schema):
    jurisdiction: str
    body: str
    is_default: bool
    placeholders: dict[str, str]
    required_contents: list[str]
    not_covered: list[str]


class TemplateIn(Schema):
    body: str


def _template_out(code: str) -> dict[str, Any]:
    body = actions.template_for(code)
    required = actions.required_contents(code)
    return {
        "jurisdiction": code,
        "body": body,
        "is_default": not AgreementTemplate.objects.filter(jurisdiction=code).exists(),
        "placeholders": dict(language.PLACEHOLDERS),
        "required_contents": required,
        "not_covered": language.missing(required, language.declared_coverage(body)),
    }


@router.get("/agreements", response=list[AgreementOut])
def list_agreements(request: HttpRequest) -> Any:
    """The latest version of every agreement the caller may see."""
    return visible_agreements(request.user)


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS})
def get_agreement(request: HttpRequest, agreement_id: int) -> Any:
    return get_agreement_for(request.user, agreement_id)


@router.post("/agreements/{agreement_id}/issue", response={200: AgreementOut, **ERRORS})
def issue_agreement(request: HttpRequest, agreement_id: int) -> Any:
    """HR generates a draft again from the current template and issues it; 422 names the
    required contents still missing."""
    agreement = get_agreement_for(request.user, agreement_id)
    return actions.regenerate_agreement(agreement_id=agreement.pk, actor=request.user)


@router.get("/agreement-templates/{code}", response={200: TemplateOut, **ERRORS})
def get_template(request: HttpRequest, code: str) -> Any:
    check_template_access(request.user, code)
    return _template_out(code)


@router.put("/agreement-templates/{code}", response={200: TemplateOut, **ERRORS})
def put_template(request: HttpRequest, code: str, payload: TemplateIn) -> Any:
    """Save a jurisdiction's template (HR); 422 for an unknown placeholder, HTML or script."""
    check_template_access(request.user, code)
    actions.save_template(jurisdiction=code, body=payload.body, actor=request.user)
    return _template_out(code)


def _reauthenticated(request: HttpRequest, password: str) -> str:
    """How the caller re-authenticated, or 403."""
    if hasattr(request, "session") and is_fresh(request):
        return str(request.session.get(AUTH_METHOD, "password"))
    user = request.user
    if isinstance(user, User) and password and user.check_password(password):
        return "password"
    raise PermissionDenied(
        "Signing needs a fresh sign-in: send your password, or sign in the browser again "
        "(with single sign-on, sign in the browser)."
    )


@router.post("/agreements/{agreement_id}/sign", response={201: SignatureOut, **ERRORS})
def sign(request: HttpRequest, agreement_id: int, payload: SignIn) -> Any:
    """Sign the version whose text has ``text_sha256``, after re-authenticating: 403 without
    it or for someone else's agreement, 409 signing twice, an outdated version or a draft,
    422 when the text changed (or the telework training is not recorded, US federal)."""
    agreement = get_agreement_for(request.user, agreement_id)
    method = _reauthenticated(request, payload.password)
    signature = actions.sign_agreement(
        agreement_id=agreement.pk,
        actor=request.user,
        text_sha256=payload.text_sha256,
        method=method,
    )
    return Status(201, signature)


@router.post("/agreements/{agreement_id}/training", response={200: AgreementOut, **ERRORS})
def training(request: HttpRequest, agreement_id: int, payload: TrainingIn) -> Any:
    """US federal: the employee (or HR) records the telework training date."""
    agreement = get_agreement_for(request.user, agreement_id)
    return actions.record_training(agreement_id=agreement.pk, on=payload.on, actor=request.user)


@router.post("/agreements/{agreement_id}/reps-copy", response={200: AgreementOut, **ERRORS})
def reps_copy(request: HttpRequest, agreement_id: int, payload: RepsCopyIn) -> Any:
    """Spain: HR records the copy given to the workers' representatives (date, to whom)."""
    agreement = get_agreement_for(request.user, agreement_id)
    return actions.record_reps_copy(
        agreement_id=agreement.pk, sent_on=payload.sent_on, to=payload.to, actor=request.user
    )
