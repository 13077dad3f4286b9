"""The packs as data: registry, citations, agreements, NI versus GB, calendars, helpers."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import homeward.policy.rules as rules
from homeward.policy.rules import (
    ES,
    GB,
    GENERIC,
    IE,
    JURISDICTIONS,
    NI,
    NL,
    PACKS,
    PT,
    US_FED,
    GenericConfig,
    RuleError,
    RulePack,
    Span,
    add_months,
    agreement_required,
    generic_pack,
    get_pack,
    missing_agreement_content,
    office_calendar,
)

D = date.fromisoformat
ALL_PACKS = list(PACKS.values())


def test_jurisdiction_choices() -> None:
    codes = [code for code, _ in JURISDICTIONS]
    assert codes == ["GB", "NI", "IE", "US-FED", "NL", "ES", "PT", "AU", "GENERIC"]
    assert max(len(code) for code in codes) <= 7
    assert all(label for _, label in JURISDICTIONS)


@pytest.mark.parametrize("code", list(PACKS))
def test_get_pack(code: str) -> None:
    assert get_pack(code).code == code


def test_get_pack_unknown_code() -> None:
    with pytest.raises(RuleError, match="Unknown jurisdiction 'FR'"):
        get_pack("FR")


def test_get_pack_builds_generic_from_company_policy() -> None:
    pack = get_pack("GENERIC", generic=GenericConfig(decision_days=10))
    assert pack.deadline.default_days == 10
    assert get_pack("GENERIC").deadline.default_days == 30
    assert get_pack("GB", generic=GenericConfig(decision_days=10)) is GB


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield path, value
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


@pytest.mark.parametrize("pack", ALL_PACKS, ids=lambda p: p.code)
def test_every_rule_carries_a_citation(pack: RulePack) -> None:
    for path, node in _walk(pack, pack.code):
        if hasattr(node, "citation"):
            assert node.citation.strip(), f"{path} has no citation"
    if pack.refusal.consultation_required:
        assert pack.refusal.consultation_citation
    if pack.refusal.grounds:
        assert pack.refusal.grounds_citation
    if pack.eligibility.min_employer_size is not None:
        assert pack.eligibility.employer_size_citation


@pytest.mark.parametrize("pack", ALL_PACKS, ids=lambda p: p.code)
def test_keys_are_unique_within_each_list(pack: RulePack) -> None:
    lists = [
        pack.request_content,
        pack.refusal.grounds,
        pack.eligibility.bars,
        pack.agreement_contents,
    ]
    for items in lists:
        keys = [item.key for item in items]
        assert len(keys) == len(set(keys))


NI_IS_NOT_GB = [
    # (what, GB value, NI value)
    pytest.param(
        lambda p: [s.span for s in p.eligibility.service],
        [Span()],
        [Span(weeks=26)],
        id="service: day one vs 26 weeks",
    ),
    pytest.param(lambda p: p.limit.max_requests, 2, 1, id="requests: two vs one a year"),
    pytest.param(
        lambda p: p.limit.one_live_at_a_time, True, False, id="one live at a time only in GB"
    ),
    pytest.param(
        lambda p: p.deadline.span,
        Span(months=2),
        Span(days=42),
        id="deadline: two months vs 28 + 14 days [unverified]",
    ),
    pytest.param(
        lambda p: p.deadline.meeting_within,
        None,
        Span(days=28),
        id="meeting within 28 days only in NI",
    ),
    pytest.param(
        lambda p: "effect_on_employer" in {c.key for c in p.request_content},
        False,
        True,
        id="NI still asks for the effect on the employer",
    ),
    pytest.param(lambda p: p.appeal.statutory, False, True, id="statutory appeal in NI"),
    pytest.param(lambda p: p.holiday_subdiv, "ENG", "NIR", id="holiday region"),
]


@pytest.mark.parametrize(("what", "gb", "ni"), NI_IS_NOT_GB)
def test_northern_ireland_is_not_gb(what: Any, gb: object, ni: object) -> None:
    assert (what(GB), what(NI)) == (gb, ni)


@pytest.mark.parametrize(
    ("pack", "home_share", "required"),
    [
        pytest.param(ES, 0.2, False, id="ES Ley 10/2021 under 30% is not regular remote work"),
        pytest.param(ES, 0.3, True, id="ES Ley 10/2021 30% over 3 months needs an agreement"),
        pytest.param(ES, None, True, id="ES share unknown: the safe side"),
        pytest.param(PT, 0.2, True, id="PT Art 166 written agreement"),
        pytest.param(US_FED, 0.2, True, id="US 5 USC 6502(b)(2) written agreement mandatory"),
        pytest.param(IE, 0.2, True, id="IE WLB s.21(1)(b)(i) signed agreement"),
        pytest.param(GB, 0.2, False, id="GB no statutory agreement"),
        pytest.param(NL, 0.2, False, id="NL no statutory agreement"),
    ],
)
def test_agreement_required(pack: RulePack, home_share: float | None, required: bool) -> None:
    assert agreement_required(pack, home_share=home_share) is required


@pytest.mark.parametrize(
    ("pack", "count", "citation"),
    [
        pytest.param(ES, 12, "Ley 10/2021 Art 7(a)", id="ES Art 7 twelve items"),
        pytest.param(PT, 8, "Codigo do Trabalho Art 166 (Lei 83/2021)", id="PT Art 166 items"),
        pytest.param(
            US_FED,
            8,
            "OPM Guide to Telework (2021), example agreement",
            id="US OPM agreement fields",
        ),
    ],
)
def test_agreement_contents(pack: RulePack, count: int, citation: str) -> None:
    assert len(pack.agreement_contents) == count
    assert pack.agreement_contents[0].citation == citation


AGREEMENT_ITEMS = [
    # (pack, key, citation): what the written agreement must contain, item by item.
    *(
        pytest.param(ES, key, f"Ley 10/2021 Art 7({letter})", id=f"ES Ley 10/2021 Art 7({letter})")
        for letter, key in zip(
            "abcdefghijkl",
            (
                "equipment_inventory",
                "expenses",
                "hours_availability",
                "office_remote_split",
                "attached_centre",
                "remote_place",
                "reversal_notice",
                "monitoring",
                "tech_failure",
                "data_protection",
                "security",
                "duration",
            ),
            strict=True,
        )
    ),
    *(
        pytest.param(PT, key, "Codigo do Trabalho Art 166 (Lei 83/2021)", id=f"PT Art 166 {key}")
        for key in (
            "parties",
            "workplace",
            "hours",
            "schedule",
            "activity",
            "pay",
            "equipment",
            "in_person_contact",
        )
    ),
]


@pytest.mark.parametrize(("pack", "key", "citation"), AGREEMENT_ITEMS)
def test_agreement_item_and_its_citation(pack: RulePack, key: str, citation: str) -> None:
    items = {item.key: item.citation for item in pack.agreement_contents}
    assert items[key] == citation
    (problem,) = missing_agreement_content(pack, provided=set(items) - {key})
    assert problem.key == f"agreement:{key}" and problem.citation == citation


def test_missing_agreement_content_includes_steps_before_signing() -> None:
    provided = {item.key for item in US_FED.agreement_contents}
    (problem,) = missing_agreement_content(US_FED, provided=provided)
    assert problem.key == "agreement:telework_training"
    assert problem.citation == "5 USC 6503(a)"
    assert missing_agreement_content(GB, provided=set()) == []


def test_es_agreement_copy_to_representatives_within_10_days() -> None:
    assert ES.agreement is not None
    assert ES.agreement.before_start
    assert ES.agreement.copy_to_reps_within_days == 10


def test_pt_expense_allowance_adds_up_to_one_euro_a_day() -> None:
    # Portaria 292-A/2023: 0.10 electricity + 0.40 internet + 0.50 computer.
    assert PT.expenses is not None
    assert sum(amount for _, amount in PT.expenses.breakdown) == PT.expenses.exempt_daily_eur
    assert PT.expenses.exempt_daily_eur == Decimal("1.00")


@pytest.mark.parametrize(
    ("pack", "years"),
    [
        pytest.param(IE, 3, id="IE WLB s.28 records 3 years"),
        pytest.param(GB, None, id="GB no statutory retention period"),
        pytest.param(generic_pack(GenericConfig(record_retention_years=6)), 6, id="GENERIC policy"),
    ],
)
def test_record_retention(pack: RulePack, years: int | None) -> None:
    assert pack.record_retention_years == years


@pytest.mark.parametrize(
    "config",
    [
        pytest.param({"min_service_days": -1}, id="negative service"),
        pytest.param({"decision_days": 0}, id="no decision period"),
        pytest.param({"window_months": 0}, id="empty window"),
        pytest.param({"extension_max_days": -5}, id="negative extension"),
    ],
)
def test_generic_config_rejects_impossible_numbers(config: dict[str, int]) -> None:
    with pytest.raises(RuleError):
        GenericConfig(**config)


def test_generic_default_is_registered() -> None:
    assert PACKS["GENERIC"] is GENERIC
    assert GENERIC.limit is not None and GENERIC.limit.one_live_at_a_time


@pytest.mark.parametrize(
    ("country", "subdiv", "day", "working"),
    [
        pytest.param("GB", "ENG", "2025-04-21", False, id="ENG Easter Monday"),
        pytest.param("GB", "SCT", "2025-04-21", True, id="SCT Easter Monday is a working day"),
        pytest.param("GB", "NIR", "2025-03-17", False, id="NIR St Patrick's Day"),
        pytest.param("IE", "", "2025-12-26", False, id="IE St Stephen's Day, empty subdiv"),
        pytest.param("NL", None, "2025-04-26", False, id="NL Saturday"),
        pytest.param("US", None, "2025-07-03", True, id="US ordinary Thursday"),
    ],
)
def test_office_calendar(country: str, subdiv: str | None, day: str, working: bool) -> None:
    assert office_calendar(country, subdiv).is_working_day(D(day)) is working


@pytest.mark.parametrize(("country", "subdiv"), [("XX", None), ("GB", "ZZZ")])
def test_office_calendar_unknown_region(country: str, subdiv: str | None) -> None:
    with pytest.raises(RuleError, match="No public-holiday calendar"):
        office_calendar(country, subdiv)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-11-15", 3, "2026-02-15"),
        ("2025-01-15", -13, "2023-12-15"),
    ],
)
def test_add_months_clamps_to_month_end(day: str, months: int, expected: str) -> None:
    assert add_months(D(day), months) == D(expected)


def test_span_labels() -> None:
    assert [str(s) for s in (Span(months=2), Span(weeks=1), Span(days=42), Span())] == [
        "2 months",
        "1 week",
        "42 days",
        "no time",
    ]


def test_rules_package_imports_no_django() -> None:
    # The packs are pure: data plus functions, testable without Django.
    package = Path(rules.__file__).parent
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "django" for n in names), source.name
            assert not any(
                n.startswith("homeward.") and not n.startswith("homeward.policy.rules")
                for n in names
            ), source.name
