"""Telework agreements and HR's agreement templates.

The same actions and access helpers as the pages: 404 for an agreement one may not see,
403 for what one may not do (templates are HR's), 422 with the reasons for a template that
is refused (an unknown placeholder, HTML or script) or an agreement that lacks a required
content, 409 for a verb that does not fit the agreement's state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from homeward.agreements import actions, language
from homeward.agreements.access import (
    check_template_access,
    get_agreement_for,
    visible_agreements,
)
from homeward.agreements.models import Agreement, AgreementTemplate

router = Router(tags=["agreements"])


class Detail(Schema):
    detail: Any


ERRORS: dict[int, Any] = {403: Detail, 404: Detail, 409: Detail, 422: Detail}


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

    @staticmethod
    def resolve_employee_id(a: Agreement) -> int:
        return a.arrangement.employee_id


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
