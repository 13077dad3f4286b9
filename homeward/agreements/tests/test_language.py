"""The template language (a pure engine) and the packs' default templates."""

from __future__ import annotations

import pytest

from homeward.agreements import language
from homeward.agreements.defaults import default_template
from homeward.policy.rules import PACKS


def test_known_placeholders_are_replaced_and_covers_lines_dropped() -> None:
    out = language.render(
        "# covers: expenses\nHello {{ employee_name }}, from {{start_date}}.",
        {"employee_name": "Ana", "start_date": "2026-12-07"},
    )
    assert out.text == "Hello Ana, from 2026-12-07.\n"
    assert out.covered == {"expenses", "parties", "start_date"}


def test_an_empty_value_covers_nothing() -> None:
    out = language.render("Ends {{ end_date }}.", {"end_date": ""})
    assert "end_date" not in out.covered


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("Dear {{ salary }}", "Unknown placeholder(s): {{ salary }}"),
        ("<script>alert(1)</script>", "HTML is not allowed"),
        ("<b>bold</b>", "HTML is not allowed"),
        ("see &amp; sign", "HTML is not allowed"),
        ("click javascript:alert(1)", "Script addresses"),
        ("Dear {{ employee_name }", "malformed"),
        ("{% if x %}", "malformed"),
        ("   ", "empty"),
    ],
)
def test_unsafe_or_unknown_templates_are_refused(template: str, fragment: str) -> None:
    assert any(fragment in e for e in language.check(template))


def test_plain_comparisons_are_not_html() -> None:
    assert language.check("Pay rises if hours > 30 and days < 3 for {{ employee_name }}.") == []


@pytest.mark.parametrize("code", list(PACKS))
def test_every_default_template_is_valid_and_covers_its_pack(code: str) -> None:
    body = default_template(code)
    assert language.check(body) == []
    required = [item.key for item in PACKS[code].agreement_contents]
    assert language.missing(required, language.declared_coverage(body)) == []


def test_default_covers_the_issue_list_of_contents() -> None:
    body = default_template("ES").lower()
    for topic in (
        "equipment",
        "costs and compensation",
        "insurance",
        "data protection",
        "health and safety",
        "recall",
        "outages",
        "working when ill",
        "reversibility",
        "{{ concern_answers }}",
    ):
        assert topic in body
