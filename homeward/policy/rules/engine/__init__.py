"""Pure functions over the rule packs: eligibility, limits, deadlines, extensions, refusals.

They take plain dataclasses and dates and return values: nothing here reads the database
or the clock, so every rule is testable in microseconds. Breaking a rule raises RuleError
(an operation that must not happen) or returns Problems (facts to show a person).
"""

from homeward.policy.rules.engine.agreements import agreement_required, missing_agreement_content
from homeward.policy.rules.engine.appeals import appeal_deadline, appeal_lodging_deadline
from homeward.policy.rules.engine.deadlines import decision_deadline, extend_deadline
from homeward.policy.rules.engine.eligibility import (
    check_eligibility,
    evaluate_eligibility,
    missing_request_content,
)
from homeward.policy.rules.engine.limits import next_request_allowed_on
from homeward.policy.rules.engine.refusals import (
    allowed_grounds,
    evaluate_refusal,
    missing_refusal_content,
    validate_refusal,
)

__all__ = [
    "agreement_required",
    "allowed_grounds",
    "appeal_deadline",
    "appeal_lodging_deadline",
    "check_eligibility",
    "decision_deadline",
    "evaluate_eligibility",
    "evaluate_refusal",
    "extend_deadline",
    "missing_agreement_content",
    "missing_refusal_content",
    "missing_request_content",
    "next_request_allowed_on",
    "validate_refusal",
]
