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


def _result(check: ReadinessCheck) -> tuple[str, list[str]]:
    """The explanation and first steps, recomputed from the stored answers."""
    try:
        result = score(check.answers)
    except ReadinessError:  # the questions changed since: the stored result stands alone
        return "", []
    return result.explanation, list(result.first_steps)


class ReadinessOut(Schema):
    id: int
    person_id: int
    created_at: datetime
    scores: dict[str, int]
    recommendation: str
    explanation: str
    first_steps: list[str]
    advice: list[dict[str, str]]

    @staticmethod
    def resolve_explanation(check: ReadinessCheck) -> str:
        return _result(check)[0]

    @staticmethod
    def resolve_first_steps(check: ReadinessCheck) -> list[str]:
        return _result(check)[1]


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
def take_check(request: HttpRequest, payload: ReadinessIn) -> Status[Any]:
    """Score your answers (question key -> choice value); the result is private to you."""
    check = record_readiness(actor=request.user, answers=payload.answers)
    return Status(201, check)


@router.get("/readiness", response=list[ReadinessOut])
def list_checks(request: HttpRequest) -> Any:
    """Your own checks, newest first (as on the "Your earlier checks" page)."""
    me = person_of(request.user)
    if me is None:
        return []
    return list(ReadinessCheck.objects.filter(person=me)[:200])


@router.get("/readiness/{check_id}", response=ReadinessOut)
def get_check(request: HttpRequest, check_id: int) -> Any:
    """Your own check, or one attached to a submitted proposal you may see."""
    return get_readiness_for(request.user, check_id)
