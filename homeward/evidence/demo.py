"""Demo history for trials: metrics per team, trials with months of daily results.

Deterministic from the seeder's random generator and ``today``. Emma's trial was confirmed
four months ago and her results are good, so she is offered the next step; Marcus has trials
to review on his team: one clearly better at home, one flat, one worse. Arrangements that
earlier seeders started get results too. Runs after the proposals and decisions seeders.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.agreements.demo import sign_for_demo
from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.concerns.models import CLOSED_STATES, ConcernItem, ItemState
from homeward.decisions.models import Decision, Outcome
from homeward.demo import DEMO_DOMAIN, demo_time, seeder
from homeward.evidence.actions import create_metric, review_trial, set_criteria, write_results
from homeward.evidence.days import DayClassifier
from homeward.evidence.models import DayType, EvidenceReport, Frequency, Metric, Rule, Source
from homeward.evidence.reports import BASELINE_WEEKS
from homeward.evidence.results import ResultInput
from homeward.people.models import Person, Team
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal, ProposalRevision, Status


@dataclass(frozen=True)
class MetricPlan:
    team: str
    name: str
    unit: str
    frequency: str
    higher_is_better: bool
    base: float
    noise: float  # standard deviation as a share of the base
    places: int


METRICS = [
    MetricPlan(
        "Customer Support", "Tickets resolved", "tickets", Frequency.DAILY, True, 22, 0.08, 0
    ),
    MetricPlan("Customer Support", "Calls handled", "calls", Frequency.DAILY, True, 41, 0.08, 0),
    MetricPlan("Customer Support", "Error rate", "%", Frequency.DAILY, False, 2.6, 0.1, 1),
    MetricPlan("Sales", "Sales", "£", Frequency.DAILY, True, 1800, 0.2, -1),
    MetricPlan("Engineering", "Story points", "points", Frequency.WEEKLY, True, 13, 0.12, 0),
    MetricPlan("Finance", "Invoices processed", "invoices", Frequency.DAILY, True, 35, 0.1, 0),
    MetricPlan("Operations", "Orders dispatched", "orders", Frequency.DAILY, True, 60, 0.1, 0),
]
# Home-day effect as a share of the base: what the trials show.
POSITIVE, FLAT, NEGATIVE = 0.15, 0.0, -0.2


def _value(
    rng: random.Random,
    plan: MetricPlan,
    level: float,
    day: date,
    home: float,
    effect: float,
    week_no: int,
) -> float:
    """A plausible result: the person's level, a Monday dip, a slow trend, the home effect
    (better means lower for error rates) and noise."""
    sign = 1 if plan.higher_is_better else -1
    weekday = {0: -0.05, 4: -0.03}.get(day.weekday(), 0.0)
    value = level * (
        1 + weekday + 0.002 * week_no + sign * effect * home + rng.gauss(0, plan.noise)
    )
    return round(max(value, 0.0), plan.places)


def _results(
    rng: random.Random,
    person: Person,
    metrics: list[tuple[Metric, MetricPlan]],
    *,
    since: date,
    until: date,
    effect: float,
) -> list[ResultInput]:
    classifier = DayClassifier(person)
    levels = {m.pk: plan.base * rng.uniform(0.85, 1.15) for m, plan in metrics}
    inputs: list[ResultInput] = []
    day = since - timedelta(days=since.weekday())
    week_no = 0
    while day <= until:
        span = classifier.span_on(day)
        flexible_home: set[date] = set()
        if span is not None and span.kind == "n_of_set":
            # Flexible patterns: the week's home days are chosen, and stated with the result.
            allowed = list(span.allowed_weekdays or range(5))
            picked = rng.sample(allowed, min(span.n_days, len(allowed)))
            flexible_home = {day + timedelta(days=d) for d in picked}
        week_types: list[float] = []
        for offset in range(5):
            d = day + timedelta(days=offset)
            if d < since or d > until:
                continue
            stated = DayType.HOME if d in flexible_home else None
            kind, share = classifier.day(d, stated)
            if kind == DayType.HOLIDAY or rng.random() < 0.04:  # holidays and leave: no result
                continue
            week_types.append(share or 0.0)
            for metric, plan in metrics:
                if metric.is_weekly:
                    continue
                value = _value(rng, plan, levels[metric.pk], d, share or 0.0, effect, week_no)
                inputs.append(ResultInput(len(inputs) + 1, person, metric, d, value, stated))
        for metric, plan in metrics:
            if metric.is_weekly and week_types and day >= since and day <= until:
                share = sum(week_types) / len(week_types)
                value = _value(rng, plan, levels[metric.pk], day, share, effect, week_no)
                inputs.append(ResultInput(len(inputs) + 1, person, metric, day, value, None))
        day += timedelta(days=7)
        week_no += 1
    return inputs


def _trial(
    person: Person,
    manager: Person,
    *,
    weekday: int,
    start: date,
    review: date,
) -> Arrangement | None:
    """A trial as the app would have made it: drafted and submitted through the real
    actions nine weeks before the start (so rules, deadline, policy version and concern
    items are real), then approved as a trial, as the decisions demo records approvals."""
    received = start - timedelta(weeks=9)
    try:
        with transaction.atomic():
            return _approved_trial(person, manager, weekday, start, review, received)
    except ValidationError:
        return None  # the rules refused this person (e.g. too new): the demo skips them


def _approved_trial(
    person: Person, manager: Person, weekday: int, start: date, review: date, received: date
) -> Arrangement:
    draft = create_draft(
        actor=person.user,
        data={
            "pattern_kind": "weekdays",
            "weekdays": [weekday],
            "start_date": start,
            "trial_weeks": max(1, (review - start).days // 7),
        },
        today=received,
    )
    proposal = submit_proposal(actor=person.user, proposal=draft, today=received, email=False)
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=demo_time(received), submitted_at=demo_time(received)
    )
    ProposalRevision.objects.filter(proposal=proposal).update(created_at=demo_time(received))
    # The trial was approved, so whatever blocked it had been settled in conversation.
    ConcernItem.objects.filter(proposal=proposal).exclude(state__in=CLOSED_STATES).update(
        state=ItemState.RESOLVED, resolved_at=demo_time(received + timedelta(days=7))
    )
    proposal.status = Status.APPROVED_TRIAL
    proposal.decided_at = demo_time(start - timedelta(weeks=7))
    proposal.save(update_fields=["status", "decided_at", "updated_at"])
    record(
        actor=manager.user,
        action="proposal.approved_trial",
        obj=proposal,
        before={"status": Status.SUBMITTED},
        after={"status": Status.APPROVED_TRIAL, "demo": True},
    )
    decision = Decision.objects.create(
        proposal=proposal,
        decider=manager,
        outcome=Outcome.APPROVE_TRIAL,
        stage=1,
        revision=proposal.revision,
        explanation="A trial first; we review the results together.",
        start_date=start,
        review_date=review,
        created_at=proposal.decided_at,
    )
    assert decision.pk
    arrangement = start_arrangement(
        proposal=proposal,
        approved_by=manager,
        trial=True,
        start_date=start,
        review_date=review,
        actor=manager.user,
    )
    sign_for_demo(arrangement, today=received, rng=random.Random(arrangement.pk))
    arrangement.refresh_from_db()
    return arrangement


def _team_metrics(
    metrics: dict[str, list[tuple[Metric, MetricPlan]]], person: Person
) -> list[tuple[Metric, MetricPlan]]:
    return metrics.get(person.team.name if person.team else "", [])


@seeder("evidence", after=("proposals", "decisions"))
def seed_evidence(rng: random.Random, today: date) -> None:
    hr = Person.objects.filter(is_hr=True, active=True).order_by("pk").first()
    if hr is None:
        return
    metrics: dict[str, list[tuple[Metric, MetricPlan]]] = {}
    for plan in METRICS:
        team = Team.objects.filter(name=plan.team).first()
        if team is None:
            continue
        metric = create_metric(
            actor=hr.user,
            name=plan.name,
            unit=plan.unit,
            higher_is_better=plan.higher_is_better,
            frequency=plan.frequency,
            team=team,
        )
        metrics.setdefault(plan.team, []).append((metric, plan))

    emma = Person.objects.filter(user__email=f"emma@{DEMO_DOMAIN}").first()
    marcus = Person.objects.filter(user__email=f"marcus@{DEMO_DOMAIN}").first()
    planned: list[tuple[Arrangement, float]] = []
    reviews: list[tuple[Arrangement, date]] = []

    def untouched(p: Person) -> bool:
        return (
            not Proposal.objects.filter(employee=p).exists()
            and not Arrangement.objects.filter(employee=p).exists()
        )

    # Emma: a trial confirmed 16 weeks ago, with good results since.
    if emma is not None and marcus is not None and emma.manager_id == marcus.pk and untouched(emma):
        start = today - timedelta(weeks=28)
        a = _trial(emma, marcus, weekday=2, start=start, review=start + timedelta(weeks=12))
        if a is not None:
            planned.append((a, POSITIVE))
            reviews.append((a, start + timedelta(weeks=12)))

    # Marcus's team: trials to review, better, flat and worse at home.
    if marcus is not None:
        his = [
            p
            for p in Person.objects.active().filter(manager=marcus).order_by("pk")
            if p != emma and untouched(p)
        ]
        story = [(POSITIVE, -3), (FLAT, 0), (NEGATIVE, -1), (POSITIVE, 14)]
        for person, (effect, review_in) in zip(his, story, strict=False):
            start = today - timedelta(weeks=14, days=rng.randint(0, 6))
            a = _trial(
                person,
                marcus,
                weekday=rng.choice([0, 1, 3, 4]),
                start=start,
                review=today + timedelta(days=review_in),
            )
            if a is not None:
                planned.append((a, effect))

    # Other teams: one trial each, judged by their team's own metric.
    for team_name, effect in (("Sales", POSITIVE), ("Engineering", FLAT), ("Finance", POSITIVE)):
        candidates = [
            p
            for p in Person.objects.active()
            .filter(team__name=team_name, manager__isnull=False)
            .filter(reports__isnull=True)
            .order_by("pk")
            if untouched(p)
        ]
        if candidates:
            person = candidates[rng.randrange(len(candidates))]
            manager = person.manager
            assert manager is not None  # chosen among people with a manager
            start = today - timedelta(weeks=10, days=rng.randint(0, 6))
            review = today + timedelta(days=rng.randint(3, 20))
            weekday = rng.choice([0, 2, 4])
            trial = _trial(person, manager, weekday=weekday, start=start, review=review)
            if trial is not None:
                planned.append((trial, effect))

    # Arrangements earlier seeders started (e.g. approvals) get results too.
    mine = {a.pk for a, _ in planned}
    for a in (
        Arrangement.objects.active()
        .filter(start_date__lt=today - timedelta(weeks=2))
        .exclude(pk__in=mine)
        .order_by("pk")[:8]
    ):
        planned.append((a, rng.choice([POSITIVE, FLAT, FLAT])))

    for arrangement, effect in planned:
        person = arrangement.employee
        chosen = _team_metrics(metrics, person)
        if not chosen:
            continue
        since = arrangement.start_date - timedelta(weeks=BASELINE_WEEKS)
        inputs = _results(
            rng, person, chosen, since=since, until=today - timedelta(days=1), effect=effect
        )
        write_results(inputs, actor=None, source=Source.CSV)
        manager = arrangement.approved_by
        # The main metric may be at most 5% worse at home; a second one (calls handled) at
        # least as good; a third (the error rate) at most 10% worse.
        rules = [
            (Rule.NO_WORSE_THAN_PCT, 5),
            (Rule.AT_LEAST_BASELINE, 0),
            (Rule.NO_WORSE_THAN_PCT, 10),
        ]
        criteria = [
            {"metric_id": metric.pk, "rule": rule, "threshold": threshold}
            for (metric, _plan), (rule, threshold) in zip(chosen, rules, strict=False)
        ]
        if arrangement.is_trial and manager.pk != person.pk:
            set_criteria(arrangement=arrangement, criteria=criteria, actor=manager.user)

    for arrangement, on in reviews:
        report = review_trial(
            arrangement_id=arrangement.pk,
            decision="confirm",
            actor=arrangement.approved_by.user,
            note="Results held up on home days: confirmed.",
            today=on,
            email=False,
        )
        EvidenceReport.objects.filter(pk=report.pk).update(created_at=demo_time(on))
