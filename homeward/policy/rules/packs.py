"""The statutory rule packs: GB, NI, IE, US-FED, NL, ES and PT, as data.

Sources are those of the design's rules.md (statutes and codes read late 2025). Where
rules.md is silent the value is an assumption and its citation says ``[unverified]``.
"""

from __future__ import annotations

from decimal import Decimal

from homeward.policy.rules.base import (
    AgreementRule,
    AppealRule,
    Bar,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExpenseRule,
    ExtensionRule,
    NoticeRule,
    RefusalGround,
    RefusalRule,
    RequestLimit,
    RetentionRule,
    RulePack,
    ServiceRule,
    Span,
)

# Companies without a statutory deadline still owe a timely answer; 30 days is the
# default a company policy can override (see decision_deadline's ``policy_days``).
DEFAULT_POLICY_DECISION_DAYS = 30

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
                "agency_worker",
                "Agency workers cannot make a statutory request (employees only)",
                "ERA 1996 s.80F(1) (employees); agency workers excluded",
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
            "ERA 1996 s.80F(4) as amended by the Employment Relations (Flexible Working) "
            "Act 2023: two per 12 months, one live at a time"
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
)

# ---------------------------------------------------------------------------------------
# NI: Northern Ireland keeps the older regime; it is not GB.
# ---------------------------------------------------------------------------------------

_NI = "NI regime (nibusinessinfo.co.uk)"
_NI_UNVERIFIED = f"{_NI} [unverified]"

NI = RulePack(
    code="NI",
    name="Northern Ireland",
    summary=(
        "Separate, older regime: 26 weeks' service, one request a year, a meeting within 28 days."
    ),
    holiday_country="GB",
    holiday_subdiv="NIR",
    eligibility=Eligibility(
        service=(ServiceRule(Span(weeks=26), "request", f"{_NI}: 26 weeks' service"),),
        bars=(
            Bar(
                "agency_worker",
                "Agency workers cannot make a statutory request (employees only)",
                # rules.md is silent for NI; the older GB regime it mirrors was employees only.
                _NI_UNVERIFIED,
            ),
        ),
    ),
    request_content=(
        ContentItem("written_dated", "In writing and dated", _NI_UNVERIFIED),
        ContentItem(
            "statutory_statement",
            "States that it is a statutory request for flexible working",
            _NI_UNVERIFIED,
        ),
        ContentItem(
            "change", "The change asked for (hours, times or place of work)", _NI_UNVERIFIED
        ),
        ContentItem("start_date", "The date the change should take effect", _NI_UNVERIFIED),
        # The older regime still asks for this; GB dropped it in 2024.
        ContentItem(
            "effect_on_employer",
            "The effect the change would have on the employer, and how it could be dealt with",
            _NI_UNVERIFIED,
        ),
        ContentItem("previous_requests", "Whether a previous request has been made, and when", _NI),
    ),
    request_notice=None,
    deadline=DeadlineRule(
        kind="after_receipt",
        # Meeting within 28 days is in rules.md; the decision within 14 days after the
        # meeting is the older GB regime NI mirrors. Taken as 28 + 14 = 42 days from
        # receipt when the meeting date is not known.
        span=Span(days=42),
        meeting_within=Span(days=28),
        meeting_citation=f"{_NI}: meeting within 28 days",
        citation=f"{_NI}: meeting within 28 days, decision 14 days after it [unverified]",
    ),
    extension=ExtensionRule(
        allowed=True,
        by_agreement_only=True,
        citation=f"{_NI}: time limits extended by agreement [unverified]",
    ),
    limit=RequestLimit(max_requests=1, window_months=12, citation=f"{_NI}: one request a year"),
    refusal=RefusalRule(
        grounds=tuple(
            RefusalGround(key, label, f"{_NI}: statutory ground {n} [unverified]")
            for key, label, n in _STATUTORY_GROUNDS
        ),
        grounds_citation=f"{_NI}: the statutory grounds [unverified]",
        consultation_required=True,
        consultation_citation=f"{_NI}: meeting within 28 days",
        reasons_citation=f"{_NI}: grounds for refusal in writing [unverified]",
    ),
    appeal=AppealRule(
        internal=True,
        statutory=True,
        different_manager=True,
        lodge_within_days=14,
        # Appeal meeting within 14 days of the appeal, decision within 14 days of it.
        decide_within_days=28,
        external_route="Industrial tribunal [unverified]",
        citation=f"{_NI}: statutory appeal within 14 days of the decision [unverified]",
    ),
)

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
                f"{_WLB} s.20(2): cannot start before 6 months' continuous employment",
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
        Span(weeks=8), "warning", f"{_WLB} s.20(3)(d): at least 8 weeks before the start"
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
)

# ---------------------------------------------------------------------------------------
# US-FED: Telework Enhancement Act of 2010, 5 USC 6501-6506
# ---------------------------------------------------------------------------------------

_OPM = "OPM Guide to Telework (2021), example agreement"

