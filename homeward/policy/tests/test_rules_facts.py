"""Facts reach the rules: every pack declares the facts it reads, a missing fact is asked
for (never assumed), outcomes say which facts decided them; and the rules that depend on
facts: GB's live request (ERA s.80F(4A)-(4B)), ES art. 34.8, PT art. 166.º-A, AU s.65-65A.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import pytest

from homeward.policy.rules import (
    AU,
    ES,
    GB,
    IE,
    NI,
    NL,
    PACKS,
    PT,
    US_FED,
    Condition,
    FactValue,
    GenericConfig,
    PastRequest,
    RequestContext,
    RulePack,
    WeekdayCalendar,
    check_eligibility,
    decision_deadline,
    evaluate_eligibility,
    evaluate_refusal,
    extend_deadline,
    generic_pack,
    missing_refusal_content,
    missing_request_content,
    next_request_allowed_on,
    validate_refusal,
)

D = date.fromisoformat
WEEKDAYS = WeekdayCalendar()
ALL_PACKS = [*PACKS.values(), generic_pack(GenericConfig(min_employer_size=5, min_service_days=1))]


def _conditions(value: Any) -> Iterator[Condition]:
    if isinstance(value, Condition):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "facts":
                yield from _conditions(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _conditions(item)


def _read_facts(pack: RulePack) -> set[str]:
    """Every fact key the pack's rules read."""
    keys = {c.fact for c in _conditions(pack)}
    keys |= {bar.key for bar in pack.eligibility.bars}
    if any(
        rule.span.months or rule.span.weeks or rule.span.days for rule in pack.eligibility.service
    ):
        keys.add("employment_start")
    if pack.request_notice or any(r.measured_at == "start" for r in pack.eligibility.service):
        keys.add("requested_start")
    if pack.eligibility.min_employer_size is not None:
        keys.add("employer_size")
    return keys


@pytest.mark.parametrize("pack", ALL_PACKS, ids=lambda p: p.code)
def test_every_pack_declares_exactly_the_facts_its_rules_read(pack: RulePack) -> None:
    declared = [f.key for f in pack.facts]
    assert len(declared) == len(set(declared))
    assert set(declared) == _read_facts(pack)
    for fact in pack.facts:
        assert fact.question.endswith("?") and fact.citation
        assert bool(fact.choices) is (fact.kind == "choice")


@pytest.mark.parametrize("pack", list(PACKS.values()), ids=lambda p: p.code)
def test_every_pack_has_source_notes(pack: RulePack) -> None:
    assert pack.sources and all(note.strip() for note in pack.sources)


NOTHING_KNOWN = [
    # (pack, the facts asked for when nothing is known about a request)
    pytest.param(GB, ["agency_worker"], id="GB ERA s.80F(8)(a)(ii) agency work"),
    pytest.param(NI, ["employment_start", "agency_worker"], id="NI 26 weeks; agency work"),
    pytest.param(IE, ["employment_start", "requested_start"], id="IE WLB s.20(2), s.20(3)(d)"),
    pytest.param(
        US_FED,
        ["awol_over_5_days", "porn_on_government_computer", "daily_onsite_duties"],
        id="US 5 USC 6502(a)(2), (b)(4) bars",
    ),
    pytest.param(
        NL,
        ["employment_start", "requested_start", "employer_size"],
        id="NL Wfw art.2 service, start, 10 or more staff",
    ),
    pytest.param(ES, [], id="ES no eligibility rule"),
    pytest.param(PT, [], id="PT anyone may ask"),
    pytest.param(
        AU,
        [
            "employment_start",
            "au_casual",
            "au_circumstance",
            "au_casual_regular",
            "au_casual_expectation",
        ],
        id="AU FWA s.65(1A), (2)",
    ),
]


@pytest.mark.parametrize(("pack", "asked"), NOTHING_KNOWN)
def test_missing_facts_are_asked_for_never_assumed(pack: RulePack, asked: list[str]) -> None:
    context = RequestContext(received_on=D("2026-03-02"), employment_start=None)
    evaluation = evaluate_eligibility(pack, context)
    assert list(evaluation.needs) == asked
    assert evaluation.complete is (not asked)
    problems = check_eligibility(pack, context)
    assert [p.key for p in problems] == [f"needs_fact:{key}" for key in asked]
    # A request may still be sent, but no check that needs a fact passes without it.
    assert all(p.severity == "warning" and p.needs_fact and p.citation for p in problems)
    unknown = {c.key for c in evaluation.checks if c.outcome == "needs_fact"}
    assert not unknown & {c.key for c in evaluation.checks if c.outcome == "pass"}


def test_the_facts_that_decided_an_outcome_are_returned() -> None:
    context = RequestContext(
        received_on=D("2026-01-02"),
        employment_start=D("2025-09-01"),
        requested_start=D("2026-06-01"),
        employer_size=9,
    )
    evaluation = evaluate_eligibility(NL, context)
    (problem,) = evaluation.problems
    assert problem.key == "employer_size"
    assert problem.facts == (("employer_size", 9),)
    assert dict(evaluation.decided_by) == {
        "employer_size": 9,
        "employment_start": D("2025-09-01"),
        "requested_start": D("2026-06-01"),
    }
    assert evaluation.complete


