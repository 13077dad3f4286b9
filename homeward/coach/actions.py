"""Saving a readiness self-check: the one state change the coach makes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import ReadinessError, score
from homeward.people.access import person_of


def record_readiness(*, actor: Actor, answers: Mapping[str, str]) -> ReadinessCheck:
    """Score the acting person's answers and keep the result, private to them.

    Raises ValidationError with a message per question for a missing or unknown answer;
    nothing is stored then.
    """
    me = person_of(actor)
    if me is None:
        raise PermissionDenied("Only people with an employee record can take the check.")
    try:
        result = score(answers)
    except ReadinessError as exc:
        raise ValidationError(exc.errors) from None
    with transaction.atomic():
        check = ReadinessCheck.objects.create(
            person=me,
            answers=dict(answers),
            scores=result.scores,
            recommendation=result.recommendation,
            advice=[asdict(w) for w in result.weak_spots],
        )
        record(
            actor=actor,
            action="readiness.checked",
            obj=check,
            after={"scores": result.scores, "recommendation": result.recommendation},
        )
    return check
