"""The rules that depend on facts, continued (see test_rules_facts.py): ES art. 34.8,
PT art. 166.º-A, AU s.65-65A.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from homeward.policy.rules import (
    AU,
    ES,
    GB,
    PT,
    FactValue,
    RequestContext,
    WeekdayCalendar,
    check_eligibility,
    decision_deadline,
    evaluate_refusal,
    extend_deadline,
    missing_refusal_content,
    missing_request_content,
    validate_refusal,
)

D = date.fromisoformat
WEEKDAYS = WeekdayCalendar()


# --- ES: ET art. 34.8 (RDL 5/2023) ------------------------------------------------------------

ES_CASES = [
    # (facts, legal due, statutory, deemed granted on, needs)
    pytest.param(
        {"es_care_need": "child_under_12", "es_collective_procedure": False},
        "2026-03-17",
        True,
        "2026-03-18",
        (),
        id="ES art.34.8 child under 12: 15 days, then presumed granted",
    ),
    pytest.param(
        {"es_care_need": "dependant_cohabitant", "es_collective_procedure": False},
        "2026-03-17",
        True,
        "2026-03-18",
        (),
        id="ES art.34.8 (RDL 5/2023) a dependant living with the worker",
    ),
    pytest.param(
        {"es_care_need": "none", "es_collective_procedure": False},
        "2026-04-01",
        False,
        None,
        (),
        id="ES Ley 10/2021 not for work-life balance: policy 30 days",
    ),
    pytest.param(
        {"es_care_need": "child_under_12", "es_collective_procedure": True},
        "2026-04-01",
        False,
        None,
        (),
        id="ES art.34.8 a collective agreement sets the procedure: policy",
    ),
    pytest.param(
        {},
        "2026-03-17",
        True,
        None,
        ("es_care_need", "es_collective_procedure"),
        id="ES facts unknown: the stricter 15 days, nobody deemed granted",
    ),
]


@pytest.mark.parametrize(("facts", "legal", "statutory", "deemed", "needs"), ES_CASES)
def test_es_work_life_balance_deadline(
    facts: Mapping[str, FactValue],
    legal: str,
    statutory: bool,
    deemed: str | None,
    needs: tuple[str, ...],
) -> None:
    deadline = decision_deadline(ES, received_on=D("2026-03-02"), calendar=WEEKDAYS, facts=facts)
    assert deadline.legal_due == D(legal)
    assert deadline.statutory is statutory
    assert deadline.deemed_granted_on == (D(deemed) if deemed else None)
    assert deadline.needs == needs
    assert dict(deadline.facts).items() <= dict(facts).items()


def test_es_keeps_the_ley_10_2021_agreement() -> None:
    assert ES.agreement is not None and ES.agreement.regular_remote_share == 0.30
    assert len(ES.agreement_contents) == 12


@pytest.mark.parametrize(
    ("facts", "consulted", "expected"),
    [
        pytest.param(
            {"es_care_need": "child_under_12", "es_collective_procedure": False},
            False,
            ["consultation_missing"],
            id="ES art.34.8 refusal only after the negotiation",
        ),
        pytest.param(
            {"es_care_need": "child_under_12", "es_collective_procedure": False},
            True,
            [],
            id="ES art.34.8 refusal with objective reasons after negotiating",
        ),
        pytest.param(
            {"es_care_need": "none", "es_collective_procedure": False},
            False,
            [],
            id="ES Ley 10/2021 remote work is voluntary: no negotiation owed",
        ),
    ],
)
def test_es_refusal(facts: Mapping[str, FactValue], consulted: bool, expected: list[str]) -> None:
    problems = validate_refusal(
        ES, grounds=[], explanation="Reasons.", consultation_held=consulted, facts=facts
    )
    assert [p.key for p in problems] == expected


def test_es_fifteen_days_cannot_be_deemed_without_the_facts_and_extensions_stay_policy() -> None:
    deadline = decision_deadline(ES, received_on=D("2026-03-02"), calendar=WEEKDAYS)
    extended = extend_deadline(ES, deadline, days=5, by_agreement=True, calendar=WEEKDAYS)
    assert extended.deemed_granted_on is None


# --- PT: Código do Trabalho art. 166.º-A ------------------------------------------------------

PT_COMPATIBLE = {"pt_compatible": True, "pt_employer_means": True}
PT_CASES = [
    # (facts, refusal on, expected problem keys)
    pytest.param(
        {"pt_child_birth_date": D("2024-06-01"), **PT_COMPATIBLE},
        "2026-06-01",
        ["protected:telework_parent"],
        id="PT art.166-A n.2 child under 3: the refusal is refused",
    ),
    pytest.param(
        {"pt_child_birth_date": D("2024-06-01"), "pt_compatible": False, "pt_employer_means": True},
        "2026-06-01",
        [],
        id="PT art.166-A n.2 not compatible with the activity: may refuse",
    ),
    pytest.param(
        {"pt_child_birth_date": D("2024-06-01"), "pt_compatible": True, "pt_employer_means": False},
        "2026-06-01",
        [],
        id="PT art.166-A n.2 the employer lacks the means: may refuse",
    ),
    pytest.param(
        {"pt_child_birth_date": D("2024-02-29"), **PT_COMPATIBLE},
        "2027-02-28",
        ["protected:telework_parent"],
        id="PT art.166-A n.2 born 29 Feb: still under 3 on 28 Feb 2027",
    ),
    pytest.param(
        {
            "pt_child_birth_date": D("2024-02-29"),
            "pt_child_condition": False,
            "pt_parent_case": "none",
            **PT_COMPATIBLE,
        },
        "2027-03-01",
        [],
        id="PT art.166-A n.2 born 29 Feb: aged 3 on 1 Mar 2027, no listed case",
    ),
    pytest.param(
        {
            "pt_child_birth_date": D("2021-01-10"),
            "pt_child_condition": False,
            "pt_parent_case": "single_parent",
            "employer_size": 50,
            **PT_COMPATIBLE,
        },
        "2026-01-09",
        ["protected:telework_parent"],
        id="PT art.166-A n.3(b) single parent, child under 8",
    ),
    pytest.param(
        {
            "pt_child_birth_date": D("2021-01-10"),
            "pt_child_condition": False,
            "pt_parent_case": "single_parent",
            "employer_size": 9,
            **PT_COMPATIBLE,
        },
        "2026-01-09",
        [],
        id="PT art.166-A n.3 a micro-enterprise is not bound to 8 [unverified]",
    ),
    pytest.param(
        {
            "pt_child_birth_date": D("2016-05-01"),
            "pt_child_condition": True,
            **PT_COMPATIBLE,
        },
        "2026-06-01",
        ["protected:telework_parent"],
        id="PT art.166-A n.2 (Lei 13/2023) any age with a disability or chronic illness",
    ),
    pytest.param(
        {"pt_child_birth_date": False, "pt_child_condition": False},
        "2026-06-01",
        [],
        id="PT no child: no right, nothing else needed",
    ),
    pytest.param(
        {"pt_child_birth_date": D("2024-06-01")},
        "2026-06-01",
        ["needs_fact:pt_compatible", "needs_fact:pt_employer_means"],
        id="PT art.166-A compatibility and means asked, not assumed",
    ),
    pytest.param(
        {
            "pt_child_birth_date": D("2024-06-01"),
            "pt_child_condition": False,
            "pt_parent_case": "none",
            "employer_size": 50,
            **PT_COMPATIBLE,
        },
        None,
        ["needs_fact:decision_date"],
        id="PT a child's age needs the date of the refusal",
    ),
]


@pytest.mark.parametrize(("facts", "on", "expected"), PT_CASES)
def test_pt_parents_right_to_telework(
    facts: Mapping[str, FactValue], on: str | None, expected: list[str]
) -> None:
    evaluation = evaluate_refusal(
        PT,
        grounds=[],
        explanation="The role needs the lab.",
        consultation_held=False,
        facts=facts,
        on=D(on) if on else None,
    )
    assert [p.key for p in evaluation.problems] == expected
    assert all(p.blocking for p in evaluation.problems)
    if expected == ["protected:telework_parent"]:
        (problem,) = evaluation.problems
        assert "166" in problem.citation and problem.facts


# --- AU: Fair Work Act 2009 ss.65-65C ---------------------------------------------------------

AU_KNOWN = {"au_circumstance": "parent_school_age", "au_casual": False}


@pytest.mark.parametrize(
    ("employed", "answers", "expected"),
    [
        pytest.param("2024-01-05", AU_KNOWN, [], id="AU s.65 a parent with 12 months' service"),
        pytest.param(
            "2024-01-05",
            {**AU_KNOWN, "au_circumstance": "none"},
            ["circumstance"],
            id="AU s.65(1A) not a listed circumstance",
        ),
        pytest.param(
            "2025-09-01",
            {
                "au_circumstance": "age_55",
                "au_casual": True,
                "au_casual_regular": True,
                "au_casual_expectation": True,
            },
            [],
            id="AU s.65(2)(b) a regular casual expecting to continue",
        ),
        pytest.param(
            "2025-09-01",
            {
                "au_circumstance": "age_55",
                "au_casual": True,
                "au_casual_regular": False,
                "au_casual_expectation": True,
            },
            ["casual_service"],
            id="AU s.65(2)(b) an irregular casual",
        ),
        pytest.param(
            "2025-09-01",
            AU_KNOWN,
            ["service_at_request"],
            id="AU s.65(2)(a) under 12 months' continuous service",
        ),
    ],
)
def test_au_eligibility(employed: str, answers: dict[str, FactValue], expected: list[str]) -> None:
    context = RequestContext(
        received_on=D("2026-03-02"), employment_start=D(employed), answers=answers
    )
    assert [p.key for p in check_eligibility(AU, context)] == expected


AU_AGREED = {"au_genuine_attempt": True, "au_considered_consequences": True}
AU_REFUSALS = [
    # (grounds, consulted, facts, alternatives, expected)
    pytest.param(
        ["too_costly"],
        True,
        AU_AGREED,
        ["Two home days instead of three"],
        [],
        id="AU s.65A(3), (5)(a), (6)(d) a lawful refusal",
    ),
    pytest.param(
        ["night_roster_gap"],
        True,
        AU_AGREED,
        [],
        [],
        id="AU s.65A(5) grounds are examples; (6)(d)(ii) states there are no changes",
    ),
    pytest.param(
        [], True, AU_AGREED, [], ["ground_required"], id="AU s.65A(3)(d) business grounds needed"
    ),
    pytest.param(
        ["too_costly"],
        False,
        AU_AGREED,
        [],
        ["consultation_missing"],
        id="AU s.65A(3)(a)(i) discuss the request first",
    ),
    pytest.param(
        ["too_costly"],
        True,
        {**AU_AGREED, "au_genuine_attempt": False},
        [],
        ["prerequisite:au_genuine_attempt"],
        id="AU s.65A(3)(a)(ii) a genuine attempt to agree",
    ),
    pytest.param(
        ["too_costly"],
        True,
        AU_AGREED,
        None,
        ["alternatives_missing"],
        id="AU s.65A(6)(d) the changes the employer would accept",
    ),
    pytest.param(
        ["too_costly"],
        True,
        {},
        [],
        ["needs_fact:au_genuine_attempt", "needs_fact:au_considered_consequences"],
        id="AU s.65A(3) prerequisites asked, not assumed",
    ),
]


@pytest.mark.parametrize(("grounds", "consulted", "facts", "alternatives", "expected"), AU_REFUSALS)
def test_au_refusal(
    grounds: list[str],
    consulted: bool,
    facts: Mapping[str, FactValue],
    alternatives: list[str] | None,
    expected: list[str],
) -> None:
    problems = validate_refusal(
        AU,
        grounds=grounds,
        explanation="Costs of a second roster.",
        consultation_held=consulted,
        facts=facts,
        alternatives=alternatives,
    )
    assert [p.key for p in problems] == expected
    assert all(p.blocking and p.citation for p in problems)


def test_au_written_response_and_disputes() -> None:
    keys = [p.key for p in missing_refusal_content(AU, provided={"reasons", "alternatives"})]
    assert keys == ["refusal:business_grounds", "refusal:grounds_applied", "refusal:dispute_route"]
    assert [p.key for p in missing_request_content(AU, provided={"written"})] == [
        "content:change",
        "content:reasons",
    ]
    assert "Fair Work Commission" in AU.appeal.external_route
    assert not AU.extension.allowed and AU.holiday_country == "AU"
    assert missing_refusal_content(GB, provided=set()) == []
