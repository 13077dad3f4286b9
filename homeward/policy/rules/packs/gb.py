"""The GB: England, Scotland and Wales."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AGENCY_WORKER,
    AppealRule,
    Bar,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    RefusalGround,
    RefusalRule,
    RequestLimit,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.packs._shared import (
    _G,
    _STATUTORY_GROUNDS,
    _agency_worker,
    _fact,
    _is,
)
from homeward.policy.rules.periods import Span

# ---------------------------------------------------------------------------------------
# GB: England, Scotland and Wales
# ---------------------------------------------------------------------------------------

GB_GROUNDS = tuple(RefusalGround(key, label, f"{_G}{n}") for key, label, n in _STATUTORY_GROUNDS)

GB = RulePack(
    code="GB",
    name="Great Britain (England, Scotland, Wales)",
    summary=(
        "Statutory right to request flexible working from day one; two requests in 12 months, "
        "one at a time; decision, including any appeal, within two months."
    ),
    holiday_country="GB",
    holiday_subdiv="ENG",
    eligibility=Eligibility(
        service=(ServiceRule(Span(), "request", "SI 2023/1328 (day-one right from 6 Apr 2024)"),),
        bars=(
            Bar(
                AGENCY_WORKER,
                "Agency workers cannot make a statutory request (employees only), unless "
                "returning to work from parental leave",
                "ERA 1996 s.80F(8)(a)(ii)",
                unless=_is(
                    "agency_worker_parental_leave_return",
                    "returning to work from a period of parental leave",
                    True,
                ),
            ),
        ),
    ),
    request_content=(
        ContentItem("written_dated", "In writing and dated", "ERA 1996 s.80F"),
        ContentItem(
            "statutory_statement",
            "States that it is a statutory request for flexible working",
            "ERA 1996 s.80F(2)",
        ),
        ContentItem(
            "change", "The change asked for (hours, times or place of work)", "ERA 1996 s.80F(1)"
        ),
        ContentItem("start_date", "The date the change should take effect", "ERA 1996 s.80F(2)"),
        ContentItem(
            "previous_requests",
            "Whether a previous request has been made, and when",
            "ERA 1996 s.80F(2)",
        ),
    ),
    request_notice=None,
    deadline=DeadlineRule(
        kind="after_receipt",
        span=Span(months=2),
        beginning_with_receipt=True,
        includes_appeal=True,
        citation="ERA 1996 s.80G(1)(aa), (1A), (1B)(a): two months incl. appeal",
    ),
    extension=ExtensionRule(
        allowed=True,
        by_agreement_only=True,
        retrospective_within=Span(months=3),
        citation="ERA 1996 s.80G(1B)(b), (1C): longer period only by agreement",
    ),
    limit=RequestLimit(
        max_requests=2,
        window_months=12,
        one_live_at_a_time=True,
        citation=(
            "ERA 1996 s.80F(4)(a) as amended by the Employment Relations (Flexible Working) "
            "Act 2023: no more than two applications during any period of 12 months"
        ),
        proceeding_ends_with_decision_period=True,
        proceeding_citation=(
            "ERA 1996 s.80F(4)(b), (4A), (4B) (Employment Relations (Flexible Working) Act "
            "2023 s.1): not while another is proceeding; it is concluded when decided "
            "(and any appeal), withdrawn, disposed of by agreement, or its decision period ends"
        ),
    ),
    refusal=RefusalRule(
        grounds=GB_GROUNDS,
        grounds_citation=_G,
        consultation_required=True,
        consultation_citation=(
            "ERA 1996 s.80G(1)(aza) (Employment Relations (Flexible Working) Act 2023); "
            "Acas Code 2024"
        ),
        reasons_citation="Acas Code of Practice 2024: explain the decision in writing",
        notes=(
            "Employment Rights Act 2025 adds that a refusal must be reasonable "
            "(expected 2027; not applied yet)."
        ),
    ),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        different_manager=True,
        within_decision_period=True,
        external_route="Employment tribunal (up to 8 weeks' pay)",
        citation="Acas Code 2024 (allow an appeal, different manager); ERA 1996 s.80G(1A)",
    ),
    notes=(
        "Decisions in writing (Acas Code 2024); no statutory retention period.",
        "Acas Code 2024: consider a trial period.",
        "Acas Code 2024: no meeting is needed to accept; meetings without unreasonable delay; "
        "missing a meeting and one rearranged meeting without good reason lets the request "
        "be treated as withdrawn (ERA 1996 s.80G(1D)).",
    ),
    facts=(
        _agency_worker("ERA 1996 s.80F(8)(a)(ii)"),
        _fact(
            "agency_worker_parental_leave_return",
            "Is this agency worker returning to work from a period of parental leave?",
            "yes_no",
            "person",
            "request",
            "ERA 1996 s.80F(8)(a)(ii)",
        ),
    ),
    sources=(
        "Eligibility: day one (SI 2023/1328 from 6 Apr 2024); employees only, an agency "
        "worker only when returning from parental leave (ERA 1996 s.80F(8)(a)(ii)).",
        "Decision period: two months beginning with the date the application is made, "
        "including any appeal (ERA 1996 s.80G(1B)); a period beginning with a day ends the "
        "day before the corresponding date, or on the month's last day where there is none "
        "(Dodds v Walker [1981] HL; Zoan v Rouamba [2000] CA): 11 Feb 2019 with three months "
        "ended 10 May 2019 (Walsh v Network Rail, EAT 2021).",
        "Extension only by agreement (s.80G(1B)(b)); agreeing to an appeal hearing after "
        "the period ended does not extend it (Walsh v Network Rail); a retrospective "
        "agreement within three months after the period ended (s.80G(1C)) [unverified: "
        "exact wording of (1C)].",
        "Limit: no more than two applications during any period of 12 months "
        "(s.80F(4)(a)): a request on the anniversary of the older of the last two is "
        "allowed; withdrawn applications count.",
        "One at a time: not while another is proceeding (s.80F(4)(b)); proceeding from the "
        "application until concluded, from an appeal until it is concluded, and from a "
        "retrospective extension (s.80F(4A)); concluded on a decision, withdrawal, agreed "
        "disposal, or when the decision period ends without one (s.80F(4B)). A manager who "
        "lets the period pass does not block the next request.",
        "Refusal: the eight grounds of s.80G(1)(b), after consulting the employee "
        "(s.80G(1)(aza)); Acas Code 2024.",
    ),
)
