"""The ES: Estatuto de los Trabajadores art. 34.8 and Ley 10/2021."""

from __future__ import annotations

from homeward.policy.rules.base import (
    AgreementRule,
    AppealRule,
    Condition,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExpenseRule,
    ExtensionRule,
    RefusalRule,
    RulePack,
)
from homeward.policy.rules.packs._shared import (
    _EU_ART9,
    DEFAULT_POLICY_DECISION_DAYS,
    _fact,
    _is,
)
from homeward.policy.rules.periods import Span

# ---------------------------------------------------------------------------------------
# ES: Estatuto de los Trabajadores art. 34.8 (RDL 5/2023) for work-life balance requests;
# Ley 10/2021 de trabajo a distancia for the agreement on regular remote work.
# ---------------------------------------------------------------------------------------

_ES = "Ley 10/2021"
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
