"""Field checks for a proposal's content: one message per field, in the employee's words.

The pages and the API both reach these through the actions, so a bad start date gets the
same message at the form field and in the API's 422 answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from homeward.coach.benefits import EMISSION_FACTORS
from homeward.coach.letter import TONES
from homeward.coach.patterns import KINDS, WORKING_WEEKDAYS, validate_pattern
from homeward.people.models import Person
from homeward.policy.models import PolicyVersion
from homeward.proposals.jurisdiction import start_date_errors
from homeward.proposals.models import pattern_of

PATTERN_FIELDS = ("pattern_kind", "weekdays", "n_days", "allowed_weekdays", "reduced_hours")
COMMUTE_FIELDS = ("commute_km", "commute_minutes", "commute_mode")

MAX_TRIAL_WEEKS = 52
MAX_RESPONSE_MINUTES = 480
MAX_COMMUTE_KM = 1000
MAX_COMMUTE_MINUTES = 600
MAX_TEXT = 4000
MAX_START_AHEAD_DAYS = 731
"""A start date at most two years ahead (the builder searches as far for the earliest)."""
_CORE_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*(?:-|–|to)\s*(\d{1,2}):(\d{2})\s*$")

# validate_pattern's field names -> the proposal's.
_PATTERN_KEYS = {"kind": "pattern_kind", "reduced_hours_per_day": "reduced_hours"}


def max_days(policy: PolicyVersion | None) -> int:
    """Home days a week the policy allows; the whole working week when there is no policy."""
    return policy.max_home_days_per_week if policy else len(WORKING_WEEKDAYS)


def pattern_errors(values: Mapping[str, Any], policy: PolicyVersion | None) -> dict[str, str]:
    if values.get("pattern_kind") not in KINDS:
        return {
            "pattern_kind": "Choose fixed weekdays, a number of days from a set, "
            "or shorter office days."
        }
    try:
        pattern = pattern_of(values)
    except ValueError:
        return {"weekdays": "Weekdays are numbers from 0 (Monday) to 6 (Sunday)."}
    errors = validate_pattern(pattern, max_days_per_week=max_days(policy))
    return {_PATTERN_KEYS.get(k, k): v for k, v in errors.items()}


def _core_hours_error(text: str) -> str | None:
    match = _CORE_HOURS.match(text)
    if not match:
        return "Write core hours as a time range, for example 10:00-16:00."
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        return "Use times of day between 00:00 and 23:59."
    if (h1, m1) >= (h2, m2):
        return "Core hours must end after they start."
    return None


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _commute_errors(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    km = values.get("commute_km")
    if km is not None:
        number = _number(km)
        if number is None or not number.is_finite():
            errors["commute_km"] = "Enter the one-way distance in km."
        elif number < 0:
            errors["commute_km"] = "The distance cannot be negative: enter 0 km or more."
        elif number > MAX_COMMUTE_KM:
            errors["commute_km"] = f"Enter a one-way distance of at most {MAX_COMMUTE_KM:,} km."
    minutes = values.get("commute_minutes")
    if minutes is not None:
        if minutes < 0:
            errors["commute_minutes"] = "The travel time cannot be negative: enter 0 or more."
        elif minutes > MAX_COMMUTE_MINUTES:
            errors["commute_minutes"] = (
                f"Enter a one-way time of at most {MAX_COMMUTE_MINUTES} minutes."
            )
    mode = values.get("commute_mode")
    if mode and mode not in EMISSION_FACTORS:
        errors["commute_mode"] = "Choose one of the listed ways of travelling."
    return errors


def field_errors(
    values: Mapping[str, Any],
    *,
    person: Person,
    policy: PolicyVersion | None,
    today: date,
    fields: Collection[str] | None = None,
    required: bool = False,
) -> dict[str, str]:
    """Problems with ``values`` (the proposal's content after the change).

    Only the ``fields`` given are checked (a whole pattern when any pattern field is
    among them); None checks everything. ``required`` (at submission) also reports what
    is still missing. Returns {} when all is well.
    """

    def wanted(*names: str) -> bool:
        return fields is None or any(n in fields for n in names)

    errors: dict[str, str] = {}
    if wanted(*PATTERN_FIELDS):
        errors.update(pattern_errors(values, policy))
    if wanted("start_date"):
        start = values.get("start_date")
        if start is None:
            if required:
                errors["start_date"] = "Choose the date your first home day would fall in."
        elif (start - today).days > MAX_START_AHEAD_DAYS:
            errors["start_date"] = "Choose a start date within the next two years."
        else:
            problems = start_date_errors(person, policy, start, today=today)
            if problems:
                errors["start_date"] = problems[0]
    if wanted("trial_weeks"):
        weeks = values.get("trial_weeks")
        if weeks is None:
            if required:
                errors["trial_weeks"] = "Choose how many weeks the trial lasts."
        elif weeks < 1:
            errors["trial_weeks"] = "A trial lasts at least one week."
        elif weeks > MAX_TRIAL_WEEKS:
            errors["trial_weeks"] = (
                f"A trial lasts at most {MAX_TRIAL_WEEKS} weeks: review it within a year."
            )
    if wanted("core_hours"):
        text = (values.get("core_hours") or "").strip()
        if not text:
            if required:
                errors["core_hours"] = "Say which core hours you will keep on home days."
        elif message := _core_hours_error(text):
            errors["core_hours"] = message
    if wanted("response_minutes"):
        minutes = values.get("response_minutes")
        if minutes is None:
            if required:
                errors["response_minutes"] = "Say how quickly you will answer messages."
        elif minutes < 1:
            errors["response_minutes"] = "Answer within at least 1 minute."
        elif minutes > MAX_RESPONSE_MINUTES:
            errors["response_minutes"] = (
                f"Promise an answer within a working day ({MAX_RESPONSE_MINUTES} minutes) at most."
            )
    for name in ("outage_plan", "own_benefits", "precedent", "core_hours"):
        text = values.get(name) or ""
        if not wanted(name):
            continue
        if len(text) > MAX_TEXT:
            errors[name] = f"Keep this under {MAX_TEXT:,} characters."
        elif "\x00" in text:  # as Django's form fields refuse; PostgreSQL cannot store it
            errors[name] = "Null characters are not allowed."
    if wanted(*COMMUTE_FIELDS):
        errors.update(_commute_errors(values))
    if wanted("readiness"):
        check = values.get("readiness")
        if check is not None and check.person_id != person.pk:
            errors["readiness"] = "Attach one of your own readiness checks."
    if wanted("letter_tone") and values.get("letter_tone") not in TONES:
        errors["letter_tone"] = f"Choose a tone: {', '.join(TONES)}."
    return errors
