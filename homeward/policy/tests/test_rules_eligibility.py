"""Eligibility per pack: service, employer size, bars, notice and request limits."""

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
    PastRequest,
    RequestContext,
    RulePack,
    check_eligibility,
    generic_pack,
    missing_request_content,
)

D = date.fromisoformat
LONG_AGO = D("2015-01-05")
# The yes/no facts of the packs' bars, all answered "no" unless a case says otherwise.
ALL_CLEAR = {
    "awol_over_5_days": False,
    "porn_on_government_computer": False,
    "daily_onsite_duties": False,
}


def ctx(received: str, **kw: object) -> RequestContext:
    """A request received on ``received`` by someone employed since 2015, at an employer
    of 250, not an agency worker and under no bar, unless overridden."""
    values: dict[str, object] = {
        "employment_start": LONG_AGO,
        "is_agency_worker": False,
        "employer_size": 250,
        **kw,
    }
    for name in ("employment_start", "requested_start"):
        if isinstance(values.get(name), str):
            values[name] = D(str(values[name]))
    true_facts = values.get("facts", frozenset())
    answers = {k: v for k, v in ALL_CLEAR.items() if k not in true_facts}  # type: ignore[operator]
    answers.update(values.pop("answers", {}))  # type: ignore[call-overload]
    return RequestContext(received_on=D(received), answers=answers, **values)  # type: ignore[arg-type]


def past(received: str, decided: str | None = None, *, live: bool = False) -> PastRequest:
    return PastRequest(D(received), D(decided) if decided else None, live)


GB_TWO_DECIDED = (past("2025-01-10", "2025-02-10"), past("2025-03-01", "2025-04-01"))

