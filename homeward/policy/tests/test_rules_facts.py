"""Facts reach the rules: every pack declares the facts it reads, a missing fact is asked
for (never assumed), outcomes say which facts decided them; and the rules that depend on
facts: GB's live request (ERA s.80F(4A)-(4B)) and IE's notice. ES, PT and AU:
test_rules_facts_eu_au.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
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
    GenericConfig,
    PastRequest,
    RequestContext,
    RulePack,
    check_eligibility,
    evaluate_eligibility,
    generic_pack,
    next_request_allowed_on,
)

D = date.fromisoformat
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
