"""The building blocks of the jurisdiction rule packs: frozen dataclasses, no Django.

Every rule carries a ``citation``: the source in the design's rules.md that it encodes.
``[unverified]`` inside a citation marks an assumption made where rules.md is silent, so
the flag travels with the rule into every screen and letter that quotes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from homeward.policy.rules.periods import (
    Span,
    first_day_after,
    period_end,
    reaches_age_on,
)

Severity = Literal["error", "warning"]

# What a fact can be: yes/no, a count (staff), a date (a child's birth), a choice's key.
FactValue = bool | int | date | str

# What a request asks to change. ERA 1996 s.80F(1) and Wet flexibel werken art. 2 both
# distinguish hours, times and place; a work-from-home request always changes the place.
CHANGE_KINDS: frozenset[str] = frozenset({"hours", "times", "place"})

# The keys of the facts several packs share (the others are declared per pack).
EMPLOYMENT_START = "employment_start"
REQUESTED_START = "requested_start"
EMPLOYER_SIZE = "employer_size"
AGENCY_WORKER = "agency_worker"
# Not a fact HR enters: the day a refusal is judged on (a child's age depends on it).
DECISION_DATE = "decision_date"


@dataclass(frozen=True)
class ContentItem:
    """One thing a request or a written agreement must contain, or one checklist line."""

    key: str
    label: str
    citation: str


FactKind = Literal["yes_no", "number", "date", "choice"]
# Where the application keeps a fact: on the person, in the organisation's settings (per
# country), on the request itself, or on the decision (asked of the decider at the time).
FactHolder = Literal["person", "organisation", "request", "decision"]
# When the pack needs it: to judge the request, to compute the deadline, to allow a refusal.
FactStage = Literal["request", "deadline", "refusal"]


@dataclass(frozen=True)
class Fact:
    """Something about the employee, the employer or the request that a rule depends on.

    Packs declare the facts they need (``RulePack.facts``) so the application can ask for
    the missing ones; a check whose fact is unknown answers "needs fact", never a pass.
    ``choices`` are (value, label) pairs for a ``choice`` fact.
    """

    key: str
    question: str
    kind: FactKind
    held_by: FactHolder
    # The first stage at which the pack needs it.
    stage: FactStage
    citation: str
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Condition:
    """A test on one fact: ``in`` (value is one of ``values``), ``at_least`` (a number),
    or ``under_age`` (a birth date: younger than ``number`` years on the day judged; False
    for "there is no such child").

    Unknown facts make the test unknown (None), never true or false.
    """

    fact: str
    op: Literal["in", "at_least", "under_age"]
    label: str
    values: frozenset[FactValue] = frozenset()
    number: int = 0

    def test(self, value: FactValue | None, on: date | None = None) -> bool | None:
        if value is None:
            return None
        if self.op == "in":
            return value in self.values
        if self.op == "at_least":
            return isinstance(value, int) and not isinstance(value, bool) and value >= self.number
        if value is False:
            return False  # there is no such person (no child)
        if not isinstance(value, date) or on is None:
            return None
        return on < reaches_age_on(value, self.number)


@dataclass(frozen=True)
class RefusalGround:
    """An allowed reason for refusing; ``applies_to`` says which kinds of change it covers."""

    key: str
    label: str
    citation: str
    applies_to: frozenset[str] = CHANGE_KINDS


@dataclass(frozen=True)
class ServiceRule:
    """Minimum continuous employment, measured when the request arrives or at its start.

    The period begins with the first day of employment (``period_end``). By default the
    day measured must come after the period: the arrangement starts, or the request is
    made, once the period is complete (IE, NL, AU "immediately before the request").
    ``counts_day_itself``: the day measured is itself a day of service, so the request may
    be made on the period's last day (the UK computation, ERA 1996 s.211(1)(b), which NI
    mirrors). ``applies_if``: conditions under which the rule applies (AU: not casual).
    """

    span: Span
    measured_at: Literal["request", "start"]
    citation: str
    counts_day_itself: bool = False
    applies_if: tuple[Condition, ...] = ()

    def qualifies_on(self, employment_start: date) -> date:
        """The first day that meets the rule for someone employed from ``employment_start``."""
        if self.counts_day_itself:
            return period_end(employment_start, self.span)
        return first_day_after(employment_start, self.span)


@dataclass(frozen=True)
class Bar:
    """A yes/no fact about the employee that rules a request out (agency worker, US AWOL
    discipline), unless ``unless`` holds (GB: an agency worker back from parental leave).

    ``key`` is the fact's key (``RequestContext.facts`` or ``answers``).
    """

    key: str
    label: str
    citation: str
    unless: Condition | None = None


@dataclass(frozen=True)
class Requirement:
    """A condition of the statutory right beyond service and bars (AU: the request relates
    to a listed circumstance). Met when every condition of any one of ``any_of`` holds."""

    key: str
    label: str
    citation: str
    any_of: tuple[tuple[Condition, ...], ...]


@dataclass(frozen=True)
class Eligibility:
    """Who may make a request. Empty fields mean the rule does not exist in the pack."""

    service: tuple[ServiceRule, ...] = ()
    min_employer_size: int | None = None
    employer_size_citation: str = ""
    bars: tuple[Bar, ...] = ()
    requirements: tuple[Requirement, ...] = ()
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
    # The rule applies when all of these hold, else ``otherwise`` (ES: art. 34.8 ET only
    # for work-life balance requests). Unknown facts: this rule applies (it is the stricter
    # deadline) but nobody is deemed to have been granted anything.
    applies_if: tuple[Condition, ...] = ()
    otherwise: DeadlineRule | None = None
    what: str = "Decision"


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
    # GB, ERA 1996 s.80F(4A)-(4B): a request stops "proceeding" when it is decided (and
    # any appeal), withdrawn, or its decision period (as extended) ends. Elsewhere the
    # caller's ``PastRequest.live`` says whether it is still pending.
    proceeding_ends_with_decision_period: bool = False
    proceeding_citation: str = ""


@dataclass(frozen=True)
class Protection:
    """A right the employer cannot refuse (PT: telework for parents of young children).

    The right applies when every condition of any one of ``qualifies`` holds and every
    condition of ``requires`` holds (PT: compatible with the activity, the employer has
    the means). A refusal is then refused; unknown facts make it "needs fact".
    """

    key: str
    label: str
    citation: str
    qualifies: tuple[tuple[Condition, ...], ...]
    requires: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class RefusalRule:
    """What a refusal needs. No grounds means free-text reasons are allowed.

    ``grounds_exhaustive`` False: the grounds are examples (AU "reasonable business
    grounds include"), one is needed but others may be given. ``consultation_if``: the
    consultation is required only when these hold (ES: art. 34.8 requests). ``prerequisites``:
    yes/no facts that must be true before refusing (AU: a genuine attempt to agree).
    ``alternatives_required``: the refusal must set out the changes the employer would
    accept, or say there are none (AU s.65A(6)(d)). ``response_contents``: what the written
    refusal must contain (see ``missing_refusal_content``).
    """

    reasons_citation: str
    grounds: tuple[RefusalGround, ...] = ()
    grounds_citation: str = ""
    grounds_exhaustive: bool = True
    consultation_required: bool = False
    consultation_citation: str = ""
    consultation_if: tuple[Condition, ...] = ()
    prerequisites: tuple[Condition, ...] = ()
    prerequisites_citation: str = ""
    protections: tuple[Protection, ...] = ()
    alternatives_required: bool = False
    alternatives_citation: str = ""
    response_contents: tuple[ContentItem, ...] = ()
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
    # Every fact the pack's rules read: the application asks for the missing ones.
    facts: tuple[Fact, ...] = ()
    # rules.md-style notes: what the pack encodes and from which sources.
    sources: tuple[str, ...] = ()

    def fact(self, key: str) -> Fact | None:
        """The declared fact ``key``, or None."""
        return next((f for f in self.facts if f.key == key), None)

    def facts_for(self, stage: FactStage) -> tuple[Fact, ...]:
        """The facts the pack needs at ``stage`` (request, deadline or refusal)."""
        return tuple(f for f in self.facts if f.stage == stage)

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
    # The facts (key, value) that decided this outcome, for the review page.
    facts: tuple[tuple[str, FactValue], ...] = ()
    # Set when the rule could not be applied: the key of the missing fact. Such problems
    # are warnings while judging a request (it may still be sent; the employer must find
    # out) and errors for a refusal (it cannot be shown lawful without the fact).
    needs_fact: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class PastRequest:
    """An earlier request by the same employee to the same employer.

    ``live`` means the caller holds it to be still pending (decided or not, with an
    appeal). A withdrawn request still counts towards GB's two a year.

    GB applies ERA 1996 s.80F(4A)-(4B) itself when ``decision_period_ends`` is given: the
    last day of the decision period, as extended (s.80G(1B)); the request is proceeding
    from receipt until ``decided_on``, ``withdrawn_on`` or the end of that period, and again
    from ``appealed_on`` until ``appeal_decided_on`` (or withdrawal, or the period's end).
    Without it, ``live`` is used as given.
    """

    received_on: date
    decided_on: date | None = None
    live: bool = False
    withdrawn_on: date | None = None
    decision_period_ends: date | None = None
    appealed_on: date | None = None
    appeal_decided_on: date | None = None


@dataclass(frozen=True)
class RequestContext:
    """The facts about one request that eligibility depends on.

    Unknown is not false: ``employment_start``, ``requested_start``, ``employer_size`` and
    ``is_agency_worker`` None mean unknown, and a rule that needs them answers "needs fact".
    ``facts`` holds the keys of yes/no facts known to be true (``awol_over_5_days``...);
    ``answers`` holds any fact by key (the pack's ``facts``), True, False, a number, a date
    or a choice; it wins over the other fields.
    """

    received_on: date
    employment_start: date | None
    requested_start: date | None = None
    employer_size: int | None = None
    is_agency_worker: bool | None = None
    facts: frozenset[str] = frozenset()
    previous_requests: tuple[PastRequest, ...] = ()
    answers: Mapping[str, FactValue] = field(default_factory=dict)

    def known(self, key: str) -> FactValue | None:
        """The fact ``key`` if known, else None."""
        if key in self.answers:
            return self.answers[key]
        legacy: dict[str, FactValue | None] = {
            EMPLOYMENT_START: self.employment_start,
            REQUESTED_START: self.requested_start,
            EMPLOYER_SIZE: self.employer_size,
            AGENCY_WORKER: self.is_agency_worker,
        }
        if key in legacy:
            return legacy[key]
        return True if key in self.facts else None


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
    # The facts (key, value) that chose the rule (ES: a work-life balance request), and
    # the facts it still needs (the stricter deadline is used meanwhile).
    facts: tuple[tuple[str, FactValue], ...] = ()
    needs: tuple[str, ...] = ()


CheckOutcome = Literal["pass", "fail", "needs_fact"]


@dataclass(frozen=True)
class Check:
    """One rule applied: passed, failed (``problem`` says how), or unknown for want of the
    facts in ``needs``. ``facts`` are the (key, value) pairs that decided it."""

    key: str
    outcome: CheckOutcome
    citation: str
    facts: tuple[tuple[str, FactValue], ...] = ()
    needs: tuple[str, ...] = ()
    problem: Problem | None = None


@dataclass(frozen=True)
class Evaluation:
    """Every check a pack made on a request or a refusal, for pages that show why.

    ``problems`` are the failures and one "needs fact" problem per missing fact (what the
    old list-returning functions give); ``decided_by`` the facts behind the outcomes.
    """

    checks: tuple[Check, ...]
    missing: tuple[Problem, ...] = ()

    @property
    def problems(self) -> list[Problem]:
        failed = [c.problem for c in self.checks if c.outcome == "fail" and c.problem]
        return [*failed, *self.missing]

    @property
    def needs(self) -> tuple[str, ...]:
        return tuple(p.needs_fact for p in self.missing if p.needs_fact)

    @property
    def complete(self) -> bool:
        """True when no rule is left undecided for want of a fact."""
        return not self.missing

    @property
    def decided_by(self) -> tuple[tuple[str, FactValue], ...]:
        seen: dict[str, FactValue] = {}
        for check in self.checks:
            if check.outcome != "needs_fact":
                for key, value in check.facts:
                    seen.setdefault(key, value)
        return tuple(seen.items())
