"""The schedule holds a person's one-off days (leave, business trips, swaps) and picked home
days: no words but a short note, which erasure empties."""

from __future__ import annotations

from typing import Any

from homeward.lib.personal_data import ABOUT, ErasurePlan, Provider, Section, Subject
from homeward.schedule.models import DayEntry, PlannedDay


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    entries = DayEntry.objects.filter(person=person)
    fields = ["id", "kind", "start_date", "end_date", "source", "note"]
    return [
        Section("schedule.dayentry", ABOUT, list(entries.values(*fields))),
        Section(
            "schedule.plannedday",
            ABOUT,
            list(PlannedDay.objects.filter(person=person).values("id", "day", "arrangement_id")),
        ),
    ]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    if subject.person is None:
        return {}
    return {"schedule.dayentry": DayEntry.objects.filter(person=subject.person).update(note="")}


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    """The audit entries about the person's entries name them (an entry reads "Emma: Leave")."""
    if subject.person is None:
        return {}
    own = DayEntry.objects.filter(person=subject.person)
    return {"schedule.dayentry": list(own.values_list("pk", flat=True))}


PROVIDER = Provider(
    app="schedule",
    models=(DayEntry, PlannedDay),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
)
