"""Writing results: by hand, from CSV or the API, in one transaction each, audited per person."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor, User
from homeward.audit.actions import record
from homeward.evidence.days import DayClassifier
from homeward.evidence.models import Metric, ResultEntry, Source
from homeward.evidence.results import ResultInput, SaveOutcome, check_rows, parse_csv
from homeward.people.models import Person


def import_csv(text: str, *, actor: Actor, today: date | None = None) -> SaveOutcome:
    """Validate the whole file, then write it in one transaction, or write nothing."""
    rows, errors = parse_csv(text)
    inputs: list[ResultInput] = []
    if not errors:
        inputs, errors = check_rows(rows, user=actor, today=today)
    if errors:
        return SaveOutcome(errors=sorted(errors))
    return write_results(inputs, actor=actor, source=Source.CSV)


def write_results(
    inputs: list[ResultInput],
    *,
    actor: Actor | None,
    source: str,
    delete: list[tuple[Person, Metric, date]] | None = None,
) -> SaveOutcome:
    """Create or update the results (and delete ``delete``) in one transaction.

    Day types come from the schedule unless stated. One audit event per person says what
    changed; rows that change nothing are counted as unchanged and leave no trace.
    """
    outcome = SaveOutcome()
    delete = delete or []
    if not inputs and not delete:
        return outcome
    classifiers: dict[int, DayClassifier] = {}
    now = timezone.now()
    user = actor if isinstance(actor, User) else None
    per_person: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"created": 0, "updated": 0, "deleted": 0, "metrics": set(), "days": set()}
    )
    people: dict[int, Person] = {}
    with transaction.atomic():
        # Lock the people first (in a fixed order): two imports for the same person then
        # run one after the other, and the second finds the rows the first created instead
        # of colliding on the unique (person, metric, date) constraint.
        ids = sorted({i.person.pk for i in inputs} | {p.pk for p, _, _ in delete})
        list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
        existing = _existing(inputs)
        to_create: list[ResultEntry] = []
        to_update: list[ResultEntry] = []
        for item in inputs:
            classifier = classifiers.get(item.person.pk)
            if classifier is None:
                classifier = classifiers[item.person.pk] = DayClassifier(item.person)
            if item.metric.is_weekly:
                kind, share = classifier.week(item.day, item.day_type)
            else:
                kind, share = classifier.day(item.day, item.day_type)
            stated = item.day_type is not None
            entry = existing.get((item.person.pk, item.metric.pk, item.day))
            tally = per_person[item.person.pk]
            people[item.person.pk] = item.person
            if entry is None:
                entry = ResultEntry(
                    person=item.person,
                    metric=item.metric,
                    date=item.day,
                    value=item.value,
                    day_type=kind,
                    stated=stated,
                    home_share=share,
                    source=source,
                    entered_by=user,
                    created_at=now,
                    updated_at=now,
                )
                to_create.append(entry)
                outcome.created += 1
                tally["created"] += 1
            elif (entry.value, entry.day_type, entry.stated, entry.home_share) != (
                item.value,
                kind,
                stated,
                share,
            ):
                entry.value, entry.day_type, entry.stated, entry.home_share = (
                    item.value,
                    kind,
                    stated,
                    share,
                )
                entry.source, entry.entered_by, entry.updated_at = source, user, now
                to_update.append(entry)
                outcome.updated += 1
                tally["updated"] += 1
            else:
                outcome.unchanged += 1
                outcome.entries.append(entry)
                continue
            tally["metrics"].add(item.metric.name)
            tally["days"].add(item.day)
            outcome.entries.append(entry)
        ResultEntry.objects.bulk_create(to_create, batch_size=2000)
        ResultEntry.objects.bulk_update(
            to_update,
            ["value", "day_type", "stated", "home_share", "source", "entered_by", "updated_at"],
            batch_size=2000,
        )
        for person, metric, day in delete:
            gone, _ = ResultEntry.objects.filter(person=person, metric=metric, date=day).delete()
            if gone:
                outcome.deleted += gone
                tally = per_person[person.pk]
                people[person.pk] = person
                tally["deleted"] += gone
                tally["metrics"].add(metric.name)
                tally["days"].add(day)
        for pk, tally in per_person.items():
            if not (tally["created"] or tally["updated"] or tally["deleted"]):
                continue
            days = sorted(tally["days"])
            record(
                actor=actor,
                action="evidence.results_saved",
                obj=people[pk],
                after={
                    "source": source,
                    "created": tally["created"],
                    "updated": tally["updated"],
                    "deleted": tally["deleted"],
                    "metrics": sorted(tally["metrics"]),
                    "from": days[0].isoformat(),
                    "to": days[-1].isoformat(),
                },
            )
    return outcome


def _existing(inputs: list[ResultInput]) -> dict[tuple[int, int, date], ResultEntry]:
    if not inputs:
        return {}
    found: dict[tuple[int, int, date], ResultEntry] = {}
    wanted = {(i.person.pk, i.metric.pk, i.day) for i in inputs}
    pairs: dict[tuple[int, int], list[date]] = defaultdict(list)
    for i in inputs:
        pairs[(i.person.pk, i.metric.pk)].append(i.day)
    for (person_id, metric_id), days in pairs.items():
        qs = ResultEntry.objects.select_for_update().filter(
            person_id=person_id, metric_id=metric_id, date__gte=min(days), date__lte=max(days)
        )
        for entry in qs:
            key = (entry.person_id, entry.metric_id, entry.date)
            if key in wanted:
                found[key] = entry
    return found
