"""The agreement template language: plain text with placeholders from a fixed list.

A pure engine (no Django). A template is text; ``{{ name }}`` is replaced by the value of
the placeholder ``name``; a line ``# covers: key, key`` says which of the rule pack's
required contents the section after it covers, and is left out of the agreement. Nothing
else is special: no logic, no loops, no HTML. ``check`` refuses, when a template is saved,
an unknown placeholder, a malformed one, and any HTML or script (the agreement is plain
text, escaped wherever it is shown).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

# The placeholders a template may use, with what each one says (shown to HR beside the editor).
PLACEHOLDERS: Mapping[str, str] = {
    "employee_name": "The employee's name",
    "manager_name": "The manager who approved the arrangement",
    "employer_name": "The organisation's name",
    "office_name": "The office the employee is attached to",
    "jurisdiction": "The jurisdiction's name (the rule pack)",
    "pattern": "The pattern of home and office days, in words",
    "home_days_per_week": "Home days per week",
    "hours": "The working hours (reduced hours where the arrangement has them)",
    "start_date": "The date the arrangement starts",
    "review_date": "The trial's review date (blank for a standing arrangement)",
    "end_date": "The end date (blank when open-ended)",
    "concern_answers": "Every resolved concern on the request, with its answer",
    "version": "The agreement's version number",
    "issued_on": "The date the agreement was issued",
}

# Which required content item (the pack's key) a placeholder supplies, when its value is not
# empty. Items not listed here are covered by a "# covers:" line over the section that says it.
PLACEHOLDER_COVERS: Mapping[str, tuple[str, ...]] = {
    "employee_name": ("parties",),
    "start_date": ("start_date",),
    "end_date": ("end_date",),
    "pattern": ("arrangement_details", "telework_days", "office_remote_split", "schedule"),
    "hours": ("hours",),
    "office_name": ("attached_centre",),
}

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
_COVERS = re.compile(r"^#\s*covers:\s*(.*)$", re.IGNORECASE)
# A tag, a comment, a doctype or an entity: the agreement is plain text.
_HTML = re.compile(r"<\s*[A-Za-z/!?]|&[A-Za-z#][A-Za-z0-9]*;")
_SCRIPT = re.compile(r"javascript:|vbscript:|data:text/html", re.IGNORECASE)


@dataclass(frozen=True)
class Rendered:
    text: str
    covered: frozenset[str]


def check(template: str) -> list[str]:
    """What is wrong with a template (empty when it may be saved)."""
    errors: list[str] = []
    if not template.strip():
        return ["The template is empty."]
    if _HTML.search(template):
        errors.append("HTML is not allowed in an agreement template: write plain text.")
    if _SCRIPT.search(template):
        errors.append("Script addresses (javascript:, data:) are not allowed in a template.")
    unknown = sorted({m for m in _PLACEHOLDER.findall(template) if m not in PLACEHOLDERS})
    if unknown:
        errors.append(
            "Unknown placeholder(s): "
            + ", ".join("{{ %s }}" % u for u in unknown)  # noqa: UP031
            + ". Use only the listed ones."
        )
    leftover = _PLACEHOLDER.sub("", template)
    if "{{" in leftover or "}}" in leftover or "{%" in leftover:
        errors.append("A placeholder is malformed: write it as {{ name }}.")
    return errors


def covered_keys(template: str) -> frozenset[str]:
    """The content keys the template's "# covers:" lines name."""
    keys: set[str] = set()
    for line in template.splitlines():
        if m := _COVERS.match(line.strip()):
            keys.update(k.strip() for k in m.group(1).split(",") if k.strip())
    return frozenset(keys)


def declared_coverage(template: str) -> frozenset[str]:
    """What the template covers when every placeholder it uses has a value."""
    keys = set(covered_keys(template))
    for name in _PLACEHOLDER.findall(template):
        keys.update(PLACEHOLDER_COVERS.get(name, ()))
    return frozenset(keys)


def render(template: str, values: Mapping[str, str]) -> Rendered:
    """The agreement's text and the content keys it covers. ``check`` it first."""
    used = set(_PLACEHOLDER.findall(template))
    covered = set(covered_keys(template))
    for name in used:
        if values.get(name, "").strip():
            covered.update(PLACEHOLDER_COVERS.get(name, ()))
    lines = [line for line in template.splitlines() if not _COVERS.match(line.strip())]
    text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), "\n".join(lines))
    return Rendered(text=text.strip() + "\n", covered=frozenset(covered))


def missing(required: Collection[str], covered: Collection[str]) -> list[str]:
    """The required keys not covered, in the pack's order."""
    return [key for key in required if key not in covered]
