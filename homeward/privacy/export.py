"""Everything held about the signed-in person, as one JSON document and as a readable PDF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from homeward.evidence.pdf import render_pdf
from homeward.lib.personal_data import Subject
from homeward.people.models import Person
from homeward.privacy.registry import PROVIDERS

FORMAT, VERSION = "homeward-personal-data", 1


def subject_of(user: Any) -> Subject:
    try:
        person = Person.objects.select_related("user").get(user=user)
    except Person.DoesNotExist:
        person = None
    return Subject(user, person)


def _title(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except LookupError:
        return label


def export_document(user: Any) -> dict[str, Any]:
    """The subject's data from every app's declaration, as plain JSON values (dates as ISO
    text, decimals as strings). Sections with no rows are listed too, so the person sees
    every kind of data the installation could hold about them."""
    subject = subject_of(user)
    sections = [
        {
            "model": s.model,
            "role": s.role,
            "title": _title(s.model),
            "rows": s.rows,
        }
        for provider in PROVIDERS
        for s in provider.export(subject)
    ]
    person = subject.person
    document = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now(),
        "subject": {
            "name": person.name if person is not None else "",
            "email": user.email,
            "person_id": person.pk if person is not None else None,
        },
        "sections": sections,
    }
    # One encoding for the download, the API and the PDF: what they show is what is sent.
    parsed: dict[str, Any] = json.loads(json.dumps(document, cls=DjangoJSONEncoder))
    return parsed


@dataclass(frozen=True)
class Field:
    label: str
    text: str
    long: bool


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True)
    return str(value)


def _label(key: str) -> str:
    words = key.replace("__", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def readable(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections that have rows, each row as (label, text) pairs for the PDF."""
    out = []
    for section in document["sections"]:
        if not section["rows"]:
            continue
        rows = [
            [Field(_label(k), t := _text(v), len(t) > 80 or "\n" in t) for k, v in row.items()]
            for row in section["rows"]
        ]
        out.append({**section, "readable": rows})
    return out


def export_pdf(user: Any) -> bytes:
    """The same document as a PDF. It is rendered from self-contained HTML through the
    evidence PDF's renderer, whose URL fetcher refuses everything: nothing is fetched."""
    document = export_document(user)
    html = render_to_string(
        "privacy/data_pdf.html",
        {
            "document": document,
            "sections": readable(document),
            "empty": [s for s in document["sections"] if not s["rows"]],
        },
    )
    return render_pdf(html)
