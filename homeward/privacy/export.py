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
COMPACT_COLUMNS = 8


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


def _scalar(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _pretty(value: Any, depth: int = 0) -> list[str]:
    """Structured values as indented lines people can read: "key: value", one line per list
    of plain values, a dash per item of a list of records."""
    pad = "  " * depth
    if isinstance(value, dict):
        lines = []
        for key in sorted(value):
            item = value[key]
            if isinstance(item, dict | list) and item and not _flat(item):
                lines += [f"{pad}{_label(str(key))}:", *_pretty(item, depth + 1)]
            else:
                lines.append(f"{pad}{_label(str(key))}: {_inline(item)}")
        return lines
    if isinstance(value, list):
        if _flat(value):
            return [pad + _inline(value)]
        lines = []
        for item in value:
            inner = _pretty(item, depth + 1)
            lines.append(f"{pad}- " + inner[0].strip() if inner else f"{pad}-")
            lines += inner[1:]
        return lines
    return [pad + _scalar(value)]


def _flat(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return not any(isinstance(v, dict | list) and v for v in items)


def _inline(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_inline(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_inline(v)}" for k, v in sorted(value.items())) or "—"
    return _scalar(value)


def _text(value: Any) -> str:
    if isinstance(value, dict | list) and value:
        return "\n".join(_pretty(value))
    if value == [] or value == {}:
        return "—"
    return _scalar(value)


def _label(key: str) -> str:
    words = key.replace("__", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def readable(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections that have rows, for the PDF. Rows of a few short values (results,
    notifications) become one table with a column per field; others a block per row."""
    out = []
    for section in document["sections"]:
        if not section["rows"]:
            continue
        rows = [
            [Field(_label(k), t := _text(v), len(t) > 80 or "\n" in t) for k, v in row.items()]
            for row in section["rows"]
        ]
        keys = {tuple(row) for row in section["rows"]}
        compact = (
            len(keys) == 1
            and len(next(iter(keys))) <= COMPACT_COLUMNS
            and not any(f.long for row in rows for f in row)
        )
        columns = [f.label for f in rows[0]] if compact else []
        out.append({**section, "readable": rows, "compact": compact, "columns": columns})
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
