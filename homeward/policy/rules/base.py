"""The building blocks of the jurisdiction rule packs: frozen dataclasses, no Django.

Every rule carries a ``citation``: the source in the design's rules.md that it encodes.
``[unverified]`` inside a citation marks an assumption made where rules.md is silent, so
the flag travels with the rule into every screen and letter that quotes it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning"]

# What a request asks to change. ERA 1996 s.80F(1) and Wet flexibel werken art. 2 both
# distinguish hours, times and place; a work-from-home request always changes the place.
CHANGE_KINDS: frozenset[str] = frozenset({"hours", "times", "place"})


class RuleError(ValueError):
    """Something the jurisdiction's rules do not allow; the message names the rule."""


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (negative moves back).

    A day missing from the target month clamps to that month's last day:
    31 Jan + 1 month is 28 Feb (29 in a leap year); 31 Mar - 1 month likewise.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@dataclass(frozen=True)
class Span:
    """A length of time: calendar months, then weeks and days.

    The packs use one unit per span, so the order only matters for hand-made mixes.
    """

    months: int = 0
    weeks: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        """The date this span after ``day`` (month ends clamp, see ``add_months``)."""
        return add_months(day, self.months) + timedelta(weeks=self.weeks, days=self.days)

    def before(self, day: date) -> date:
        """The date this span before ``day`` (month ends clamp, see ``add_months``)."""
        return add_months(day, -self.months) - timedelta(weeks=self.weeks, days=self.days)

    def __str__(self) -> str:
        parts = [
            f"{n} {unit}{'' if n == 1 else 's'}"
            for n, unit in ((self.months, "month"), (self.weeks, "week"), (self.days, "day"))
            if n
        ]
        return ", ".join(parts) or "no time"


@dataclass(frozen=True)
class ContentItem:
    """One thing a request or a written agreement must contain, or one checklist line."""

    key: str
    label: str
    citation: str


@dataclass(frozen=True)
class RefusalGround:
    """An allowed reason for refusing; ``applies_to`` says which kinds of change it covers."""

    key: str
    label: str
    citation: str
    applies_to: frozenset[str] = CHANGE_KINDS


@dataclass(frozen=True)
class ServiceRule:
    """Minimum continuous employment, measured when the request arrives or at its start."""

    span: Span
    measured_at: Literal["request", "start"]
    citation: str


@dataclass(frozen=True)
class Bar:
    """A fact about the employee that rules a request out (agency worker, US AWOL discipline).

    ``key`` matches the facts in ``RequestContext.facts``.
    """

    key: str
    label: str
    citation: str


