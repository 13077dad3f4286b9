"""What the rule packs share: the default policy deadline and the fact builders."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AGENCY_WORKER,
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    Condition,
    Fact,
    FactHolder,
    FactKind,
    FactStage,
)

# Companies without a statutory deadline still owe a timely answer; 30 days is the
# default a company policy can override (see decision_deadline's ``policy_days``).
DEFAULT_POLICY_DECISION_DAYS = 30


def _fact(
    key: str,
    question: str,
    kind: FactKind,
    held_by: FactHolder,
    stage: FactStage,
    citation: str,
    choices: tuple[tuple[str, str], ...] = (),
) -> Fact:
    return Fact(key, question, kind, held_by, stage, citation, choices)


def _employment_start(citation: str) -> Fact:
    return _fact(
        EMPLOYMENT_START,
        "When did the employee's continuous employment with this employer begin?",
        "date",
        "person",
        "request",
        citation,
    )


def _requested_start(citation: str) -> Fact:
    return _fact(
        REQUESTED_START,
        "On which date should the arrangement start?",
        "date",
        "request",
        "request",
        citation,
    )


def _agency_worker(citation: str) -> Fact:
    return _fact(
        AGENCY_WORKER,
        "Is the employee an agency worker (supplied by an agency rather than employed)?",
        "yes_no",
        "person",
        "request",
        citation,
    )


def _employer_size(question: str, citation: str, stage: FactStage = "request") -> Fact:
    return _fact(EMPLOYER_SIZE, question, "number", "organisation", stage, citation)


def _is(fact: str, label: str, *values: str | bool) -> Condition:
    return Condition(fact, "in", label, values=frozenset(values))


_G = "ERA 1996 s.80G(1)(b)"
_STATUTORY_GROUNDS = (
    ("additional_costs", "The burden of additional costs", "(i)"),
    ("customer_demand", "Detrimental effect on ability to meet customer demand", "(ii)"),
    ("reorganise_work", "Inability to re-organise work among existing staff", "(iii)"),
    ("recruit_staff", "Inability to recruit additional staff", "(iv)"),
    ("quality", "Detrimental impact on quality", "(v)"),
    ("performance", "Detrimental impact on performance", "(vi)"),
    ("insufficient_work", "Insufficiency of work during the periods proposed", "(vii)"),
    ("structural_changes", "Planned structural changes", "(viii)"),
)

# The EU work-life balance directive, which ES and PT transpose.
_EU_ART9 = "EU Dir 2019/1158 Art 9"
