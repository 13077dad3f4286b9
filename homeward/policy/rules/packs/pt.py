"""The PT: Codigo do Trabalho Arts 166-168."""

from __future__ import annotations

from decimal import Decimal

from homeward.policy.rules.base import (
    EMPLOYER_SIZE,
    AgreementRule,
    AppealRule,
    Condition,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExpenseRule,
    ExtensionRule,
    Protection,
    RefusalRule,
    RulePack,
)
from homeward.policy.rules.packs._shared import (
    _EU_ART9,
    DEFAULT_POLICY_DECISION_DAYS,
    _employer_size,
    _fact,
    _is,
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
