"""Table-driven tests of the request letter (pure: no database, no Django)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from homeward.coach.benefits import Commute, compute_benefits
from homeward.coach.letter import (
    TONES,
    Commitments,
    Letter,
    LetterInput,
    compose,
    format_date,
)

HOSTILE = "<script>alert(1)</script>"


def _input(**changes) -> LetterInput:
    """Ana's first request to her manager Marc: every Wednesday, 20 km by car."""
    base = LetterInput(
        employee_name="Ana Lopez",
        manager_name="Marc",
        pattern_description="every Wednesday",
        start_date=date(2026, 1, 5),
        trial_weeks=12,
        review_date=date(2026, 3, 30),
        commitments=Commitments(
            core_hours="09:30 to 16:00",
            response_minutes=30,
            recall_notice_hours=24,
            outage_plan="I switch to a mobile hotspot and come in if it lasts over an hour",
        ),
        benefits=compute_benefits(Commute(20, 45, "car"), 1),
        own_benefits=["Fewer interruptions when writing reports"],
        concerns_answered=[
            ("Who pays for home internet access?", "The employee, with a monthly allowance."),
            ("Equipment ownership", "The laptop stays company property."),
        ],
        role="Claims analyst",
        team="Claims team",
        policy_version="Home working policy v3",
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize(
    "expected",
    [
        "every Wednesday",
        "Monday 5 January 2026",
        "Monday 30 March 2026",
        "12",
        "09:30 to 16:00",
        "within 30 minutes",
        "with 24 hours' notice",
        "mobile hotspot",
        "5.8 hours a month (69 hours a year)",
        "1,840 km a year",
        "313 kg CO2e",
        "Fewer interruptions when writing reports",
        "Who pays for home internet access? The employee, with a monthly allowance.",
        "Equipment ownership: The laptop stays company property.",
        "Home working policy v3",
        "Marc",
        "Ana Lopez",
        "Claims analyst, Claims team",
    ],
)
def test_letter_names_everything_in_every_tone(tone, expected):
    letter = compose(_input(), tone)
    assert expected in letter.text
    assert expected.replace("'", "&#x27;") in letter.html


@pytest.mark.parametrize(
    ("tone", "subject"),
    [
        (
            "formal",
            "Request to work from home: every Wednesday, 12-week trial from Monday 5 January 2026",
        ),
        ("warm", "Could I try working from home every Wednesday?"),
        ("concise", "Home-working trial request: every Wednesday, from Monday 5 January 2026"),
    ],
)
def test_subjects(tone, subject):
    assert compose(_input(), tone).subject == subject


@pytest.mark.parametrize(
    ("tone", "greeting", "sign_off"),
    [
        ("formal", "Dear Marc,", "Kind regards,"),
        ("warm", "Hi Marc,", "Best wishes,"),
        ("concise", "Dear Marc,", "Regards,"),
    ],
)
def test_tones_differ_in_greeting_and_sign_off(tone, greeting, sign_off):
    text = compose(_input(), tone).text
    assert text.startswith(greeting + "\n\n")
    assert f"{sign_off}\nAna Lopez\nClaims analyst, Claims team\n" in text


def test_concise_is_the_shortest_and_every_letter_is_short():
    lengths = {tone: len(compose(_input(), tone).text.split()) for tone in TONES}
    assert lengths["concise"] == min(lengths.values())
    assert max(lengths.values()) < 300


def test_unknown_tone_is_rejected():
    with pytest.raises(ValueError, match="unknown tone"):
        compose(_input(), "sarcastic")


@pytest.mark.parametrize("tone", TONES)
def test_letters_are_deterministic(tone):
    first = compose(_input(), tone)
    second = compose(_input(), tone)
    assert first == second
    assert isinstance(first, Letter)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize(
    "field",
    [
        "own_benefits",
        "employee_name",
        "manager_name",
        "pattern_description",
        "concerns_answered",
        "commitments",
        "evidence_precedent",
        "role",
        "policy_version",
    ],
)
def test_html_escapes_hostile_user_text(tone, field):
    values = {
        "own_benefits": [HOSTILE],
        "concerns_answered": [(HOSTILE + "?", HOSTILE)],
        "commitments": [HOSTILE],
    }
    letter = compose(_input(**{field: values.get(field, HOSTILE)}), tone)
    assert "<script>" not in letter.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in letter.html
    # The plain-text letter keeps the text as typed.
    assert HOSTILE in letter.text


def test_html_structure_uses_only_its_own_tags():
    letter = compose(_input(own_benefits=['"quoted" & <b>bold</b>']), "formal")
    assert "&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;" in letter.html
    assert "<b>" not in letter.html
    assert letter.html.startswith("<p>Dear Marc,</p>\n")
    assert "<ul><li>being available during core hours, 09:30 to 16:00</li>" in letter.html
    assert letter.html.endswith(
        "<p>Kind regards,<br>Ana Lopez<br>Claims analyst, Claims team</p>\n"
    )


def test_braces_in_user_text_are_not_placeholders():
    letter = compose(_input(manager_name="{pattern}", pattern_description="{manager}"), "formal")
    assert letter.text.startswith("Dear {pattern},")
    assert "working from home {manager}," in letter.text


def test_line_breaks_in_subject_are_removed():
    letter = compose(_input(pattern_description="every Wednesday\r\nBcc: x@example.com"), "formal")
    assert "\n" not in letter.subject
    assert "\r" not in letter.subject


@pytest.mark.parametrize("tone", TONES)
def test_follow_up_letter_cites_the_trial_evidence(tone):
    evidence = (
        "During the trial, tickets resolved on home days were 4% higher (95% interval -1% to 9%)."
    )
    letter = compose(
        _input(
            pattern_description="every Monday and Wednesday",
            is_first_request=False,
            evidence_precedent=evidence,
        ),
        tone,
    )
    assert evidence in letter.text
    assert "every Monday and Wednesday" in letter.subject
    assert "trial request" not in letter.subject
    assert "step" in letter.text


@pytest.mark.parametrize("tone", TONES)
def test_empty_sections_are_left_out(tone):
    bare = _input(
        commitments=(),
        benefits=None,
        own_benefits=(),
        concerns_answered=(),
        role="",
        team="",
        policy_version="",
    )
    letter = compose(bare, tone)
    assert "<ul>" not in letter.html
    assert "\n- " not in letter.text
    assert "()" not in letter.text
    assert letter.text.endswith("\nAna Lopez\n")


def test_benefits_may_be_given_as_label_value_pairs():
    letter = compose(_input(benefits=[("Downtime avoided", "about 2 hours a week")]), "concise")
    assert "- Downtime avoided: about 2 hours a week" in letter.text


def test_no_benefit_lines_for_zero_figures():
    letter = compose(_input(benefits=compute_benefits(Commute(20, 45, "car"), 0)), "formal")
    assert "Commuting" not in letter.text
    assert "Fewer interruptions when writing reports" in letter.text


@pytest.mark.parametrize(
    ("commitments", "lines"),
    [
        (Commitments(response_minutes=60), ["answering messages and calls within an hour"]),
        (Commitments(response_minutes=120), ["answering messages and calls within 2 hours"]),
        (
            Commitments(recall_notice_hours=1),
            ["coming into the office when called in, with 1 hour's notice"],
        ),
        (
            Commitments(recall_notice_hours=0),
            ["coming into the office when called in, the same day if needed"],
        ),
        (Commitments(), []),
    ],
)
def test_commitment_lines(commitments, lines):
    assert commitments.lines() == lines


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 5), "Monday 5 January 2026"),
        (date(2026, 3, 30), "Monday 30 March 2026"),
        (date(2024, 2, 29), "Thursday 29 February 2024"),
        (date(2025, 12, 21), "Sunday 21 December 2025"),
    ],
)
def test_format_date(day, text):
    assert format_date(day) == text


@pytest.mark.parametrize("tone", TONES)
def test_required_statements_follow_the_ask_as_written(tone):
    statements = (
        "This is a statutory request for flexible working.",
        "I have not made a previous request <before>.",
    )
    letter = compose(_input(statements=statements), tone)
    paragraphs = letter.text.split("\n\n")
    assert paragraphs[2:4] == list(statements)
    assert "<p>I have not made a previous request &lt;before&gt;.</p>" in letter.html
    assert compose(_input(statements=("",)), tone) == compose(_input(), tone)
