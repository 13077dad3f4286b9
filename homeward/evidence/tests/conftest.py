"""Evidence fixtures: a team metric, Emma's trial, and results with a known home effect."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from homeward.arrangements.actions import start_arrangement
from homeward.arrangements.models import Arrangement
from homeward.evidence.actions import create_metric, write_results
from homeward.evidence.days import DayClassifier
from homeward.evidence.models import Frequency, Metric, ResultEntry
from homeward.evidence.results import ResultInput
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status
from tests.today import today

WEDNESDAY = 2


@pytest.fixture
def tickets(personas) -> Metric:
    return create_metric(
        actor=personas.marcus.user,
        name="Tickets resolved",
        unit="tickets",
        team=personas.support,
    )


@pytest.fixture
def errors_metric(personas) -> Metric:
    return create_metric(
        actor=personas.marcus.user,
        name="Error rate",
        unit="%",
        higher_is_better=False,
        team=personas.support,
    )


@pytest.fixture
def weekly(personas) -> Metric:
    return create_metric(
        actor=personas.hannah.user,
        name="Story points",
        unit="points",
        frequency=Frequency.WEEKLY,
        team=personas.support,
    )


def make_trial(
    personas,
    person: Person | None = None,
    *,
    start: date | None = None,
    weeks: int = 10,
    weekdays: list[int] | None = None,
    review: date | None = None,
) -> Arrangement:
    person = person or personas.emma
    start = start or today() - timedelta(weeks=weeks)
    proposal = Proposal.objects.create(
        employee=person,
        decider=person.manager,
        status=Status.APPROVED_TRIAL,
        pattern_kind="weekdays",
        weekdays=weekdays or [WEDNESDAY],
        start_date=start,
        trial_weeks=weeks,
    )
    return start_arrangement(
        proposal=proposal,
        approved_by=person.manager,
        trial=True,
        start_date=start,
        review_date=review or today() + timedelta(days=1),
        actor=person.manager.user,
    )


@pytest.fixture
def trial(personas) -> Arrangement:
    return make_trial(personas)


def fill(
    person: Person,
    metric: Metric,
    *,
    since: date,
    until: date | None = None,
    level: float = 20.0,
    effect: float = 0.0,
    noise: float = 1.0,
    seed: int = 1,
    actor=None,
) -> int:
    """Daily results Monday to Friday (``effect`` added on home days, by the schedule)."""
    rng = random.Random(seed)
    until = until or today() - timedelta(days=1)
    classifier = DayClassifier(person)
    inputs = []
    day = since
    while day <= until:
        if day.weekday() < 5:
            kind, share = classifier.day(day)
            if share is not None:
                value = level + effect * share + rng.gauss(0, noise)
                inputs.append(ResultInput(len(inputs) + 1, person, metric, day, round(value, 2)))
        day += timedelta(days=1)
    write_results(inputs, actor=actor, source="manual")
    return ResultEntry.objects.filter(person=person, metric=metric).count()
