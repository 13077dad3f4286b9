"""Go back to the well: after a confirmed arrangement has worked, ask for one more day.

The offer stands when all of these hold (each failing one is given as a reason):

- the person has a standing (confirmed) arrangement;
- it has run for the policy's cooldown since it was confirmed (``cooldown_weeks`` of the
  policy that applies to them; 12 weeks when no policy is published);
- the evidence over the arrangement is non-negative: no success criterion failed and no
  metric is clearly worse on home days (and there is at least one estimate);
- the policy's maximum home days a week is not reached yet;
- no other request is being decided, and the jurisdiction's request limits allow a new
  request today (``next_request_allowed_on`` of the rule pack).

The suggested step is one more day; a bigger step can be asked for, with a warning that must
be acknowledged. Asking creates a draft proposal through the proposals' ``create_draft``
(``previous`` is the earlier proposal) whose ``precedent`` cites the evidence with figures
and interval; its letter quotes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.coach.letter import Letter, format_date
from homeward.coach.patterns import (
    WORKING_WEEKDAYS,
    Pattern,
    describe,
    home_days_per_week,
    size_warning,
)
from homeward.evidence.patterns import max_days_for
from homeward.evidence.reports import MetricFinding, TrialReport, fmt, outcome_label, trial_report
from homeward.people.models import Person
from homeward.policy.models import policy_for
from homeward.proposals.jurisdiction import earliest_start, next_request_on, today_for
from homeward.proposals.letters import compose_letter
from homeward.proposals.models import LIVE, Proposal, Status, pattern_of

DEFAULT_COOLDOWN_WEEKS = 12
DEFAULT_TRIAL_WEEKS = 12
# Which weekday to suggest next, in order: the ends of the week first, then midweek.
NEXT_DAY_PREFERENCE = (4, 0, 2, 1, 3)


@dataclass
class WellOffer:
    person: Person
    arrangement: Arrangement | None = None
    reasons: list[str] = field(default_factory=list)
    available_on: date | None = None
    cooldown_weeks: int = DEFAULT_COOLDOWN_WEEKS
    current: Pattern | None = None
    suggested: Pattern | None = None
    report: TrialReport | None = None
    precedent: str = ""
    draft: Proposal | None = None
    max_days: int = 5

    @property
    def available(self) -> bool:
        return self.arrangement is not None and not self.reasons

    @property
    def current_days(self) -> float:
        return home_days_per_week(self.current) if self.current else 0.0


def next_step(current: Pattern) -> Pattern:
    """One more home day than ``current``, in the same kind of pattern where possible."""
    if current.kind == "weekdays":
        free = [d for d in NEXT_DAY_PREFERENCE if d not in current.weekdays]
        if not free:
            return current
        return Pattern("weekdays", weekdays=tuple(sorted((*current.weekdays, free[0]))))
    if current.kind == "n_of_set":
        allowed = current.allowed_weekdays or WORKING_WEEKDAYS
        if current.n_days + 1 > len(allowed):
            extra = [d for d in NEXT_DAY_PREFERENCE if d not in allowed][:1]
            allowed = tuple(sorted((*allowed, *extra)))
        return Pattern("n_of_set", n_days=current.n_days + 1, allowed_weekdays=tuple(allowed))
    # Shorter office days save no journey; the next step is a first whole home day.
    return Pattern("n_of_set", n_days=1, allowed_weekdays=WORKING_WEEKDAYS)


def well_offer(person: Person, *, today: date | None = None) -> WellOffer:
    """Whether ``person`` is offered the next step now, and if not, why not."""
    today = today or today_for(person)
    offer = WellOffer(person=person, max_days=max_days_for(person))
    arrangement = (
        Arrangement.objects.filter(employee=person, status=ArrangementStatus.STANDING)
        .order_by("-start_date")
        .first()
    )
    if arrangement is None:
        offer.reasons.append(
            "You have no confirmed arrangement yet: the next step comes after a trial has "
            "been reviewed and confirmed."
        )
        return offer
    offer.arrangement = arrangement
    offer.current = pattern_of(arrangement)
    offer.suggested = next_step(offer.current)
    offer.draft = (
        Proposal.objects.filter(
            employee=person, status=Status.DRAFT, previous_id=arrangement.proposal_id
        )
        .order_by("-created_at")
        .first()
    )
    policy = policy_for(person)
    offer.cooldown_weeks = policy.cooldown_weeks if policy else DEFAULT_COOLDOWN_WEEKS
    confirmed = arrangement.confirmed_on or arrangement.start_date
    ready_on = confirmed + timedelta(weeks=offer.cooldown_weeks)
    offer.available_on = ready_on
    if today < ready_on:
        weeks = (today - confirmed).days // 7
        offer.reasons.append(
            f"Your arrangement was confirmed {weeks} week{'s' if weeks != 1 else ''} ago; "
            f"the policy asks for {offer.cooldown_weeks} weeks of it before the next step, "
            f"so from {format_date(ready_on)}."
        )
    offer.report = trial_report(arrangement, today=today)
    if not offer.report.non_negative:
        offer.reasons.append(_evidence_reason(offer.report))
    else:
        offer.precedent = precedent_text(arrangement, offer.report)
    if offer.current_days >= offer.max_days:
        offer.reasons.append(
            f"You already work from home {fmt(offer.current_days)} days a week, the most the "
            "policy allows."
        )
    if Proposal.objects.filter(employee=person, status__in=LIVE).exists():
        offer.reasons.append("Another request of yours is being decided; wait for its answer.")
    limit_on = next_request_on(person, today=today)
    if limit_on is not None and limit_on > today:
        offer.available_on = max(ready_on, limit_on)
        offer.reasons.append(
            f"The request limits of your jurisdiction allow the next request from "
            f"{format_date(limit_on)}."
        )
    return offer


def _evidence_reason(report: TrialReport) -> str:
    if not any(f.estimate is not None for f in report.findings):
        return "There are not enough results yet to show that home days work."
    failed = [v.text for v in report.verdicts if v.status == "fail"]
    if failed:
        return "A success criterion is not met: " + "; ".join(failed) + "."
    worse = [f.name for f in report.findings if f.direction == "worse"]
    return "Results are worse on home days for: " + ", ".join(worse) + "."


def finding_sentence(f: MetricFinding) -> str:
    """'tickets resolved was 1.4 tickets per day higher on home days than on office days
    (95% interval 0.3 to 2.5; 24 home and 96 office days)'."""
    e = f.estimate
    assert e is not None
    per = f.per
    level = f"{e.confidence * 100:g}%"
    if round(e.estimate, 6) == 0:
        change = "the same on home days as on office days"
    else:
        word = "higher" if e.estimate > 0 else "lower"
        change = (
            f"{fmt(abs(e.estimate))} {f.unit} per {per} {word} on home days than on office days"
        )
    return (
        f"{outcome_label(f.name)} was {change} ({level} interval {fmt(e.ci_low)} to {fmt(e.ci_high)}; "
        f"{e.n_home} home and {e.n_office} office {per}s)"
    )


