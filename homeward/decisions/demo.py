"""Demo history: the decisions, meetings, appeals and arrangements behind the demo proposals.

The proposals seeder (which runs first) leaves proposals in every state; this one adds
what each state implies, as the deciders would have left it: a question for one
in "information requested", a counter offer, a consultation and a decline with grounds
from the pack, appeals heard by a different manager, and the arrangement each approval
started. Nothing is added to proposals still waiting for a decision, so the demo manager
has real decisions to make.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.decisions import applied_rules
from homeward.decisions.actions import appeal_manager_for
from homeward.decisions.models import Appeal, Decision, Meeting, Outcome
from homeward.demo import demo_time, seeder
from homeward.people.models import Person
from homeward.proposals import jurisdiction
from homeward.proposals.models import Proposal, Status

DECIDED_AFTER_DAYS = 12
NOTES = (
    "Talked through cover on the home day, how urgent calls reach them, and the team's "
    "busiest days. Agreed to decide within two weeks."
)
EXPLANATIONS: dict[str, str] = {
    Outcome.DECLINE: (
        "The team is short of people on that day until the new starters are trained, and "
        "calls that need someone at the desk cannot wait. Ask again after the next review."
    ),
    Outcome.REQUEST_INFO: "Who will cover walk-in questions on your home day?",
    Outcome.COUNTER: "One day a week first, as a trial; we look at the results at the review.",
}


def _decided_on(p: Proposal) -> date:
    if p.decided_at is not None:
        return timezone.localdate(p.decided_at)
    return (p.received_on or timezone.localdate()) + timedelta(days=DECIDED_AFTER_DAYS)


def _decision(p: Proposal, outcome: str, **fields: object) -> Decision:
    return Decision.objects.create(
        proposal=p,
        decider=p.decider,
        outcome=outcome,
        stage=1,
        revision=p.revision,
        explanation=EXPLANATIONS.get(outcome, ""),
        created_at=demo_time(_decided_on(p)),
        **fields,
    )


def _consult(p: Proposal) -> None:
    assert p.decider is not None
    held = _decided_on(p) - timedelta(days=3)
    meeting = Meeting.objects.create(
        proposal=p,
        held_on=max(held, p.received_on or held),
        notes=NOTES,
        recorded_by=p.decider,
        created_at=demo_time(held),
    )
    meeting.attendees.set([p.employee, p.decider])


def _decline(p: Proposal, rng: random.Random) -> Decision:
    if jurisdiction.pack_for(p).consultation_required_before_refusal:
        _consult(p)
    grounds = [g.key for g in applied_rules.grounds_for(p)]
    chosen = sorted(rng.sample(grounds, k=min(2, len(grounds)))) if grounds else []
    return _decision(p, Outcome.DECLINE, grounds=chosen)


def _start(p: Proposal, decision: Decision, *, trial: bool, approver: Person) -> None:
    if Arrangement.objects.filter(proposal=p).exists():
        return
    start = p.start_date or _decided_on(p)
    review = start + timedelta(weeks=p.trial_weeks or 12) if trial else None
    start_arrangement(
        proposal=p,
        approved_by=approver,
        trial=trial,
        start_date=start,
        review_date=review,
        actor=approver.user,
    )
    if decision.is_approval:
        decision.start_date, decision.review_date = start, review
        decision.save(update_fields=["start_date", "review_date"])


def _hearer(p: Proposal) -> Person:
    """The decider's manager; above a top decider, a manager from HR (as HR would choose
    someone who may also act on the trial), else any other manager."""
    chosen = appeal_manager_for(p, p.decider)
    if chosen is not None:
        return chosen
    others = (
        Person.objects.active()
        .exclude(pk__in=[p.employee_id, p.decider_id])
        .annotate(n=Count("reports"))
        .order_by("-is_hr", "-n", "pk")
    )
    other = others.first()
    assert other is not None
    return other


def _appeal(p: Proposal, decline: Decision, outcome: str = "") -> Appeal:
    lodged = _decided_on(p) + timedelta(days=5)
    hearer = _hearer(p)
    assert p.decider is not None
    return Appeal.objects.create(
        proposal=p,
        decision=decline,
        appellant=p.employee,
        original_decider=p.decider,
        reason=(
            "A colleague has agreed to cover my calls on that day, and I can be in within "
            "the hour when needed."
        ),
        assigned_to=hearer,
        lodged_at=demo_time(lodged),
        due=applied_rules.appeal_due(p, lodged),
        outcome=outcome,
        explanation=(
            "The cover arrangement answers the concern: a trial is fair."
            if outcome == Appeal.OVERTURNED
            else "The team cannot spare the desk on that day yet."
            if outcome
            else ""
        ),
        decided_by=hearer if outcome else None,
        decided_at=demo_time(lodged + timedelta(days=7)) if outcome else None,
    )


def _counter_weekdays(p: Proposal) -> list[int]:
    asked = set(p.weekdays or []) | set(p.allowed_weekdays or [])
    return [2] if 2 not in asked or len(asked) > 1 else [3]


@seeder("decisions", after=("proposals", "concern_threads"))
def seed_decisions(rng: random.Random, today: date) -> None:
    proposals = (
        Proposal.objects.exclude(status__in=[Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW])
        .exclude(status=Status.WITHDRAWN)
        .filter(decider__isnull=False)
        .select_related("employee", "decider", "employee__office")
        .order_by("pk")
    )
    for p in proposals:
        if Decision.objects.filter(proposal=p).exists():
            continue
        status = p.status
        assert p.decider is not None
        if status == Status.INFO_REQUESTED:
            _decision(p, Outcome.REQUEST_INFO)
        elif status == Status.COUNTERED:
            _decision(
                p,
                Outcome.COUNTER,
                counter_pattern_kind="weekdays",
                counter_weekdays=_counter_weekdays(p),
            )
        elif status in (Status.APPROVED_TRIAL, Status.APPROVED):
            trial = status == Status.APPROVED_TRIAL
            d = _decision(p, Outcome.APPROVE_TRIAL if trial else Outcome.APPROVE)
            _start(p, d, trial=trial, approver=p.decider)
        elif status == Status.DECLINED:
            _decline(p, rng)
        elif status in (Status.APPEALED, Status.UPHELD, Status.OVERTURNED):
            decline = _decline(p, rng)
            heard: dict[str, str] = {
                Status.UPHELD: Appeal.UPHELD,
                Status.OVERTURNED: Appeal.OVERTURNED,
            }
            outcome = heard.get(status, "")
            appeal = _appeal(p, decline, outcome)
            if status == Status.OVERTURNED:
                assert appeal.assigned_to is not None
                _start(p, decline, trial=True, approver=appeal.assigned_to)