US_FED = RulePack(
    code="US-FED",
    name="United States federal",
    summary=(
        "The agency decides eligibility; statutory bars; a written agreement and training "
        "are mandatory; no statutory decision deadline."
    ),
    holiday_country="US",
    holiday_subdiv=None,
    eligibility=Eligibility(
        bars=(
            Bar(
                "awol_over_5_days",
                "Officially disciplined for being absent without permission for more than "
                "5 days in a calendar year",
                "5 USC 6502(a)(2)(A)",
            ),
            Bar(
                "porn_on_government_computer",
                "Officially disciplined for viewing, downloading or exchanging pornography on "
                "a federal government computer",
                "5 USC 6502(a)(2)(B)",
            ),
            Bar(
                "daily_onsite_duties",
                "Duties require, every work day, handling secure materials or on-site activity",
                "5 USC 6502(b)(4)",
            ),
        ),
        notes="Otherwise the agency determines eligibility (5 USC 6502(a)(1)).",
    ),
    request_content=(),
    request_notice=None,
    deadline=DeadlineRule(
        kind="policy",
        default_days=DEFAULT_POLICY_DECISION_DAYS,
        citation="5 USC 6501-6506: no statutory deadline; agency policy",
    ),
    extension=ExtensionRule(allowed=True, citation="Agency policy (no statutory deadline)"),
    limit=None,
    refusal=RefusalRule(reasons_citation="Agency discretion (5 USC 6502); reasons by policy"),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        external_route="Agency policy",
        citation="Agency policy",
    ),
    agreement=AgreementRule(
        required=True,
        contents=tuple(
            ContentItem(key, label, _OPM)
            for key, label in (
                ("agreement_kind", "New agreement, revision or annual review"),
                ("start_date", "Start date"),
                ("phones", "Telephone numbers while teleworking"),
                ("telework_type", "Type: routine or situational"),
                ("telework_days", "Telework days"),
                ("location", "Telework location"),
                ("recall", "Comes into the office as needed (recall)"),
                ("weather_safety_leave", "Ready to telework when weather and safety leave apply"),
            )
        ),
        before_signing=(
            ContentItem(
                "telework_training",
                "Interactive telework training completed before signing",
                "5 USC 6503(a)",
            ),
        ),
        citation="5 USC 6502(b)(2): written agreement mandatory",
    ),
    notes=(
        "Telework may be routine, situational or unscheduled (OPM).",
        "Agencies report telework to OPM (5 USC 6506).",
        "Home safety self-certification: GSA telework manual Appendix C (homeward.policy.safety).",
    ),
)

# ---------------------------------------------------------------------------------------
# NL: Wet flexibel werken (BWBR0011173). The Senate rejected "Wet werken waar je wilt"
# on 26 Sep 2023, so a request for another place only has to be considered.
# ---------------------------------------------------------------------------------------

_WFW = "Wet flexibel werken art. 2"

NL = RulePack(
    code="NL",
    name="Netherlands",
    summary=(
        "Employers of 10 or more; 26 weeks' service at the start; request 2 months ahead; "
        "decision a month before the start or it is granted as asked."
    ),
    holiday_country="NL",
    holiday_subdiv=None,
    eligibility=Eligibility(
        service=(ServiceRule(Span(weeks=26), "start", f"{_WFW}: 26 weeks' service at the start"),),
        min_employer_size=10,
        employer_size_citation=f"{_WFW}: employers with 10 or more staff",
    ),
    request_content=(
        ContentItem("written", "In writing", _WFW),
        ContentItem("start_date", "The start date", _WFW),
        ContentItem("hours", "The working hours asked for (if they change)", _WFW),
        ContentItem("place", "The place of work asked for", _WFW),
        ContentItem("spread", "The spread of the hours over the week", _WFW),
    ),
    request_notice=NoticeRule(
        Span(months=2), "error", f"{_WFW}: in writing at least 2 months before the start"
    ),
    deadline=DeadlineRule(
        kind="before_start",
        span=Span(months=1),
        deemed_granted=True,
        citation=f"{_WFW}: written decision at least 1 month before the start, else granted as asked",
    ),
    extension=ExtensionRule(
        allowed=False, citation=f"{_WFW}: no extension; a late decision grants the request"
    ),
    limit=RequestLimit(
        months_after_decision=12,
        # Only "a year after the decision" is in rules.md; no second request while one is
        # pending is our reading of it.
        one_live_at_a_time=True,
        citation=f"{_WFW}: a new request only a year after the decision (one pending: [unverified])",
    ),
    refusal=RefusalRule(
        grounds=(
            RefusalGround(
                "weighty_business_interests",
                "Weighty business or service interests (zwaarwegende bedrijfs- of dienstbelangen)",
                f"{_WFW}: hours and times only on weighty business interests",
                applies_to=frozenset({"hours", "times"}),
            ),
        ),
        grounds_citation=f"{_WFW}: weighty business interests",
        consultation_required=True,
        consultation_citation=f"{_WFW}: place: consider, consult the employee, give reasons",
        reasons_citation=f"{_WFW}: written decision with reasons",
    ),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        external_route="Court (kantonrechter)",
        citation=f"{_WFW}: disputes go to court; an internal appeal is company policy",
    ),
)

