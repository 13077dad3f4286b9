"""The IE: the Work Life Balance and Miscellaneous Provisions Act 2023, Part 3."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AgreementRule,
    AppealRule,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    NoticeRule,
    RefusalRule,
    RetentionRule,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.packs._shared import (
    _employment_start,
    _requested_start,
)
from homeward.policy.rules.periods import Span

# ---------------------------------------------------------------------------------------
# IE: Work Life Balance and Miscellaneous Provisions Act 2023, Part 3 (remote working)
# ---------------------------------------------------------------------------------------

_WLB = "WLB Act 2023"

IE = RulePack(
    code="IE",
    name="Ireland",
    summary=(
        "Right to request remote working; reply within 4 weeks (one extension of up to "
        "8 weeks); the arrangement starts after 6 months' service."
    ),
    holiday_country="IE",
    holiday_subdiv=None,
    eligibility=Eligibility(
        service=(
            ServiceRule(
                Span(months=6),
                "start",
                f"{_WLB} s.20(2): cannot commence before 6 months' continuous employment "
                "are completed",
            ),
        ),
        notes="A request may be made at any time.",
    ),
    request_content=(
        ContentItem(
            "written_signed", "In writing and signed by the employee", f"{_WLB} s.20(3)(a)"
        ),
        ContentItem(
            "arrangement_details",
            "Details of the arrangement asked for (which days)",
            f"{_WLB} s.20(3)(b)",
        ),
        ContentItem("start_date", "The proposed start date", f"{_WLB} s.20(3)(b)"),
        ContentItem("end_date", "The end date, where there is one", f"{_WLB} s.20(3)(b)"),
        ContentItem(
            "reasons", "The reasons for the request (the employee's needs)", f"{_WLB} s.20(3)(c)(i)"
        ),
        ContentItem("location", "The proposed remote working location", f"{_WLB} s.20(3)(c)(ii)"),
        ContentItem(
            "location_suitability",
            "Suitability of the location: workstation, distance to site, data and IP security, "
            "safety (SHWW Act 2005), agreed risk assessment, adequate internet",
            f"{_WLB} s.20(3)(c)(iii); WRC Code of Practice 2024",
        ),
    ),
    request_notice=NoticeRule(
        Span(weeks=8),
        "error",
        f"{_WLB} s.20(3)(d): submitted not later than 8 weeks before the proposed "
        "commencement; s.21(1) binds the employer only for a request made in accordance "
        "with s.20(3); WRC Code of Practice 2024",
    ),
    deadline=DeadlineRule(
        kind="after_receipt",
        span=Span(weeks=4),
        citation=(
            f"{_WLB} s.21(1)(b): within 4 weeks of receipt approve with a signed agreement, "
            "refuse in writing with reasons, or give notice of an extension"
        ),
    ),
    extension=ExtensionRule(
        allowed=True,
        max_count=1,
        max_days=56,
        citation=f"{_WLB} s.21(1)(b)(iii), s.21(2): one further period of up to 8 weeks",
    ),
    limit=None,  # rules.md: no limit found
    refusal=RefusalRule(
        reasons_citation=f"{_WLB} s.21(1)(b)(ii): refusal in writing with reasons",
        notes="Weigh the employer's needs, the employee's needs and the WRC Code (s.21(1)(a)).",
    ),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        external_route="Complaint to the WRC (s.27)",
        citation=f"{_WLB} s.27 (WRC complaint); an internal appeal is company policy",
    ),
    records=(
        RetentionRule(3, "Records of requests and decisions", f"{_WLB} s.28"),
        RetentionRule(1, "Notices", f"{_WLB} s.28"),
    ),
    agreement=AgreementRule(
        required=True,
        signed_copy_to_employee=True,
        contents=(
            ContentItem(
                "arrangement_details", "Details of the arrangement", f"{_WLB} s.21(1)(b)(i)"
            ),
            ContentItem("start_date", "Start date", f"{_WLB} s.21(1)(b)(i)"),
            ContentItem("end_date", "End date, if any", f"{_WLB} s.21(1)(b)(i)"),
        ),
        citation=f"{_WLB} s.21(1)(b)(i), s.21(3): signed agreement, copy to the employee",
    ),
    notes=(
        "The agreement may expire; the employer may end it for substantial adverse effect "
        "on the business (s.22) or abuse (s.25).",
    ),
    facts=(
        _employment_start(f"{_WLB} s.20(2)"),
        _requested_start(f"{_WLB} s.20(3)(b), (d)"),
    ),
    sources=(
        "WLB Act 2023 Part 3 (irishstatutebook.ie/eli/2023/act/8), in force 7 Mar 2024 with "
        "the WRC Code of Practice.",
        "s.20(2): the arrangement shall not commence before 6 months' continuous employment "
        "are completed: the 6 months begin with the first day of employment and end by the "
        "corresponding-date rule (employed from 31 Aug 2025: complete at the end of "
        "28 Feb 2026, earliest start 1 Mar 2026) [unverified: no Irish case on the month "
        "end; read as English law].",
        "s.20(3)(d): the request is submitted not later than 8 weeks before the proposed "
        "commencement; a later one is not a request in accordance with s.20(3), which is "
        "what s.21(1) obliges the employer to consider: an error, not a warning.",
        "s.21(1)(b): approve with a signed agreement, refuse in writing with reasons, or "
        "notify an extension, within 4 weeks after receipt; s.21(2): one further period of "
        "up to 8 weeks. s.27: complaint to the WRC. s.28: records 3 years.",
    ),
)
