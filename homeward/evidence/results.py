"""Results in: by hand, from CSV, or through the API; one validation path, all or nothing.

Raw rows (strings from a CSV file or values from JSON) are checked in full first; every
problem is reported with its line (CSV: the header is line 1) or item number; if there is
any problem, nothing is written. Rows are keyed on (person, metric, date), so importing
the same file again changes nothing: each row is counted as created, updated or unchanged.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.evidence.access import can_enter_results, result_people
from homeward.evidence.days import DAY_TYPES
from homeward.evidence.models import Metric, ResultEntry
from homeward.people.models import Person

HEADER = ["email", "metric", "date", "value"]
OPTIONAL = ["day_type"]
MAX_ROWS = 100_000


@dataclass(frozen=True)
class ResultInput:
    """One valid result, ready to write."""

    line: int
    person: Person
    metric: Metric
    day: date
    value: float
    day_type: str | None = None  # stated; None means "from the schedule"


@dataclass
class SaveOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    entries: list[ResultEntry] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class RowChecker:
    """Checks raw rows for one acting user, caching people and metrics between rows."""

    def __init__(self, user: Actor, *, today: date | None = None) -> None:
        self.user = user
        self.today = today or timezone.localdate()
        self._people: dict[str, Person | None] = {}
        self._metrics: dict[int, list[Metric]] = {}

    def person_by_email(self, email: str) -> Person | None:
        key = email.strip().lower()
        if key not in self._people:
            self._people[key] = result_people(self.user).filter(user__email__iexact=key).first()
        return self._people[key]

    def metrics_of(self, person: Person) -> list[Metric]:
        if person.pk not in self._metrics:
            # The person's own metrics first, so their name wins over a team metric's.
            metrics = Metric.objects.current().applying_to(person)
            self._metrics[person.pk] = sorted(metrics, key=lambda m: m.person_id is None)
        return self._metrics[person.pk]

    def metric(self, person: Person, ref: Any) -> Metric | None:
        text = str(ref if ref is not None else "").strip()
        for m in self.metrics_of(person):
            if text.isdigit() and m.pk == int(text):
                return m
        return next((m for m in self.metrics_of(person) if m.name.lower() == text.lower()), None)

    def check(
        self,
        line: int,
        raw: dict[str, Any],
        errors: list[tuple[int, str]],
        *,
        person: Person | None = None,
    ) -> ResultInput | None:
        """One row: ``email`` (or an already known ``person``), ``metric`` (name or id),
        ``date`` (ISO), ``value`` and optional ``day_type``."""
        problems: list[str] = []
        if person is None:
            email = str(raw.get("email") or "").strip()
            person = self.person_by_email(email) if email else None
            if person is None:
                problems.append(
                    f"{email!r} is nobody you may enter results for" if email else "email is empty"
                )
        elif not can_enter_results(self.user, person):
            problems.append(f"you may not enter results for {person.name}")
            person = None
        metric = None
        if person is not None:
            metric = self.metric(person, raw.get("metric"))
            if metric is None:
                problems.append(f"metric {raw.get('metric')!r} does not measure {person.name}")
        day = _date(raw.get("date"), problems)
        if day is not None and day > self.today:
            problems.append(f"date {day.isoformat()} is in the future")
        if day is not None and metric is not None and metric.is_weekly and day.weekday() != 0:
            problems.append(
                f"{metric.name} is weekly: date must be the Monday that starts the week"
            )
        value = _value(raw.get("value"), problems)
        day_type = str(raw.get("day_type") or "").strip().lower() or None
        if day_type is not None and day_type not in DAY_TYPES:
            problems.append(f"day_type {day_type!r} is not one of {', '.join(DAY_TYPES)}")
        errors.extend((line, p) for p in problems)
        if problems:
            return None
        assert person is not None and metric is not None and day is not None and value is not None
        return ResultInput(line, person, metric, day, value, day_type)


def _date(raw: Any, problems: list[str]) -> date | None:
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"date {text!r} is not a date (YYYY-MM-DD)")
        return None


def _value(raw: Any, problems: list[str]) -> float | None:
    if isinstance(raw, bool):
        problems.append("value must be a number")
        return None
    text = str(raw if raw is not None else "").strip()
    try:
        value = float(text)
    except ValueError:
        problems.append(f"value {text!r} is not a number" if text else "value is empty")
        return None
    if not math.isfinite(value):
        problems.append("value must be a finite number")
        return None
    return value


def check_rows(
    rows: list[tuple[int, dict[str, Any]]], *, user: Actor, today: date | None = None
) -> tuple[list[ResultInput], list[tuple[int, str]]]:
    """Valid inputs and every problem; a (person, metric, date) twice is a problem too."""
    checker = RowChecker(user, today=today)
    errors: list[tuple[int, str]] = []
    inputs: list[ResultInput] = []
    seen: dict[tuple[int, int, date], int] = {}
    for line, raw in rows:
        item = checker.check(line, raw, errors)
        if item is None:
            continue
        key = (item.person.pk, item.metric.pk, item.day)
        if key in seen:
            errors.append((line, f"the same person, metric and date are on line {seen[key]}"))
            continue
        seen[key] = line
        inputs.append(item)
    return inputs, errors


def parse_csv(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Numbered rows of a results CSV: header ``email,metric,date,value`` (+ ``,day_type``)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if header not in (HEADER, HEADER + OPTIONAL):
        wanted = ",".join(HEADER)
        return [], [(1, f"the header must be {wanted} or {wanted},{OPTIONAL[0]}")]
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[tuple[int, str]] = []
    for line, raw in enumerate(reader, start=2):
        if None in raw:
            errors.append((line, "has more columns than the header"))
            continue
        if not any((v or "").strip() for v in raw.values()):
            continue  # a blank line
        if len(rows) >= MAX_ROWS:
            errors.append((line, f"a file may hold at most {MAX_ROWS} results"))
            break
        rows.append((line, raw))
    if not rows and not errors:
        errors.append((2, "the file has no results"))
    return rows, errors
