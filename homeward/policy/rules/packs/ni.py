"""The NI: Northern Ireland, the older regime."""

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
    _STATUTORY_GROUNDS,
    _agency_worker,
    _employment_start,
)
from homeward.policy.rules.periods import Span

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
