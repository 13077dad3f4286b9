"""The AU: the Fair Work Act 2009 (Cth)."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AppealRule,
    Condition,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    RefusalGround,
    RefusalRule,
    Requirement,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.packs._shared import (
    _employment_start,
    _fact,
    _is,
)
from homeward.policy.rules.periods import Span

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
