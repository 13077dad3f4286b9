"""Refusal grounds, explanation and consultation; appeals."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.policy.rules import (
    ES,
    GB,
    IE,
    NI,
    NL,
    PT,
    US_FED,
    GenericConfig,
    RefusalGround,
    RuleError,
    RulePack,
    WeekdayCalendar,
    allowed_grounds,
    appeal_deadline,
    appeal_lodging_deadline,
    decision_deadline,
    generic_pack,
    validate_refusal,
)

D = date.fromisoformat
WEEKDAYS = WeekdayCalendar()
GB_KEYS = {
    "additional_costs",
    "customer_demand",
    "reorganise_work",
    "recruit_staff",
    "quality",
    "performance",
    "insufficient_work",
    "structural_changes",
}
CLOSED_GENERIC = generic_pack(
    GenericConfig(refusal_grounds=(RefusalGround("coverage", "Office coverage", "Policy"),))
)

REFUSALS = [
    # (pack, grounds, explanation, consulted, changes, expected problem keys)
    pytest.param(
        GB,
        ["additional_costs"],
        "Costs of a second licence.",
        True,
        ["place"],
        [],
        id="GB ERA s.80G(1)(b)(i) statutory ground, explained, consulted",
    ),
    pytest.param(
        GB,
        [],
        "No reason.",
        True,
        ["place"],
        ["ground_required"],
        id="GB ERA s.80G(1)(b) at least one statutory ground",
    ),
    pytest.param(
        GB,
        ["quality", "vibes"],
        "Quality.",
        True,
        ["place"],
        ["ground_unknown:vibes"],
        id="GB ERA s.80G(1)(b) only the eight statutory grounds",
    ),
    pytest.param(
        GB,
        ["quality"],
        "  ",
        True,
        ["place"],
        ["explanation_missing"],
        id="GB Acas Code reasons in writing",
    ),
    pytest.param(
        GB,
        ["quality"],
        "Quality.",
        False,
        ["place"],
        ["consultation_missing"],
        id="GB ERA s.80G(1)(aza) consult before refusing",
    ),
    pytest.param(
        GB,
        [],
        "",
        False,
        ["hours", "place"],
        ["explanation_missing", "ground_required", "consultation_missing"],
        id="GB every failure reported once",
    ),
    pytest.param(
        NI,
        ["performance"],
        "Performance.",
        True,
        ["place"],
        [],
        id="NI statutory ground after the meeting [unverified]",
    ),
    pytest.param(
        NI,
        ["performance"],
        "Performance.",
        False,
        ["place"],
        ["consultation_missing"],
        id="NI meeting within 28 days before refusing",
    ),
    pytest.param(
        NL,
        ["team_cohesion"],
        "The team meets on site daily.",
        True,
        ["place"],
        [],
        id="NL Wfw art.2 place: free reasons after consulting",
    ),
    pytest.param(
        NL,
        [],
        "The team meets on site daily.",
        False,
        ["place"],
        ["consultation_missing"],
        id="NL Wfw art.2 place: consult the employee",
    ),
    pytest.param(
        NL,
        ["team_cohesion"],
        "Cohesion.",
        True,
        ["hours", "place"],
        ["ground_required"],
        id="NL Wfw art.2 hours only on weighty business interests",
    ),
    pytest.param(
        NL,
        ["weighty_business_interests", "team_cohesion"],
        "Roster gap.",
        True,
        ["hours", "place"],
        [],
        id="NL Wfw art.2 weighty business interests for hours",
    ),
    pytest.param(
        IE,
        [],
        "Role needs daily lab access.",
        False,
        ["place"],
        [],
        id="IE WLB s.21 free reasons, no consultation duty",
    ),
    pytest.param(
        IE,
        [],
        "",
        False,
        ["place"],
        ["explanation_missing"],
        id="IE WLB s.21(1)(b)(ii) refusal in writing with reasons",
    ),
    pytest.param(
        US_FED,
        [],
        "Mission needs on-site presence.",
        False,
        ["place"],
        [],
        id="US agency discretion",
    ),
    pytest.param(
        ES,
        [],
        "Not compatible with the role.",
        False,
        ["place"],
        ["needs_fact:es_care_need", "needs_fact:es_collective_procedure"],
        id="ES ET art.34.8 whether a negotiation was owed is asked, not assumed",
    ),
    pytest.param(
        PT,
        [],
        "",
        False,
        ["place"],
        [
            "explanation_missing",
            "needs_fact:pt_child_birth_date",
            "needs_fact:pt_child_condition",
            "needs_fact:pt_parent_case",
            "needs_fact:employer_size",
            "needs_fact:pt_compatible",
            "needs_fact:pt_employer_means",
        ],
        id="PT EU Dir Art 9 reasons; CT art.166-A facts asked, not assumed",
    ),
    pytest.param(
        generic_pack(),
        [],
        "Coverage.",
        False,
        ["place"],
        ["consultation_missing"],
        id="GENERIC default consultation",
    ),
    pytest.param(
        CLOSED_GENERIC,
        ["other"],
        "Other.",
        True,
        ["place"],
        ["ground_required", "ground_unknown:other"],
        id="GENERIC policy closed list",
    ),
]


@pytest.mark.parametrize(
    ("pack", "grounds", "explanation", "consulted", "changes", "expected"), REFUSALS
)
def test_validate_refusal(
    pack: RulePack,
    grounds: list[str],
    explanation: str,
    consulted: bool,
    changes: list[str],
    expected: list[str],
) -> None:
    problems = validate_refusal(
        pack,
        grounds=grounds,
        explanation=explanation,
        consultation_held=consulted,
        changes=changes,
    )
    assert [p.key for p in problems] == expected
    assert all(p.citation for p in problems)


def test_gb_unknown_ground_cites_the_statutory_list() -> None:
    (problem,) = validate_refusal(
        GB, grounds=["quality", "vibes"], explanation="x", consultation_held=True
    )
    assert problem.citation == "ERA 1996 s.80G(1)(b)"


@pytest.mark.parametrize(
    ("pack", "change", "expected"),
    [
        pytest.param(GB, None, GB_KEYS, id="GB ERA s.80G(1)(b) the eight grounds"),
        pytest.param(GB, "place", GB_KEYS, id="GB grounds cover place"),
        pytest.param(NI, None, GB_KEYS, id="NI same grounds [unverified]"),
        pytest.param(NL, "place", set(), id="NL place: free reasons"),
        pytest.param(NL, "hours", {"weighty_business_interests"}, id="NL hours: weighty interests"),
        pytest.param(IE, None, set(), id="IE free reasons"),
        pytest.param(US_FED, None, set(), id="US free reasons"),
    ],
)
def test_allowed_grounds(pack: RulePack, change: str | None, expected: set[str]) -> None:
    assert {g.key for g in allowed_grounds(pack, change=change)} == expected


@pytest.mark.parametrize("changes", [[], ["salary"]], ids=["no change", "unknown change"])
def test_unknown_change_kinds_are_a_programming_error(changes: list[str]) -> None:
    with pytest.raises(RuleError):
        validate_refusal(GB, grounds=[], explanation="x", consultation_held=True, changes=changes)


APPEALS = [
    # (pack, appealed on, decide by)
    pytest.param(
        GB, "2025-04-01", "2025-05-02", id="GB ERA s.80G(1A) appeal decided inside the two months"
    ),
    pytest.param(
        NI, "2025-04-01", "2025-04-29", id="NI appeal decided within 28 days [unverified]"
    ),
    pytest.param(generic_pack(), "2025-04-01", "2025-04-15", id="GENERIC policy 14 days"),
    pytest.param(IE, "2025-04-01", None, id="IE internal appeal has no statutory date (WRC s.27)"),
]


@pytest.mark.parametrize(("pack", "appealed", "expected"), APPEALS)
def test_appeal_deadline(pack: RulePack, appealed: str, expected: str | None) -> None:
    decision = decision_deadline(pack, received_on=D("2025-03-03"), calendar=WEEKDAYS)
    due = appeal_deadline(pack, deadline=decision, appealed_on=D(appealed), calendar=WEEKDAYS)
    assert due == (D(expected) if expected else None)


def test_gb_appeal_is_heard_by_a_different_manager_and_is_not_statutory() -> None:
    # Acas Code 2024: allow one appeal, heard by a different manager.
    assert GB.appeal.internal and GB.appeal.different_manager
    assert not GB.appeal.statutory
    assert GB.appeal.within_decision_period


def test_no_internal_appeal_raises() -> None:
    pack = generic_pack(GenericConfig(appeal_allowed=False))
    decision = decision_deadline(pack, received_on=D("2025-03-03"), calendar=WEEKDAYS)
    with pytest.raises(RuleError, match="no internal appeal"):
        appeal_deadline(pack, deadline=decision, appealed_on=D("2025-04-01"), calendar=WEEKDAYS)


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param(NI, "2025-05-17", id="NI appeal within 14 days, not moved off a Saturday"),
        pytest.param(GB, None, id="GB no statutory time to appeal"),
        pytest.param(generic_pack(), "2025-05-17", id="GENERIC policy 14 days"),
        pytest.param(
            generic_pack(GenericConfig(appeal_allowed=False)), None, id="GENERIC no appeal"
        ),
    ],
)
def test_appeal_lodging_deadline(pack: RulePack, expected: str | None) -> None:
    due = appeal_lodging_deadline(pack, decided_on=D("2025-05-03"))
    assert due == (D(expected) if expected else None)
