"""The GENERIC pack: for offices without a statutory pack, its numbers come from company policy.

HR sets a ``GenericConfig`` in the company policy; ``generic_pack`` turns it into a pack
that the engine treats like any other. The defaults are good practice, not law: no
qualifying period, a decision within 30 days, one extension of up to 30 days, one live
request at a time, consultation before refusing, and an appeal to a different manager.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from homeward.policy.rules.base import (
    EMPLOYER_SIZE,
    EMPLOYMENT_START,
    REQUESTED_START,
    AgreementRule,
    AppealRule,
    ContentItem,
    DeadlineRule,
    Eligibility,
    ExtensionRule,
    Fact,
    NoticeRule,
    RefusalGround,
    RefusalRule,
    RequestLimit,
    RetentionRule,
    RulePack,
    ServiceRule,
)
from homeward.policy.rules.packs import DEFAULT_POLICY_DECISION_DAYS
from homeward.policy.rules.periods import RuleError, Span

POLICY = "Company policy"


@dataclass(frozen=True)
class GenericConfig:
    """The numbers of the GENERIC pack. None switches a rule off.

    Counts and days must be zero or more; ``decision_days`` and ``window_months`` at
    least one. Invalid values raise RuleError when the config is made.
    """

    min_service_days: int = 0
    min_service_before_start_days: int = 0
    min_employer_size: int | None = None
    notice_before_start_days: int = 0
    decision_days: int = DEFAULT_POLICY_DECISION_DAYS
    extension_allowed: bool = True
    extension_by_agreement_only: bool = False
    extension_max_count: int | None = 1
    extension_max_days: int | None = 30
    max_requests: int | None = None
    window_months: int = 12
    one_live_at_a_time: bool = True
    months_after_decision: int | None = None
    consultation_required: bool = True
    appeal_allowed: bool = True
    appeal_lodge_days: int | None = 14
    appeal_decide_days: int | None = 14
    record_retention_years: int | None = None
    refusal_grounds: tuple[RefusalGround, ...] = ()
    request_content: tuple[ContentItem, ...] = ()
    agreement_contents: tuple[ContentItem, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                raise RuleError(f"Company policy: {f.name} cannot be negative ({value}).")
        if self.decision_days < 1:
            raise RuleError("Company policy: decision_days must be at least 1.")
        if self.window_months < 1:
            raise RuleError("Company policy: window_months must be at least 1.")


def _service(config: GenericConfig) -> tuple[ServiceRule, ...]:
    rules = []
    if config.min_service_days:
        rules.append(ServiceRule(Span(days=config.min_service_days), "request", POLICY))
    if config.min_service_before_start_days:
        rules.append(ServiceRule(Span(days=config.min_service_before_start_days), "start", POLICY))
    return tuple(rules)


def _limit(config: GenericConfig) -> RequestLimit | None:
    if not (config.max_requests or config.one_live_at_a_time or config.months_after_decision):
        return None
    return RequestLimit(
        max_requests=config.max_requests,
        window_months=config.window_months,
        one_live_at_a_time=config.one_live_at_a_time,
        months_after_decision=config.months_after_decision,
        citation=POLICY,
    )


def _facts(config: GenericConfig) -> tuple[Fact, ...]:
    facts = []
    if config.min_service_days or config.min_service_before_start_days:
        facts.append(
            Fact(
                EMPLOYMENT_START,
                "When did the employee's continuous employment with this employer begin?",
                "date",
                "person",
                "request",
                POLICY,
            )
        )
    if config.min_service_before_start_days or config.notice_before_start_days:
        question = "On which date should the arrangement start?"
        facts.append(Fact(REQUESTED_START, question, "date", "request", "request", POLICY))
    if config.min_employer_size is not None:
        question = "How many staff does the employer have?"
        facts.append(Fact(EMPLOYER_SIZE, question, "number", "organisation", "request", POLICY))
    return tuple(facts)


def generic_pack(config: GenericConfig | None = None) -> RulePack:
    """The GENERIC pack for ``config`` (defaults when None)."""
    if config is None:
        config = GenericConfig()
    notice = config.notice_before_start_days
    return RulePack(
        code="GENERIC",
        name="Generic (company rules)",
        summary="No statutory pack applies: the company policy sets every number.",
        holiday_country=None,
        holiday_subdiv=None,
        eligibility=Eligibility(
            service=_service(config),
            min_employer_size=config.min_employer_size,
            employer_size_citation=POLICY,
        ),
        request_content=config.request_content,
        request_notice=NoticeRule(Span(days=notice), "warning", POLICY) if notice else None,
        deadline=DeadlineRule(kind="policy", default_days=config.decision_days, citation=POLICY),
        extension=ExtensionRule(
            allowed=config.extension_allowed,
            by_agreement_only=config.extension_by_agreement_only,
            max_count=config.extension_max_count,
            max_days=config.extension_max_days,
            citation=POLICY,
        ),
        limit=_limit(config),
        refusal=RefusalRule(
            grounds=config.refusal_grounds,
            grounds_citation=POLICY,
            consultation_required=config.consultation_required,
            consultation_citation=POLICY,
            reasons_citation=POLICY,
        ),
        appeal=AppealRule(
            internal=config.appeal_allowed,
            different_manager=True,
            lodge_within_days=config.appeal_lodge_days if config.appeal_allowed else None,
            decide_within_days=config.appeal_decide_days if config.appeal_allowed else None,
            citation=POLICY,
        ),
        records=(
            (RetentionRule(config.record_retention_years, "Requests and decisions", POLICY),)
            if config.record_retention_years
            else ()
        ),
        agreement=(
            AgreementRule(contents=config.agreement_contents, citation=POLICY)
            if config.agreement_contents
            else None
        ),
        facts=_facts(config),
        sources=(
            "No statute: every number comes from the company policy (GenericConfig). "
            "Periods count as in the statutory packs: N days of service from the first day "
            "of work are complete on day N + 1; a count limit in months lifts on the "
            "anniversary of the oldest counted request.",
        ),
    )


GENERIC = generic_pack()
