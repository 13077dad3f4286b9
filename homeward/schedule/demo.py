"""Demo schedule: some leave (past, this week and coming), a few swaps next week and picked
days for flexible arrangements, through the same actions as the pages. Bounded: the same
handful whatever the size of the organisation."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from homeward.arrangements.models import Arrangement
from homeward.demo import seeder
from homeward.people.models import Person
from homeward.schedule.actions import add_leave, pick_days, swap_day
from homeward.schedule.planner import Where
from homeward.schedule.resolver import SCHEDULED, week_of, where_range

LEAVE = 40
SWAPS = 8


@seeder("schedule", after=("evidence", "decisions"))
def seed_schedule(rng: random.Random, today: date) -> None:
    people = list(Person.objects.filter(active=True).order_by("pk").values_list("pk", flat=True))
    for pk in rng.sample(people, min(LEAVE, len(people))):
        person = Person.objects.get(pk=pk)
        start = today + timedelta(days=rng.randint(-30, 45))
        if person.start_date and start < person.start_date:
            continue
        add_leave(
            person=person,
            start_date=start,
            end_date=start + timedelta(days=rng.choice([0, 1, 4, 7])),
            note=rng.choice(["", "Annual leave", "Family visit"]),
            actor=None,
        )
    week = week_of(today) + timedelta(days=7)
    active = Arrangement.objects.filter(status__in=SCHEDULED).select_related("employee")
    fixed = [a for a in active.filter(pattern_kind="weekdays").order_by("pk")[:200]]
    swapped = 0
    for a in rng.sample(fixed, len(fixed)):
        if swapped >= SWAPS:
            break
        days = where_range([a.employee], week, week + timedelta(days=4))[a.employee_id]
        home = [d for d, loc in days.items() if loc.kind == Where.HOME]
        office = [d for d, loc in days.items() if loc.kind == Where.OFFICE]
        if home and office:
            try:
                swap_day(
                    person=a.employee,
                    from_day=rng.choice(home),
                    to_day=rng.choice(office),
                    actor=None,
                )
            except ValidationError:
                continue
            swapped += 1
    for a in active.filter(pattern_kind="n_of_set").order_by("pk")[:50]:
        allowed = sorted(a.allowed_weekdays or [])[: a.n_days or 0]
        try:
            pick_days(
                person=a.employee,
                week=week,
                days=[week + timedelta(days=d) for d in allowed],
                today=today,
                actor=None,
            )
        except ValidationError:
            continue
