"""The NL: the Wet flexibel werken."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AppealRule,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    NoticeRule,
    RefusalGround,
    RefusalRule,
    RequestLimit,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.packs._shared import (
    _employer_size,
    _employment_start,
    _requested_start,
)
from homeward.policy.rules.periods import Span

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