CASES = [
    # --- GB ---
    pytest.param(
        GB,
        ctx("2025-03-02", employment_start="2025-03-01"),
        [],
        id="GB SI 2023/1328 day-one right: employed yesterday may ask",
    ),
    pytest.param(
        GB,
        ctx(
            "2025-03-02",
            is_agency_worker=True,
            answers={"agency_worker_parental_leave_return": False},
        ),
        ["bar:agency_worker"],
        id="GB ERA s.80F(8)(a)(ii) agency workers excluded",
    ),
    pytest.param(
        GB,
        ctx("2025-06-01", previous_requests=(past("2025-05-01", live=True),)),
        ["live_request"],
        id="GB ERA s.80F(4) one live request at a time",
    ),
    pytest.param(
        GB,
        ctx(
            "2025-12-01",
            previous_requests=GB_TWO_DECIDED,
        ),
        ["request_limit"],
        id="GB ERA s.80F(4) third request within 12 months refused",
    ),
    pytest.param(
        GB,
        ctx(
            "2026-01-09",
            previous_requests=GB_TWO_DECIDED,
        ),
        ["request_limit"],
        id="GB ERA s.80F(4)(a) the day before the first request's anniversary still counts",
    ),
    pytest.param(
        GB,
        ctx(
            "2026-01-10",
            previous_requests=GB_TWO_DECIDED,
        ),
        [],
        id="GB ERA s.80F(4)(a) allowed on the first request's anniversary",
    ),
    pytest.param(
        GB,
        ctx(
            "2025-03-02",
            is_agency_worker=True,
            answers={"agency_worker_parental_leave_return": True},
        ),
        [],
        id="GB ERA s.80F(8)(a)(ii) agency worker back from parental leave may ask",
    ),
    pytest.param(
        GB,
        ctx("2025-03-02", is_agency_worker=True),
        ["needs_fact:agency_worker_parental_leave_return"],
        id="GB ERA s.80F(8)(a)(ii) return from parental leave unknown: not assumed",
    ),
    pytest.param(
        GB,
        ctx("2025-03-02", is_agency_worker=None),
        ["needs_fact:agency_worker"],
        id="GB ERA s.80F(8)(a)(ii) agency work unknown: asked for, not assumed",
    ),
    pytest.param(
        GB,
        ctx("2025-09-01", previous_requests=(past("2025-01-10"), past("2025-02-01"))),
        ["request_limit"],
        id="GB ERA s.80F(4) withdrawn requests still count",
    ),
    pytest.param(
        GB,
        ctx("2025-09-01", previous_requests=(past("2025-01-10", "2025-02-10"),)),
        [],
        id="GB ERA s.80F(4) second request in 12 months allowed",
    ),
    # --- NI: not GB ---
    pytest.param(
        NI,
        ctx("2025-07-05", employment_start="2025-01-06"),
        ["service_at_request"],
        id="NI 26 weeks' service at request (ERA s.211(1) computation): one day short",
    ),
    pytest.param(
        NI,
        ctx("2025-07-06", employment_start="2025-01-06"),
        [],
        id="NI 26 weeks' service at request: the application day counts, qualifies",
    ),
    pytest.param(
        NI,
        ctx("2025-09-01", previous_requests=(past("2025-01-10", "2025-02-10"),)),
        ["request_limit"],
        id="NI one request a year",
    ),
    pytest.param(
        NI,
        ctx("2025-09-01", is_agency_worker=True),
        ["bar:agency_worker"],
        id="NI agency workers excluded [unverified]",
    ),
    # --- IE ---
    pytest.param(
        IE,
        ctx("2025-02-01", employment_start="2025-01-15", requested_start="2025-07-14"),
        ["service_at_start"],
        id="IE WLB s.20(2) cannot start before 6 months' service",
    ),
    pytest.param(
        IE,
        ctx("2025-02-01", employment_start="2025-01-15", requested_start="2025-07-15"),
        [],
        id="IE WLB s.20(2) request any time; start at 6 months",
    ),
    pytest.param(
        IE,
        ctx("2025-09-01", requested_start="2025-10-01"),
        ["notice_before_start"],
        id="IE WLB s.20(3)(d) under 8 weeks before start is not a valid request",
    ),
    pytest.param(
        IE,
        ctx("2025-02-01", employment_start="2025-08-31", requested_start="2026-02-28"),
        ["service_at_start"],
        id="IE WLB s.20(2) employed 31 Aug: 6 months end 28 Feb, not before",
    ),
    pytest.param(
        IE,
        ctx("2025-09-01", employment_start="2025-08-31", requested_start="2026-03-01"),
        [],
        id="IE WLB s.20(2) employed 31 Aug: may start 1 Mar",
    ),
    pytest.param(
        IE,
        ctx("2025-08-06", requested_start="2025-10-01"),
        [],
        id="IE WLB s.20(3)(d) exactly 8 weeks before start",
    ),
    pytest.param(
        IE,
        ctx(
            "2025-09-01",
            is_agency_worker=True,
            requested_start="2025-12-01",
            previous_requests=(past("2025-05-01", "2025-05-20"), past("2025-06-01", "2025-06-20")),
        ),
        [],
        id="IE no request limit found; agency workers not excluded",
    ),
    # --- US-FED ---
    pytest.param(
        US_FED,
        ctx("2025-03-03", facts=frozenset({"awol_over_5_days"})),
        ["bar:awol_over_5_days"],
        id="US 5 USC 6502(a)(2)(A) AWOL over 5 days",
    ),
    pytest.param(
        US_FED,
        ctx("2025-03-03", facts=frozenset({"porn_on_government_computer"})),
        ["bar:porn_on_government_computer"],
        id="US 5 USC 6502(a)(2)(B) pornography",
    ),
    pytest.param(
        US_FED,
        ctx("2025-03-03", facts=frozenset({"daily_onsite_duties"})),
        ["bar:daily_onsite_duties"],
        id="US 5 USC 6502(b)(4) daily on-site duties",
    ),
    pytest.param(
        US_FED,
        ctx("2025-03-03", employment_start="2025-03-01"),
        [],
        id="US agency decides: no statutory qualifying period",
    ),
    # --- NL ---
    pytest.param(
        NL,
        ctx("2025-01-02", employer_size=9, requested_start="2025-06-02"),
        ["employer_size"],
        id="NL Wfw art.2 employers under 10 staff excluded",
    ),
    pytest.param(
        NL,
        ctx("2025-01-02", employer_size=10, requested_start="2025-06-02"),
        [],
        id="NL Wfw art.2 employer with 10 staff",
    ),
    pytest.param(
        NL,
        ctx("2025-01-02", requested_start="2025-06-02", employer_size=None),
        ["needs_fact:employer_size"],
        id="NL Wfw art.2 employer size unknown: asked for, not assumed",
    ),
    pytest.param(
        NL,
        ctx("2025-03-01", employment_start="2025-01-06", requested_start="2025-07-06"),
        ["service_at_start"],
        id="NL Wfw art.2 26 weeks' service at the start: short",
    ),
    pytest.param(
        NL,
        ctx("2025-03-01", employment_start="2025-01-06", requested_start="2025-07-07"),
        [],
        id="NL Wfw art.2 26 weeks' service at the start: met",
    ),
    pytest.param(
        NL,
        ctx("2025-04-02", requested_start="2025-06-01"),
        ["notice_before_start"],
        id="NL Wfw art.2 request at least 2 months before the start",
    ),
    pytest.param(
        NL,
        ctx(
            "2026-02-28",
            requested_start="2026-06-01",
            previous_requests=(past("2025-01-05", "2025-03-01"),),
        ),
        ["after_decision"],
        id="NL Wfw art.2 new request only a year after the decision",
    ),
    pytest.param(
        NL,
        ctx(
            "2026-03-01",
            requested_start="2026-06-01",
            previous_requests=(past("2025-01-05", "2025-03-01"),),
        ),
        [],
        id="NL Wfw art.2 new request on the decision's anniversary",
    ),
    pytest.param(
        NL,
        ctx(
            "2025-03-01",
            requested_start="2025-06-01",
            previous_requests=(past("2025-02-01", live=True),),
        ),
        ["live_request"],
        id="NL one pending request at a time [unverified]",
    ),
    # --- ES / PT: no statutory eligibility rule in rules.md ---
    pytest.param(
        ES,
        ctx("2025-03-03", employment_start="2025-03-01", employer_size=2, is_agency_worker=True),
        [],
        id="ES no statutory eligibility rule",
    ),
    pytest.param(
        PT,
        ctx(
            "2025-03-03",
            employment_start="2025-03-01",
            employer_size=2,
            requested_start="2025-03-04",
        ),
        [],
        id="PT no statutory eligibility rule",
    ),
    # --- GENERIC: numbers from company policy ---
    pytest.param(
        generic_pack(GenericConfig(min_service_days=90)),
        ctx("2025-03-31", employment_start="2025-01-01"),
        ["service_at_request"],
        id="GENERIC policy qualifying period",
    ),
    pytest.param(
        generic_pack(GenericConfig(min_employer_size=50)),
        ctx("2025-03-31", employer_size=49),
        ["employer_size"],
        id="GENERIC policy employer size",
    ),
    pytest.param(
        generic_pack(GenericConfig(max_requests=1)),
        ctx("2025-09-01", previous_requests=(past("2025-03-01", "2025-03-20"),)),
        ["request_limit"],
        id="GENERIC policy one request a year",
    ),
    pytest.param(
        generic_pack(),
        ctx("2025-09-01", previous_requests=(past("2025-08-01", live=True),)),
        ["live_request"],
        id="GENERIC default one live request at a time",
    ),
    pytest.param(
        generic_pack(GenericConfig(one_live_at_a_time=False)),
        ctx("2025-09-01", previous_requests=(past("2025-08-01", live=True),)),
        [],
        id="GENERIC policy without any limit",
    ),
]