def test_answers_win_over_the_old_fields_and_say_no_as_well_as_yes() -> None:
    context = RequestContext(
        received_on=D("2026-03-02"),
        employment_start=D("2015-01-05"),
        facts=frozenset({"awol_over_5_days"}),
        answers={
            "awol_over_5_days": False,
            "porn_on_government_computer": False,
            "daily_onsite_duties": True,
        },
    )
    assert [p.key for p in check_eligibility(US_FED, context)] == ["bar:daily_onsite_duties"]


def test_packs_list_their_facts_by_stage() -> None:
    assert [f.key for f in PT.facts_for("request")] == []
    assert "pt_compatible" in {f.key for f in PT.facts_for("refusal")}
    assert {f.held_by for f in PT.facts if f.key.startswith("pt_child")} == {"person"}
    assert (
        NL.fact("employer_size") is not None and NL.fact("employer_size").held_by == "organisation"
    )
    assert GB.fact("nothing") is None


# --- GB: ERA 1996 s.80F(4)(b), (4A), (4B) -----------------------------------------------------

RECEIVED = D("2025-03-10")
PERIOD_ENDS = D("2025-05-09")  # two months beginning with 10 Mar 2025 (s.80G(1B))


def _earlier(**kw: Any) -> PastRequest:
    values: dict[str, Any] = {"decision_period_ends": PERIOD_ENDS, **kw}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = D(value)
    return PastRequest(RECEIVED, **values)


LIVE_CASES = [
    # (earlier request, new request received on, blocked)
    pytest.param(_earlier(live=True), "2025-04-01", True, id="s.80F(4A)(a) undecided: proceeding"),
    pytest.param(_earlier(live=True), "2025-05-09", True, id="s.80F(4A)(a) the period's last day"),
    pytest.param(
        _earlier(live=True),
        "2025-05-10",
        False,
        id="s.80F(4B)(d) the manager let the period pass: no longer blocks",
    ),
    pytest.param(
        _earlier(decided_on="2025-04-01"),
        "2025-04-02",
        False,
        id="s.80F(4B)(a) decided: concluded",
    ),
    pytest.param(
        _earlier(decided_on="2025-04-01", appealed_on="2025-04-05", live=True),
        "2025-04-10",
        True,
        id="s.80F(4A)(b) an appeal is proceeding",
    ),
    pytest.param(
        _earlier(decided_on="2025-04-01", appealed_on="2025-04-05", appeal_decided_on="2025-04-20"),
        "2025-04-21",
        False,
        id="s.80F(4B)(a) the appeal decided",
    ),
    pytest.param(
        _earlier(decided_on="2025-04-01", appealed_on="2025-04-05", live=True),
        "2025-05-10",
        False,
        id="s.80F(4B)(d) Walsh v Network Rail: an undecided appeal ends with the period",
    ),
    pytest.param(
        _earlier(decision_period_ends="2025-06-30", live=True),
        "2025-05-20",
        True,
        id="s.80G(1B)(b) the period as extended by agreement",
    ),
    pytest.param(
        _earlier(withdrawn_on="2025-03-20"),
        "2025-03-21",
        False,
        id="s.80F(4B)(b) withdrawn: concluded",
    ),
    pytest.param(
        _earlier(decision_period_ends=None, live=True),
        "2025-04-01",
        True,
        id="no period end given: the caller's live flag",
    ),
]


@pytest.mark.parametrize(("earlier", "received", "blocked"), LIVE_CASES)
def test_gb_live_request_rule(earlier: PastRequest, received: str, blocked: bool) -> None:
    context = RequestContext(
        received_on=D(received),
        employment_start=D("2015-01-05"),
        is_agency_worker=False,
        previous_requests=(earlier,),
    )
    keys = [p.key for p in check_eligibility(GB, context)]
    assert ("live_request" in keys) is blocked


def test_gb_live_request_without_its_period_asks_whether_it_was_extended() -> None:
    earlier = PastRequest(RECEIVED, live=True)
    context = RequestContext(
        received_on=D("2025-05-20"),
        employment_start=D("2015-01-05"),
        is_agency_worker=False,
        previous_requests=(earlier,),
    )
    problems = check_eligibility(GB, context)
    assert [p.key for p in problems] == ["live_request", "needs_fact:decision_period_ends"]
    assert problems[1].severity == "warning"


def test_gb_next_request_waits_at_most_for_the_live_one_to_end() -> None:
    earlier = (_earlier(live=True),)
    assert next_request_allowed_on(GB, previous=earlier) is None
    assert next_request_allowed_on(GB, previous=earlier, on=D("2025-04-01")) == D("2025-05-10")
    decided = (_earlier(decided_on="2025-04-01"),)
    assert next_request_allowed_on(GB, previous=decided, on=D("2025-04-01")) is None


# --- IE: WLB Act 2023 s.20(3)(d) --------------------------------------------------------------


def test_ie_eight_weeks_notice_is_part_of_a_valid_request() -> None:
    context = RequestContext(
        received_on=D("2026-03-02"),
        employment_start=D("2015-01-05"),
        requested_start=D("2026-04-01"),
    )
    (problem,) = check_eligibility(IE, context)
    assert problem.key == "notice_before_start" and problem.blocking
    assert "s.20(3)(d)" in problem.citation and "s.21(1)" in problem.citation


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
