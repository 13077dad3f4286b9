"""Patterns in evidence's forms and the API: reading one, checking it against the policy,
and the fields an arrangement or a proposal stores it in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from homeward.coach.patterns import Pattern, validate_pattern
from homeward.people.models import Person
from homeward.policy.models import policy_for
from homeward.proposals.models import pattern_of


def pattern_from(data: dict[str, Any]) -> Pattern:
    """A coach Pattern from form or API text values (weekday numbers, 0 = Monday)."""
    kind = str(data.get("kind") or data.get("pattern_kind") or "weekdays")

    def days(key: str) -> tuple[int, ...]:
        try:
            return tuple(sorted({int(d) for d in data.get(key) or ()}))
        except (TypeError, ValueError):
            raise ValidationError({key: "Weekdays are numbers, 0 = Monday."}) from None

    try:
        n_days = int(data.get("n_days") or 0)
        hours = float(data.get("reduced_hours") or 0)
    except (TypeError, ValueError):
        raise ValidationError({"n_days": "Give a number."}) from None
    # Parsed from text here; read as a pattern by the proposals' one pattern_of.
    return pattern_of(
        {
            "pattern_kind": kind,
            "weekdays": days("weekdays"),
            "n_days": n_days,
            "allowed_weekdays": days("allowed_weekdays"),
            "reduced_hours": hours,
        }
    )


def max_days_for(person: Person) -> int:
    policy = policy_for(person)
    return policy.max_home_days_per_week if policy else 5


def check_pattern(pattern: Pattern, person: Person) -> None:
    errors = validate_pattern(pattern, max_days_per_week=max_days_for(person))
    if errors:
        raise ValidationError(errors)


def pattern_fields(pattern: Pattern) -> dict[str, Any]:
    """The Arrangement/Proposal field values of a pattern."""
    return {
        "pattern_kind": pattern.kind,
        "weekdays": list(pattern.weekdays),
        "n_days": pattern.n_days or None,
        "allowed_weekdays": list(pattern.allowed_weekdays),
        "reduced_hours": (
            round(pattern.reduced_hours_per_day, 1) if pattern.kind == "short_office_days" else None
        ),
    }