@pytest.mark.parametrize(("pack", "context", "expected"), CASES)
def test_check_eligibility(pack: RulePack, context: RequestContext, expected: list[str]) -> None:
    problems = check_eligibility(pack, context)
    assert [p.key for p in problems] == expected
    assert all(p.citation and p.message for p in problems)


@pytest.mark.parametrize(
    ("pack", "severity"),
    [
        pytest.param(IE, "error", id="IE WLB s.20(3)(d), s.21(1) late notice: no valid request"),
        pytest.param(NL, "error", id="NL Wfw art.2 late notice blocks"),
    ],
)
def test_late_notice_severity(pack: RulePack, severity: str) -> None:
    (problem,) = check_eligibility(pack, ctx("2025-09-01", requested_start="2025-10-01"))
    assert problem.key == "notice_before_start"
    assert problem.severity == severity
    assert problem.blocking is (severity == "error")


def test_future_previous_requests_are_ignored() -> None:
    later = (past("2025-10-01", live=True), past("2025-11-01"))
    assert check_eligibility(GB, ctx("2025-09-01", previous_requests=later)) == []


def test_refused_start_date_message_names_the_first_allowed_start() -> None:
    request = ctx("2025-02-01", employment_start="2025-01-15", requested_start="2025-05-01")
    (problem,) = check_eligibility(IE, request)
    assert "2025-07-15" in problem.message
    assert problem.citation.startswith("WLB Act 2023 s.20(2)")


@pytest.mark.parametrize(
    ("pack", "provided", "missing"),
    [
        pytest.param(
            GB,
            {"written_dated", "change", "start_date", "previous_requests"},
            ["content:statutory_statement"],
            id="GB ERA s.80F(2) says it is statutory",
        ),
        pytest.param(
            NI,
            {"written_dated", "statutory_statement", "change", "start_date", "previous_requests"},
            ["content:effect_on_employer"],
            id="NI still asks for the effect on employer",
        ),
        pytest.param(
            IE,
            {
                "written_signed",
                "arrangement_details",
                "start_date",
                "end_date",
                "reasons",
                "location",
            },
            ["content:location_suitability"],
            id="IE WLB s.20(3)(c)(iii) suitability",
        ),
        pytest.param(US_FED, set(), [], id="US no statutory request content"),
    ],
)
def test_missing_request_content(pack: RulePack, provided: set[str], missing: list[str]) -> None:
    assert [p.key for p in missing_request_content(pack, provided=provided)] == missing