# ---------------------------------------------------------------------------------------
# ES: Ley 10/2021 de trabajo a distancia
# ---------------------------------------------------------------------------------------

_ES = "Ley 10/2021"
_EU_ART9 = "EU Dir 2019/1158 Art 9"

ES = RulePack(
    code="ES",
    name="Spain",
    summary=(
        "Regular remote work (30% or more over 3 months) needs a written agreement before "
        "it starts, with the Art 7 contents; the employer pays the expenses."
    ),
    holiday_country="ES",
    holiday_subdiv=None,
    eligibility=Eligibility(
        notes=f"No statutory eligibility rule in rules.md; {_EU_ART9} covers parents and carers.",
    ),
    request_content=(),
    request_notice=None,
    deadline=DeadlineRule(
        kind="policy",
        default_days=DEFAULT_POLICY_DECISION_DAYS,
        citation=f"No statutory deadline in rules.md ({_EU_ART9}: a reasonable period); policy",
    ),
    extension=ExtensionRule(allowed=True, citation="Company policy (no statutory deadline)"),
    limit=None,
    refusal=RefusalRule(reasons_citation=f"{_EU_ART9}: reasons required"),
    appeal=AppealRule(internal=True, statutory=False, citation="Company policy"),
    agreement=AgreementRule(
        required=True,
        before_start=True,
        copy_to_reps_within_days=10,
        regular_remote_share=0.30,
        reference_months=3,
        contents=tuple(
            ContentItem(key, label, f"{_ES} Art 7({letter})")
            for letter, key, label in (
                ("a", "equipment_inventory", "Inventory of equipment and tools"),
                ("b", "expenses", "Expenses and how they are compensated"),
                ("c", "hours_availability", "Working hours and availability rules"),
                ("d", "office_remote_split", "Split between office and remote work"),
                ("e", "attached_centre", "The workplace the employee is attached to"),
                ("f", "remote_place", "The remote place of work"),
                ("g", "reversal_notice", "Notice period for reversing the arrangement"),
                ("h", "monitoring", "How the employer monitors the work"),
                ("i", "tech_failure", "Procedure when technical failures stop the work"),
                ("j", "data_protection", "Data protection instructions"),
                ("k", "security", "Information security instructions"),
                ("l", "duration", "Duration of the agreement"),
            )
        ),
        citation=(
            f"{_ES}: written agreement before the start (regular = 30% over 3 months), "
            "copy to representatives within 10 days"
        ),
    ),
    expenses=ExpenseRule(employer_pays=True, citation=f"{_ES}: the employer pays the expenses"),
)

# ---------------------------------------------------------------------------------------
# PT: Codigo do Trabalho Arts 166-168 (Lei 83/2021); Portaria 292-A/2023
# ---------------------------------------------------------------------------------------

_PT = "Codigo do Trabalho Art 166 (Lei 83/2021)"

PT = RulePack(
    code="PT",
    name="Portugal",
    summary=(
        "A written telework agreement with the Art 166 contents; the employer compensates "
        "expenses (exempt up to EUR 1 a day)."
    ),
    holiday_country="PT",
    holiday_subdiv=None,
    eligibility=Eligibility(notes="No statutory eligibility rule in rules.md."),
    request_content=(),
    request_notice=None,
    deadline=DeadlineRule(
        kind="policy",
        default_days=DEFAULT_POLICY_DECISION_DAYS,
        citation=f"No statutory deadline in rules.md ({_EU_ART9}: a reasonable period); policy",
    ),
    extension=ExtensionRule(allowed=True, citation="Company policy (no statutory deadline)"),
    limit=None,
    refusal=RefusalRule(reasons_citation=f"{_EU_ART9}: reasons required"),
    appeal=AppealRule(internal=True, statutory=False, citation="Company policy"),
    agreement=AgreementRule(
        required=True,
        contents=tuple(
            ContentItem(key, label, _PT)
            for key, label in (
                ("parties", "Identification of the parties"),
                ("workplace", "The place of work"),
                ("hours", "Normal working hours"),
                ("schedule", "Working schedule"),
                ("activity", "The activity to be carried out"),
                ("pay", "Pay"),
                ("equipment", "Ownership and maintenance of equipment"),
                ("in_person_contact", "How often in-person contact takes place"),
            )
        ),
        citation=f"{_PT}: written agreement",
    ),
    expenses=ExpenseRule(
        employer_pays=True,
        exempt_daily_eur=Decimal("1.00"),
        breakdown=(
            ("electricity", Decimal("0.10")),
            ("internet", Decimal("0.40")),
            ("computer", Decimal("0.50")),
        ),
        citation="Codigo do Trabalho Art 168; Portaria 292-A/2023: exempt up to EUR 1 a day",
    ),
)
