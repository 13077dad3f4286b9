"""The readiness self-check over the API: the questions, taking the check, reading a result."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from homeward.coach.actions import record_readiness
from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import DIMENSIONS, QUESTIONS, ReadinessError, score
from homeward.people.access import person_of
from homeward.proposals.access import get_readiness_for

router = Router(tags=["readiness"])


class ChoiceOut(Schema):
    value: str
    label: str


class QuestionOut(Schema):
    key: str
    dimension: str
    text: str
    choices: list[ChoiceOut]


class ReadinessIn(Schema):
    answers: dict[str, str]


class ReadinessOut(Schema):
    id: int
    person_id: int
    created_at: datetime
    scores: dict[str, int]
    recommendation: str
    explanation: str
    first_steps: list[str]
    advice: list[dict[str, str]]


def _out(check: ReadinessCheck) -> dict[str, Any]:
    try:
        result = score(check.answers)
        explanation, steps = result.explanation, list(result.first_steps)
    except ReadinessError:  # the questions changed since: the stored result stands alone
        explanation, steps = "", []
    return {
        "id": check.pk,
        "person_id": check.person_id,
        "created_at": check.created_at,
        "scores": check.scores,
        "recommendation": check.recommendation,
        "explanation": explanation,
        "first_steps": steps,
        "advice": check.advice,
    }


@router.get("/readiness/questions", response=list[QuestionOut])
def questions(request: HttpRequest) -> list[dict[str, Any]]:
    """The questions in dimension order, each with the values to send as answers."""
    order = {d.key: i for i, d in enumerate(DIMENSIONS)}
    return [
        {
            "key": q.key,
            "dimension": q.dimension,
            "text": q.text,
            "choices": [{"value": c.value, "label": c.label} for c in q.choices],
        }
        for q in sorted(QUESTIONS, key=lambda q: order[q.dimension])
    ]


@router.post("/readiness", response={201: ReadinessOut})
def take_check(request: HttpRequest, payload: ReadinessIn) -> Status[dict[str, Any]]:
    """Score your answers (question key -> choice value); the result is private to you."""
    check = record_readiness(actor=request.user, answers=payload.answers)
    return Status(201, _out(check))


@router.get("/readiness", response=list[ReadinessOut])
def list_checks(request: HttpRequest) -> list[dict[str, Any]]:
    """Your own checks, newest first (as on the "Your earlier checks" page)."""
    me = person_of(request.user)
    if me is None:
        return []
    return [_out(check) for check in ReadinessCheck.objects.filter(person=me)[:200]]


@router.get("/readiness/{check_id}", response=ReadinessOut)
def get_check(request: HttpRequest, check_id: int) -> dict[str, Any]:
    """Your own check, or one attached to a submitted proposal you may see."""
    return _out(get_readiness_for(request.user, check_id))
