"""The statutory rule packs: GB, NI, IE, US-FED, NL, ES, PT and AU, as data.

Sources are those of the design's rules.md (statutes and codes read late 2025, and the
part added 2026-12), each pack's ``sources`` say which sections it encodes. Where a value
could not be checked against the text its citation says ``[unverified]``.

Dates: a period "beginning with" a day counts that day as day one and ends by the
corresponding-date rule (``base.period_end``); a period "after" a day starts the next day
(``Span.after``); "N before" a date is the latest day whose N after it ends by that date
(``Span.before``). Qualifying service begins with the first day of employment.
"""

from __future__ import annotations

from decimal import Decimal

from homeward.policy.rules.base import (
    AGENCY_WORKER,
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    AgreementRule,
    AppealRule,
    Bar,
    Condition,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExpenseRule,
    ExtensionRule,
    Fact,
    FactHolder,
    FactKind,
    FactStage,
    NoticeRule,
    Protection,
    RefusalGround,
    RefusalRule,
    RequestLimit,
    Requirement,
    RetentionRule,
    RulePack,
    ServiceRule,
    Span,
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
        service=(
            ServiceRule(
                Span(weeks=26),
                "request",
                f"{_NI}: 26 weeks' service at the date of the application, the application "
                "day counted (ERO (NI) 1996 computation of continuous employment, as ERA 1996 "
                "s.211(1)) [unverified: article number]",
                counts_day_itself=True,
            ),
        ),
        bars=(
            Bar(
                AGENCY_WORKER,
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
    limit=RequestLimit(
        max_requests=1,
        window_months=12,
        citation=(
            f"{_NI}: one request a year: not before the end of 12 months beginning with "
            "the previous application [unverified: ERO (NI) 1996 art. 112F(4)]"
        ),
    ),
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
    facts=(_employment_start(f"{_NI}: 26 weeks' service"), _agency_worker(_NI_UNVERIFIED)),
    sources=(
        "Northern Ireland keeps the older regime (nibusinessinfo.co.uk): 26 weeks' service, "
        "one request a year, a meeting within 28 days.",
        "Service: 26 weeks at the date of the application, counted from the first day of "
        "work to the application day inclusive (the UK computation, ERA 1996 s.211(1)); "
        "started Monday 6 Jan 2025, eligible on Sunday 6 Jul 2025 [unverified: NI article].",
        "One request a year: a new one may be made on the anniversary of the last "
        "(12 months beginning with the previous application) [unverified: article].",
        "Decision 14 days after the meeting (42 days from receipt when the meeting date is "
        "unknown), statutory appeal within 14 days: the older GB regime NI mirrors "
        "[unverified].",
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
    facts=(
        _fact(
            "awol_over_5_days",
            "Has the employee been officially disciplined for being absent without "
            "permission for more than 5 days in a calendar year?",
            "yes_no",
            "person",
            "request",
            "5 USC 6502(a)(2)(A)",
        ),
        _fact(
            "porn_on_government_computer",
            "Has the employee been officially disciplined for viewing, downloading or "
            "exchanging pornography on a federal government computer?",
            "yes_no",
            "person",
            "request",
            "5 USC 6502(a)(2)(B)",
        ),
        _fact(
            "daily_onsite_duties",
            "Do the employee's duties require, every work day, handling secure materials or "
            "on-site activity that cannot be done remotely?",
            "yes_no",
            "person",
            "request",
            "5 USC 6502(b)(4)",
        ),
    ),
    sources=(
        "Telework Enhancement Act of 2010, 5 USC 6501-6506: the agency decides eligibility "
        "(6502(a)(1)); barred by law: official discipline for AWOL over 5 days in a year or "
        "for pornography on a government computer (6502(a)(2)); excluded: duties needing "
        "secure materials or on-site activity every work day (6502(b)(4)).",
        "Written agreement mandatory (6502(b)(2)); interactive training before signing "
        "(6503(a)); no statutory deadline: agency policy.",
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
        citation=(
            f"{_WFW}: a new request a year after the decision, from its anniversary "
            "(one pending: [unverified])"
        ),
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
    facts=(
        _employer_size(
            "How many employees does the employer have in the Netherlands?",
            f"{_WFW}: employers with 10 or more staff",
        ),
        _employment_start(f"{_WFW}: 26 weeks' service at the start"),
        _requested_start(f"{_WFW}: 2 months' notice; decision a month before the start"),
    ),
    sources=(
        "Wet flexibel werken (BWBR0011173) art. 2: at least 26 weeks in service on the "
        "intended start date (the start may be the day the 26 weeks beginning with the "
        "first day of work are complete: employed from Monday 6 Jan 2025, a start on "
        "Monday 7 Jul 2025); employers with 10 or more staff [unverified: whether the "
        "small-employer exception covers place as well as hours].",
        "Request in writing at least 2 months before the start; written decision at least "
        "a month before it, else granted as asked (a month before 31 March is 28 February).",
        "A new request a year after the decision: read as from the decision's anniversary "
        "(1 March for a decision on 29 February) [unverified: Dutch case law on the day].",
        "The Senate rejected 'Wet werken waar je wilt' on 26 Sep 2023: a change of place only "
        "has to be considered, with the employee consulted and reasons given.",
        "Art. 2a (parents of children under 8 and carers, 2022) is not encoded [unverified].",
    ),
)

# ---------------------------------------------------------------------------------------
# ES: Estatuto de los Trabajadores art. 34.8 (RDL 5/2023) for work-life balance requests;
# Ley 10/2021 de trabajo a distancia for the agreement on regular remote work.
# ---------------------------------------------------------------------------------------

_ES = "Ley 10/2021"
_EU_ART9 = "EU Dir 2019/1158 Art 9"
_ET = "ET art. 34.8 (RDL 5/2023)"

# Art. 34.8: children until they turn 12; since RDL 5/2023 also children over 12, the
# spouse or partner, relatives to the second degree and dependants living with the worker
# who need care. "none" is a request that is not for work-life balance: Ley 10/2021 only.
ES_CARE_NEEDS = (
    ("child_under_12", "A child under 12"),
    ("child_over_12", "A child of 12 or over who needs care"),
    ("spouse_partner", "The spouse or partner"),
    ("relative_2nd_degree", "A relative up to the second degree"),
    ("dependant_cohabitant", "Another dependant living with the worker"),
    ("none", "None: not a request for work-life balance"),
)
_ES_CONCILIATION = (
    Condition(
        "es_care_need",
        "in",
        "a work-life balance request under art. 34.8",
        values=frozenset(k for k, _ in ES_CARE_NEEDS if k != "none"),
    ),
    _is("es_collective_procedure", "no collective agreement sets the procedure", False),
)

ES = RulePack(
    code="ES",
    name="Spain",
    summary=(
        "Work-life balance requests (art. 34.8 ET): at most 15 days of negotiation, then a "
        "written acceptance, counter-offer or refusal with objective reasons, else presumed "
        "granted. Regular remote work (30% or more over 3 months) needs a written agreement "
        "with the Ley 10/2021 Art 7 contents; the employer pays the expenses."
    ),
    holiday_country="ES",
    holiday_subdiv=None,
    eligibility=Eligibility(
        notes=(
            f"Any worker may ask to adapt working time or place for work-life balance "
            f"({_ET}); otherwise remote work is voluntary for both sides (Ley 10/2021 art. 5)."
        ),
    ),
    request_content=(),
    request_notice=None,
    deadline=DeadlineRule(
        kind="after_receipt",
        span=Span(days=15),
        deemed_granted=True,
        what="Negotiation and written answer",
        applies_if=_ES_CONCILIATION,
        citation=(
            f"{_ET}: a negotiation of at most 15 days, then a written acceptance, "
            "counter-proposal or refusal with objective reasons; presumed granted without "
            "an express reasoned opposition within the period [unverified: wording of the "
            "presumption read in secondary sources; days counted as calendar days from the "
            "day after receipt, Código Civil art. 5]"
        ),
        otherwise=DeadlineRule(
            kind="policy",
            default_days=DEFAULT_POLICY_DECISION_DAYS,
            citation=(
                f"Not an art. 34.8 request, or a collective agreement sets the procedure: "
                f"no statutory deadline ({_EU_ART9}: a reasonable period); policy"
            ),
        ),
    ),
    extension=ExtensionRule(
        allowed=True,
        citation=(
            f"Company policy; the {_ET} 15 days are a maximum and are not extended [unverified]"
        ),
    ),
    limit=None,
    refusal=RefusalRule(
        reasons_citation=f"{_ET}: a refusal in writing with the objective reasons; {_EU_ART9}",
        consultation_required=True,
        consultation_if=_ES_CONCILIATION,
        consultation_citation=f"{_ET}: the employer opens a negotiation (at most 15 days)",
        notes=(
            "A counter-proposal that meets the worker's care needs is one of the three "
            "answers; the worker may return to the previous arrangement when the agreed "
            "period ends or the reasons cease."
        ),
    ),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        external_route="Social courts (Ley 36/2011 reguladora de la jurisdicción social art. 139)",
        citation=f"Company policy; disputes under {_ET} go to the social courts (LRJS art. 139)",
    ),
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
    facts=(
        _fact(
            "es_care_need",
            "Is the request made to care for someone (art. 34.8 ET), and for whom?",
            "choice",
            "request",
            "request",
            _ET,
            choices=ES_CARE_NEEDS,
        ),
        _fact(
            "es_collective_procedure",
            "Does a collective agreement set the procedure for adaptation requests?",
            "yes_no",
            "organisation",
            "request",
            _ET,
        ),
    ),
    sources=(
        "Estatuto de los Trabajadores art. 34.8 as amended by RDL 5/2023 (in force 30 Jun "
        "2023): workers may ask to adapt the length and distribution of working time and "
        "the form of work, remote work included, for work-life balance; with children until "
        "they turn 12, and since 2023 for children over 12, the spouse or partner, relatives "
        "to the second degree and dependants living with them who need care.",
        "Absent terms in a collective agreement, the employer opens a negotiation of at most "
        "15 days, then answers in writing: acceptance, an alternative proposal that meets "
        "the care needs, or a refusal with the objective reasons; the request is presumed "
        "granted without an express reasoned opposition within the period [unverified: "
        "read in secondary sources]. The Tribunal Supremo (Pleno, 24 Sep 2025) holds the "
        "negotiation mandatory [unverified]. Disputes: LRJS art. 139.",
        "Days: calendar days counted from the day after receipt (Código Civil art. 5) "
        "[unverified for art. 34.8]; received 17 Dec, answer due 1 Jan, moved back to the "
        "last working day before it in the office calendar.",
        "Ley 10/2021 (regular remote work, 30% or more over 3 months): voluntary for both "
        "sides (art. 5), a written agreement before it starts with the art. 7 contents, a "
        "copy to the representatives within 10 days, expenses paid by the employer.",
    ),
)

# ---------------------------------------------------------------------------------------
# PT: Codigo do Trabalho Arts 166-168 (Lei 83/2021); Portaria 292-A/2023
# ---------------------------------------------------------------------------------------

_PT = "Codigo do Trabalho Art 166 (Lei 83/2021)"
_PT_RIGHT = (
    "Código do Trabalho art. 166.º-A n.os 2-3 (added by Lei 83/2021; n.º 2 widened by "
    "Lei 13/2023) [unverified: numbering of the paragraph saying the employer cannot oppose]"
)
PT_PARENT_CASES = (
    ("both_parents_alternating", "Both parents can telework and do so in turns of equal length"),
    ("single_parent", "A single-parent family"),
    ("only_one_parent_can", "Only one parent can, demonstrably, telework"),
    ("none", "None of these"),
)

PT = RulePack(
    code="PT",
    name="Portugal",
    summary=(
        "A parent of a child under 3 (under 8 in the listed cases, any age with a disability "
        "or chronic illness) has a right to telework the employer cannot refuse when the work "
        "allows it and the employer has the means; a written telework agreement with the "
        "Art 166 contents; the employer compensates expenses (exempt up to EUR 1 a day)."
    ),
    holiday_country="PT",
    holiday_subdiv=None,
    eligibility=Eligibility(
        notes="Anyone may ask; some parents have a right (see the refusal rules)."
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
    refusal=RefusalRule(
        reasons_citation=f"{_EU_ART9}: reasons required",
        protections=(
            Protection(
                "telework_parent",
                "This worker has a right to telework that the employer cannot refuse: a "
                "child under 3 (under 8 in the listed cases, or of any age with a disability, "
                "chronic or oncological illness, living with the worker), work compatible "
                "with telework, and an employer with the resources and means.",
                _PT_RIGHT,
                qualifies=(
                    (Condition("pt_child_birth_date", "under_age", "a child under 3", number=3),),
                    (
                        _is(
                            "pt_child_condition",
                            "a child with a disability, chronic or oncological illness "
                            "living with the worker",
                            True,
                        ),
                    ),
                    (
                        Condition("pt_child_birth_date", "under_age", "a child under 8", number=8),
                        Condition(
                            "pt_parent_case",
                            "in",
                            "one of the cases of n.º 3",
                            values=frozenset(k for k, _ in PT_PARENT_CASES if k != "none"),
                        ),
                        Condition(
                            EMPLOYER_SIZE,
                            "at_least",
                            "not a micro-enterprise (10 or more workers) [unverified]",
                            number=10,
                        ),
                    ),
                ),
                requires=(
                    _is("pt_compatible", "telework is compatible with the activity", True),
                    _is("pt_employer_means", "the employer has the resources and means", True),
                ),
            ),
        ),
        notes=(
            "Where the worker's right applies, the employer may refuse only because the "
            "activity is incompatible with telework or it lacks the means, with reasons."
        ),
    ),
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
    facts=(
        _fact(
            "pt_child_birth_date",
            "Date of birth of the youngest child living with the worker (or answer no child)?",
            "date",
            "person",
            "refusal",
            _PT_RIGHT,
        ),
        _fact(
            "pt_child_condition",
            "Does a child of any age with a disability, chronic or oncological illness live "
            "with the worker?",
            "yes_no",
            "person",
            "refusal",
            _PT_RIGHT,
        ),
        _fact(
            "pt_parent_case",
            "For a child under 8: which of the cases of art. 166.º-A n.º 3 applies?",
            "choice",
            "person",
            "refusal",
            _PT_RIGHT,
            choices=PT_PARENT_CASES,
        ),
        _employer_size(
            "How many workers does the employer have in Portugal?",
            f"{_PT_RIGHT}: micro-enterprises excluded from the extension to 8",
            "refusal",
        ),
        _fact(
            "pt_compatible",
            "Is telework compatible with the activity the worker performs?",
            "yes_no",
            "decision",
            "refusal",
            _PT_RIGHT,
        ),
        _fact(
            "pt_employer_means",
            "Does the employer have the resources and means for this worker to telework?",
            "yes_no",
            "decision",
            "refusal",
            _PT_RIGHT,
        ),
    ),
    sources=(
        "Código do Trabalho art. 166.º-A (added by Lei 83/2021, in force 1 Jan 2022; the "
        "design's rules.md calls it art. 166): a worker with a child up to 3 years old, or "
        "of any age with a disability, chronic or oncological illness living with them "
        "(Lei 13/2023), has a right to telework where it is compatible with the activity "
        "and the employer has the resources and means; extended to 8 years where both "
        "parents can telework and do so in successive periods of equal length within 12 "
        "months, for single-parent families, or where only one parent demonstrably can; "
        "the employer cannot oppose the request [unverified: paragraph numbers; "
        "micro-enterprises excluded from the extension to 8, read in secondary sources].",
        "'Up to 3 years' is read as until the third birthday (1 March for a child born on "
        "29 February) [unverified: whether a child aged 3 is included].",
        "Not encoded: the right of victims of domestic violence (art. 166.º-A n.º 1, with "
        "art. 195) and of non-principal informal carers (n.os 5-6).",
        "Agreement (art. 166) and expenses (art. 168; Portaria 292-A/2023: EUR 1 a day exempt).",
    ),
)

# ---------------------------------------------------------------------------------------
# AU: Fair Work Act 2009 (Cth) ss.65, 65A-65C, as amended from 6 June 2023
# ---------------------------------------------------------------------------------------

_FWA = "Fair Work Act 2009 (Cth)"
AU_CIRCUMSTANCES = (
    ("pregnant", "The employee is pregnant"),
    ("parent_school_age", "Parent of, or caring for, a child of school age or younger"),
    ("carer", "A carer (Carer Recognition Act 2010)"),
    ("disability", "The employee has a disability"),
    ("age_55", "The employee is 55 or older"),
    ("family_violence", "The employee is experiencing family and domestic violence"),
    (
        "family_violence_carer",
        "Caring for a family or household member experiencing family and domestic violence",
    ),
    ("none", "None of these"),
)
_AU_GROUNDS = (
    ("too_costly", "The new working arrangements would be too costly", "(a)"),
    ("no_capacity", "No capacity to change other employees' working arrangements", "(b)"),
    (
        "impractical",
        "Impractical to change other employees' arrangements or recruit new employees",
        "(c)",
    ),
    ("efficiency", "Likely significant loss in efficiency or productivity", "(d)"),
    ("customer_service", "Likely significant negative impact on customer service", "(e)"),
)
_NOT_CASUAL = _is("au_casual", "not a casual employee", False)

AU = RulePack(
    code="AU",
    name="Australia",
    summary=(
        "After 12 months' service (casuals: regular and systematic, expecting to continue), "
        "in a listed circumstance; a written response within 21 days; a refusal only after "
        "discussing it and genuinely trying to agree, on reasonable business grounds, with "
        "reasons and the changes the employer would accept; disputes to the Fair Work "
        "Commission."
    ),
    holiday_country="AU",
    holiday_subdiv=None,
    eligibility=Eligibility(
        service=(
            ServiceRule(
                Span(months=12),
                "request",
                f"{_FWA} s.65(2)(a): 12 months' continuous service immediately before the request",
                applies_if=(_NOT_CASUAL,),
            ),
        ),
        requirements=(
            Requirement(
                "circumstance",
                "The request must relate to a circumstance listed in s.65(1A): pregnancy; "
                "parent or carer of a child of school age or younger; a carer; disability; "
                "55 or older; experiencing family and domestic violence, or caring for a "
                "family or household member who is.",
                f"{_FWA} s.65(1), (1A)",
                any_of=(
                    (
                        Condition(
                            "au_circumstance",
                            "in",
                            "a listed circumstance",
                            values=frozenset(k for k, _ in AU_CIRCUMSTANCES if k != "none"),
                        ),
                    ),
                ),
            ),
            Requirement(
                "casual_service",
                "A casual employee may ask only after being employed on a regular and "
                "systematic basis for at least 12 months, with a reasonable expectation of "
                "continuing so.",
                f"{_FWA} s.65(2)(b)",
                any_of=(
                    (_NOT_CASUAL,),
                    (
                        _is("au_casual", "a casual employee", True),
                        _is(
                            "au_casual_regular",
                            "employed regularly and systematically for 12 months",
                            True,
                        ),
                        _is(
                            "au_casual_expectation",
                            "a reasonable expectation of continuing employment",
                            True,
                        ),
                    ),
                ),
            ),
        ),
    ),
    request_content=(
        ContentItem("written", "In writing", f"{_FWA} s.65(3)"),
        ContentItem("change", "Details of the change sought", f"{_FWA} s.65(3)(b)"),
        ContentItem("reasons", "The reasons for the change", f"{_FWA} s.65(3)(b)"),
    ),
    request_notice=None,
    deadline=DeadlineRule(
        kind="after_receipt",
        span=Span(days=21),
        what="Written response",
        citation=f"{_FWA} s.65A(2): a written response within 21 days, granting or refusing",
    ),
    extension=ExtensionRule(
        allowed=False, citation=f"{_FWA} s.65A(2): the 21 days cannot be extended"
    ),
    limit=None,
    refusal=RefusalRule(
        grounds=tuple(
            RefusalGround(key, label, f"{_FWA} s.65A(5){n}") for key, label, n in _AU_GROUNDS
        ),
        grounds_citation=f"{_FWA} s.65A(3)(d), (5): reasonable business grounds (examples)",
        grounds_exhaustive=False,
        consultation_required=True,
        consultation_citation=f"{_FWA} s.65A(3)(a)(i): the request was discussed",
        prerequisites=(
            _is(
                "au_genuine_attempt",
                "the employer must have genuinely tried to reach an agreement about changes "
                "that accommodate the employee's circumstances",
                True,
            ),
            _is(
                "au_considered_consequences",
                "the employer must have had regard to the consequences of the refusal for "
                "the employee",
                True,
            ),
        ),
        prerequisites_citation=f"{_FWA} s.65A(3)(a)(ii), (c)",
        alternatives_required=True,
        alternatives_citation=f"{_FWA} s.65A(6)(d)",
        response_contents=(
            ContentItem("reasons", "The details of the reasons", f"{_FWA} s.65A(6)(a)"),
            ContentItem("business_grounds", "The business grounds", f"{_FWA} s.65A(6)(b)"),
            ContentItem(
                "grounds_applied", "How the grounds apply to the request", f"{_FWA} s.65A(6)(c)"
            ),
            ContentItem(
                "alternatives",
                "The changes the employer would make, or that there are none",
                f"{_FWA} s.65A(6)(d)",
            ),
            ContentItem(
                "dispute_route",
                "The effect of ss.65B and 65C (disputes to the Fair Work Commission)",
                f"{_FWA} s.65A(6)(e)",
            ),
        ),
        reasons_citation=f"{_FWA} s.65A(6): a written refusal with the details of the reasons",
    ),
    appeal=AppealRule(
        internal=True,
        statutory=False,
        different_manager=True,
        external_route=(
            "Fair Work Commission (ss.65B, 65C), after trying to resolve it at the workplace "
            "by discussion"
        ),
        citation=f"{_FWA} ss.65B-65C; an internal appeal is company policy",
    ),
    notes=(
        "If the parties agree changes different from the request, the written response sets "
        "them out (s.65A(4)).",
        "Not answering within 21 days can itself be taken to the Commission (s.65B(1)(b)).",
    ),
    facts=(
        _employment_start(f"{_FWA} s.65(2)(a)"),
        _fact(
            "au_circumstance",
            "Which circumstance of s.65(1A) does the request relate to?",
            "choice",
            "request",
            "request",
            f"{_FWA} s.65(1A)",
            choices=AU_CIRCUMSTANCES,
        ),
        _fact(
            "au_casual",
            "Is the employee a casual employee?",
            "yes_no",
            "person",
            "request",
            f"{_FWA} s.65(2)",
        ),
        _fact(
            "au_casual_regular",
            "Has the casual employee worked on a regular and systematic basis for at least "
            "12 months before the request?",
            "yes_no",
            "person",
            "request",
            f"{_FWA} s.65(2)(b)(i)",
        ),
        _fact(
            "au_casual_expectation",
            "Does the casual employee have a reasonable expectation of continuing "
            "employment on a regular and systematic basis?",
            "yes_no",
            "person",
            "request",
            f"{_FWA} s.65(2)(b)(ii)",
        ),
        _fact(
            "au_genuine_attempt",
            "Did the employer genuinely try to reach an agreement with the employee?",
            "yes_no",
            "decision",
            "refusal",
            f"{_FWA} s.65A(3)(a)(ii)",
        ),
        _fact(
            "au_considered_consequences",
            "Did the employer consider the consequences of the refusal for the employee?",
            "yes_no",
            "decision",
            "refusal",
            f"{_FWA} s.65A(3)(c)",
        ),
    ),
    sources=(
        "Fair Work Act 2009 (Cth) ss.65, 65A-65C as amended by the Fair Work Legislation "
        "Amendment (Secure Jobs, Better Pay) Act 2022, from 6 June 2023.",
        "s.65(1), (1A): a request relating to a listed circumstance (pregnant; parent or "
        "carer of a child of school age or younger; carer; disability; 55 or older; "
        "experiencing family and domestic violence, or caring for a family or household "
        "member who is). s.65(2): 12 months' continuous service immediately before the "
        "request (employed from 31 Jan 2025: a request from 31 Jan 2026); casuals: "
        "regular and systematic for 12 months with a reasonable expectation of continuing. "
        "s.65(3): in writing, the change and the reasons.",
        "s.65A(2): a written response within 21 days (Acts Interpretation Act 1901 s.36: "
        "the day of receipt excluded). s.65A(3): refusal only after discussing the request, "
        "genuinely trying to agree, having regard to the consequences for the employee, and "
        "on reasonable business grounds; s.65A(5) lists examples. s.65A(6): the reasons, the "
        "grounds and how they apply, the changes the employer would accept (or that there "
        "are none), and the effect of ss.65B-65C.",
        "s.65B: disputes about a refusal or a missing response are first discussed at the "
        "workplace, then may go to the Fair Work Commission; s.65C: its powers, arbitration "
        "included.",
    ),
)
