"""The US-FED: the Telework Enhancement Act of 2010."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AgreementRule,
    AppealRule,
    Bar,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    RefusalRule,
    RulePack,
)
from homeward.policy.rules.packs._shared import (
    DEFAULT_POLICY_DECISION_DAYS,
    _fact,
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
