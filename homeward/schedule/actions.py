"""Changing the schedule: leave, swaps, picking flexible days. Each atomic and audited; the
person's row is locked so two changes to one person's days never interleave."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record
from homeward.notify.actions import notify_from
from homeward.people.models import Person
from homeward.schedule.models import DayEntry, EntryKind, EntrySource, PlannedDay
from homeward.schedule.planner import Where
from homeward.schedule.resolver import MAX_DAYS, SCHEDULED, week_of, where_range


def _lock(person: Person) -> Person:
    return Person.objects.select_for_update().get(pk=person.pk)


def _check_dates(person: Person, start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"end_date": "The last day is before the first."})
    if (end - start).days + 1 > MAX_DAYS:
        raise ValidationError({"end_date": f"An entry covers at most {MAX_DAYS} days."})
    if person.start_date and start < person.start_date:
        raise ValidationError(
            {"start_date": f"{person.name} started on {person.start_date:%d %B %Y}."}
        )


def add_leave(
    *,
    person: Person,
    start_date: date,
    end_date: date,
    note: str = "",
    kind: str = EntryKind.LEAVE,
    source: str = EntrySource.HAND,
    actor: Actor | None,
) -> DayEntry:
    """Enter leave (or a business trip) for a run of days; refuse overlapping leave."""
    if kind not in (EntryKind.LEAVE, EntryKind.BUSINESS):
        raise ValidationError({"kind": "Only leave or a business trip can be entered here."})
    _check_dates(person, start_date, end_date)
    with transaction.atomic():
        _lock(person)
        clash = DayEntry.objects.filter(
            person=person,
            kind__in=(EntryKind.LEAVE, EntryKind.BUSINESS),
            start_date__lte=end_date,
            end_date__gte=start_date,
        ).first()
        if clash is not None:
            raise ValidationError(
                f"It overlaps {clash.get_kind_display().lower()} from "
                f"{clash.start_date:%d %B} to {clash.end_date:%d %B %Y}."
            )
        entry = DayEntry.objects.create(
            person=person,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            note=note[:200],
            source=source,
        )
        record(
            actor=actor,
            action=f"schedule.{kind}_added",
            obj=entry,
            after={"start_date": start_date, "end_date": end_date, "source": source},
        )
    return entry


def swap_day(
    *, person: Person, from_day: date, to_day: date, actor: Actor | None
) -> tuple[DayEntry, DayEntry]:
    """Move a home day to an office day of the same week; the manager is told."""
    if week_of(from_day) != week_of(to_day):
        raise ValidationError("A home day can only move within the same week (Monday to Sunday).")
    if from_day == to_day:
        raise ValidationError("Pick two different days.")
    with transaction.atomic():
        _lock(person)
        days = where_range([person], min(from_day, to_day), max(from_day, to_day))[person.pk]
        if days[from_day].kind != Where.HOME:
            raise ValidationError(
                {"from_day": f"{from_day:%A %d %B} is not a home day ({days[from_day].reason})."}
            )
        if days[to_day].kind != Where.OFFICE:
            raise ValidationError(
                {"to_day": f"{to_day:%A %d %B} is not an office day ({days[to_day].reason})."}
            )
        group = uuid.uuid4()
        made = tuple(
            DayEntry.objects.create(
                person=person,
                kind=kind,
                start_date=day,
                end_date=day,
                source=EntrySource.SWAP,
                swap_group=group,
            )
            for kind, day in ((EntryKind.OFFICE, from_day), (EntryKind.HOME, to_day))
        )
        record(
            actor=actor,
            action="schedule.swapped",
            obj=made[1],
            after={"from_day": from_day, "to_day": to_day, "group": str(group)},
        )
        if person.manager is not None:
            notify_from(
                "schedule/notices/swap_made.txt",
                recipient=person.manager,
                context={"person": person.name, "from_day": from_day, "to_day": to_day},
            )
    return made[0], made[1]


def pick_days(
    *, person: Person, week: date, days: list[date], today: date, actor: Actor | None
) -> list[PlannedDay]:
    """Pick the home days of a flexible arrangement for a coming week (replacing a pick)."""
    if week.weekday() != 0:
        raise ValidationError({"week": "A week starts on a Monday."})
    if week <= today:
        raise ValidationError({"week": "Days are picked for a coming week."})
    if any(week_of(d) != week for d in days) or len(set(days)) != len(days):
        raise ValidationError({"days": "Pick different days of that week."})
    with transaction.atomic():
        _lock(person)
        arrangement = (
            Arrangement.objects.filter(
                employee=person, status__in=SCHEDULED, pattern_kind="n_of_set", start_date__lte=week
            )
            .exclude(end_date__lt=week)
            .first()
        )
        if arrangement is None:
            raise ValidationError("There is no flexible arrangement for that week.")
        allowed = set(arrangement.allowed_weekdays or [])
        if any(d.weekday() not in allowed for d in days):
            raise ValidationError({"days": "Pick only days the arrangement allows."})
        if len(days) > (arrangement.n_days or 0):
            raise ValidationError({"days": f"Pick at most {arrangement.n_days} days."})
        PlannedDay.objects.filter(
            person=person, day__range=(week, week + timedelta(days=6))
        ).delete()
        made = PlannedDay.objects.bulk_create(
            [PlannedDay(arrangement=arrangement, person=person, day=d) for d in sorted(days)]
        )
        record(
            actor=actor,
            action="schedule.days_picked",
            obj=arrangement,
            after={"week": week, "days": sorted(days)},
        )
    return made
