"""Personal data: download mine (JSON or PDF); HR previews and carries out an erasure."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema

from homeward.people.access import get_person_for
from homeward.privacy.actions import Preview, check_may_erase, erase_person, preview
from homeward.privacy.export import export_document, export_pdf

router = Router(tags=["personal data"])


class SubjectOut(Schema):
    name: str
    email: str
    person_id: int | None


class SectionOut(Schema):
    model: str
    role: str
    title: str
    rows: list[dict[str, Any]]


class PersonalDataOut(Schema):
    format: str
    version: int
    generated_at: datetime
    subject: SubjectOut
    sections: list[SectionOut]


class KeptOut(Schema):
    proposal_id: int
    until: date
    what: str
    citation: str


class ErasureOut(Schema):
    person_id: int
    erased: bool
    erased_at: datetime | None
    completed_at: datetime | None
    may_erase: bool
    refused: str
    open_work: list[str]
    kept: list[KeptOut]
    keep_until: date | None


class ErasureIn(Schema):
    confirm: bool = False


@router.get("/me/data", response=PersonalDataOut)
def my_data(request: HttpRequest) -> dict[str, Any]:
    """Everything held about the caller, by model: `about` rows are about them, `by` rows
    are their part in other people's records. The same document as the profile's download."""
    return export_document(request.user)


@router.get("/me/data.pdf")
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    """The same as a readable PDF (application/pdf)."""
    response = HttpResponse(export_pdf(request.user), content_type="application/pdf")
    name = f"homeward-my-data-{timezone.localdate().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _out(p: Preview) -> dict[str, Any]:
    e = p.erasure
    records: list[dict[str, Any]]
    if e is not None:
        records = [{**r, "until": date.fromisoformat(r["until"])} for r in e.records]
    else:
        records = [r.__dict__ for r in p.records]
    return {
        "person_id": p.person.pk,
        "erased": e is not None,
        "erased_at": e.erased_at if e else None,
        "completed_at": e.completed_at if e else None,
        "may_erase": p.possible,
        "refused": p.refused,
        "open_work": p.problems,
        "kept": records,
        "keep_until": max((r["until"] for r in records), default=None),
    }


@router.get("/people/{person_id}/erasure", response=ErasureOut)
def erasure_preview(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """HR: whether this person's personal data may be erased, what stands in the way, and
    which records their rule pack keeps until when (or the erasure, once done)."""
    person = get_person_for(request.user, person_id)
    return _out(preview(actor=request.user, person=person))


@router.post("/people/{person_id}/erasure", response=ErasureOut)
def erasure_run(request: HttpRequest, person_id: int, body: ErasureIn) -> dict[str, Any]:
    """HR: erase this person's personal data (send `{"confirm": true}`). 403 for who may
    not (themself, an administrator for HR, someone above them); 422 when already erased or
    while work is open (reports, requests to decide, their own open requests)."""
    person = get_person_for(request.user, person_id)
    check_may_erase(request.user, person)
    if not body.confirm:
        raise ValidationError({"confirm": "Send confirm: true; erasing cannot be undone."})
    erase_person(actor=request.user, person=person)
    return _out(preview(actor=request.user, person=person))