@dataclass(frozen=True)
class Eligibility:
    """Who may make a request. Empty fields mean the rule does not exist in the pack."""

    service: tuple[ServiceRule, ...] = ()
    min_employer_size: int | None = None
    employer_size_citation: str = ""
    bars: tuple[Bar, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class NoticeRule:
    """How long before the requested start the request must arrive."""

    span: Span
    severity: Severity
    citation: str


@dataclass(frozen=True)
class DeadlineRule:
    """When the employer's decision is due.

    ``kind``: ``after_receipt`` (a span from receipt), ``before_start`` (a span before the
    requested start, NL) or ``policy`` (no statutory deadline: company policy days, with
    ``default_days`` when the policy does not say).
    """

    kind: Literal["after_receipt", "before_start", "policy"]
    citation: str
    span: Span | None = None
    # GB counts "two months beginning with" receipt: the receipt day is day one.
    beginning_with_receipt: bool = False
    includes_appeal: bool = False
    deemed_granted: bool = False
    default_days: int | None = None
    meeting_within: Span | None = None
    meeting_citation: str = ""


@dataclass(frozen=True)
class ExtensionRule:
    """Whether and how the decision deadline may be extended."""

    allowed: bool
    citation: str
    by_agreement_only: bool = False
    max_count: int | None = None
    max_days: int | None = None
    # GB allows an agreement made after the period ended (ERA s.80G(1C)); elsewhere an
    # extension must be agreed or notified no later than the current deadline.
    retrospective_within: Span | None = None


@dataclass(frozen=True)
class RequestLimit:
    """How often requests may be made."""

    citation: str
    max_requests: int | None = None
    window_months: int = 12
    one_live_at_a_time: bool = False
    months_after_decision: int | None = None


@dataclass(frozen=True)
class RefusalRule:
    """What a refusal needs. No grounds means free-text reasons are allowed."""

    reasons_citation: str
    grounds: tuple[RefusalGround, ...] = ()
    grounds_citation: str = ""
    consultation_required: bool = False
    consultation_citation: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AppealRule:
    """How a refusal is challenged: inside the company, and the external route."""

    citation: str
    internal: bool = True
    statutory: bool = False
    different_manager: bool = True
    # GB: the appeal must be decided inside the original decision period.
    within_decision_period: bool = False
    lodge_within_days: int | None = None
    decide_within_days: int | None = None
    external_route: str = ""


@dataclass(frozen=True)
class RetentionRule:
    """How long a kind of record must be kept."""

    years: int
    what: str
    citation: str


@dataclass(frozen=True)
class AgreementRule:
    """The written agreement: whether it is required and what it must contain."""

    citation: str
    required: bool = True
    before_start: bool = False
    signed_copy_to_employee: bool = False
    copy_to_reps_within_days: int | None = None
    # ES: the statute applies to regular remote work, at least this share over the months.
    regular_remote_share: float | None = None
    reference_months: int | None = None
    contents: tuple[ContentItem, ...] = ()
    before_signing: tuple[ContentItem, ...] = ()


@dataclass(frozen=True)
class ExpenseRule:
    """Who pays for working at home, and any tax-exempt daily allowance."""

    citation: str
    employer_pays: bool = True
    exempt_daily_eur: Decimal | None = None
    breakdown: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class RulePack:
    """Everything one jurisdiction says about a work-from-home request."""

    code: str
    name: str
    summary: str
    holiday_country: str | None
    holiday_subdiv: str | None
    eligibility: Eligibility
    request_content: tuple[ContentItem, ...]
    request_notice: NoticeRule | None
    deadline: DeadlineRule
    extension: ExtensionRule
    limit: RequestLimit | None
    refusal: RefusalRule
    appeal: AppealRule
    records: tuple[RetentionRule, ...] = ()
    agreement: AgreementRule | None = None
    expenses: ExpenseRule | None = None
    notes: tuple[str, ...] = ()

    @property
    def refusal_grounds(self) -> tuple[RefusalGround, ...]:
        """The closed list of grounds; empty means free-text reasons are allowed."""
        return self.refusal.grounds

    @property
    def consultation_required_before_refusal(self) -> bool:
        return self.refusal.consultation_required

    @property
    def deemed_granted(self) -> bool:
        """True where a late decision means the request is granted as asked (NL)."""
        return self.deadline.deemed_granted

    @property
    def extension_max_days(self) -> int | None:
        return self.extension.max_days

    @property
    def extension_by_agreement_only(self) -> bool:
        return self.extension.by_agreement_only

    @property
    def record_retention_years(self) -> int | None:
        """The longest statutory retention period, or None when there is none."""
        return max((r.years for r in self.records), default=None)

    @property
    def agreement_contents(self) -> tuple[ContentItem, ...]:
        return self.agreement.contents if self.agreement else ()


@dataclass(frozen=True)
class Problem:
    """Why a request, refusal or extension does not meet the rules.

    ``key`` is stable (``service_at_start``, ``bar:agency_worker``...) for code and tests;
    ``message`` is for people. Warnings inform; errors block.
    """

    key: str
    message: str
    citation: str
    severity: Severity = "error"

    @property
    def blocking(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class PastRequest:
    """An earlier request by the same employee to the same employer.

    ``live`` means it is still being decided (or appealed). A withdrawn request has
    neither ``live`` nor ``decided_on``; it still counts towards GB's two a year.
    """

    received_on: date
    decided_on: date | None = None
    live: bool = False


@dataclass(frozen=True)
class RequestContext:
    """The facts about one request that eligibility depends on.

    ``facts`` holds keys matching the pack's bars (``awol_over_5_days``...);
    ``employer_size`` None means unknown, and the size rule is then not checked.
    """

    received_on: date
    employment_start: date
    requested_start: date | None = None
    employer_size: int | None = None
    is_agency_worker: bool = False
    facts: frozenset[str] = frozenset()
    previous_requests: tuple[PastRequest, ...] = ()


@dataclass(frozen=True)
class Deadline:
    """A computed decision deadline.

    ``legal_due`` is the last day of the statutory (or policy) period; ``due`` is the date
    the app enforces: ``legal_due`` moved back to the office's last working day on or
    before it, so a decision made by ``due`` is never late. ``extensions`` lists the days
    each extension added, in order.
    """

    due: date
    legal_due: date
    basis: str
    citation: str
    statutory: bool = True
    deemed_granted_on: date | None = None
    meeting_by: date | None = None
    extensions: tuple[int, ...] = ()