def precedent_text(arrangement: Arrangement, report: TrialReport) -> str:
    """The evidence as a paragraph for the next proposal and its letter."""
    findings = [f for f in report.findings if f.estimate is not None]
    confirmed = arrangement.confirmed_on or arrangement.start_date
    opening = (
        f"Since {format_date(arrangement.start_date)} I have worked from home "
        f"{describe(pattern_of(arrangement))}; the arrangement was confirmed on "
        f"{format_date(confirmed)}."
    )
    measured = "; ".join(finding_sentence(f) for f in findings)
    text = f"{opening} Measured from {format_date(report.since)} to {format_date(report.until)}, {measured}."
    verdicts = report.verdicts
    if verdicts and all(v.status == "pass" for v in verdicts):
        n = len(verdicts)
        text += (
            f" {'Both' if n == 2 else 'All' if n > 2 else 'The'} success "
            f"criteri{'on' if n == 1 else 'a'} agreed for the trial "
            f"{'was' if n == 1 else 'were'} met."
        )
    return text


def next_monday(today: date, *, at_least_days: int = 14) -> date:
    day = today + timedelta(days=at_least_days)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def step_warning(offer: WellOffer, pattern: Pattern) -> str | None:
    return size_warning(pattern, is_first_request=False, current_home_days=offer.current_days)


def default_start(person: Person, today: date) -> date:
    """A Monday at least two weeks away that the notice rules of the person's pack accept."""
    start = next_monday(today)
    earliest = earliest_start(person, policy_for(person), today=today)
    if earliest > start:
        start = earliest + timedelta(days=(7 - earliest.weekday()) % 7)
    return start


def letter_for(proposal: Proposal) -> Letter | None:
    """The request letter of a next-step draft as the proposals feature composes it: it
    quotes the precedent. None while the draft lacks something the letter needs."""
    try:
        return compose_letter(proposal)
    except ValidationError:
        return None
