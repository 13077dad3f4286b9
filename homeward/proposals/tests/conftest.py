"""Fixtures for the proposal tests: a frozen day, a published policy, and ready-made drafts.

Today is Wednesday 1 July 2026 in London. A GB request received today is due two months
"beginning with" receipt, on Monday 31 August, which is the summer bank holiday in
England: the decision is due on the last working day before it, Friday 28 August.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from homeward.accounts.actions import create_token
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal
from tests.today import now

TODAY = date(2026, 7, 1)
DUE = date(2026, 8, 28)
START = date(2026, 7, 15)  # a Wednesday, two weeks ahead

COMPLETE: dict[str, Any] = {
    "pattern_kind": "weekdays",
    "weekdays": [2],
    "start_date": START,
    "trial_weeks": 12,
    "core_hours": "10:00-16:00",
    "response_minutes": 30,
    "recall_accepted": True,
    "outage_plan": "Switch to my phone's hotspot and come in if it lasts over an hour.",
    "own_benefits": "Fewer interruptions when I write reports",
}


@pytest.fixture(autouse=True)
def frozen_day() -> Iterator[None]:
    moment = datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def policy(personas: Any) -> PolicyVersion:
    """A published default policy: two home days at most, 12-week trials, two answers."""
    p = Policy.objects.create(name="Home working policy")
    return PolicyVersion.objects.create(
        policy=p,
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        max_home_days_per_week=2,
        default_trial_weeks=12,
        recall_notice_hours=24,
        answers={
            "internet_cost": "You use your own broadband; the company pays £20 a month.",
            "equipment_ownership": "The laptop stays company property.",
        },
    )


@pytest.fixture
def draft(personas: Any, policy: PolicyVersion) -> Callable[..., Proposal]:
    """make a complete draft for Emma (or ``who``), with fields overridden."""

    def make(who: Any = None, **fields: Any) -> Proposal:
        person = who or personas.emma
        return create_draft(actor=person.user, data={**COMPLETE, **fields})

    return make


@pytest.fixture
def submitted(personas: Any, draft: Callable[..., Proposal]) -> Proposal:
    return submit_proposal(actor=personas.emma.user, proposal=draft())


class Api:
    """A JSON client authenticated with a personal access token."""

    def __init__(self, user: Any) -> None:
        self.client = Client()
        self.headers = {}
        if user is not None:
            _token, raw = create_token(user=user, name="test")
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def _send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        if body is None:
            return call(f"/api/v1{path}", **self.headers)
        return call(
            f"/api/v1{path}",
            data=json.dumps(body, default=str),
            content_type="application/json",
            **self.headers,
        )

    def get(self, path: str) -> Any:
        return self._send("get", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body if body is not None else {})

    def patch(self, path: str, body: Any) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self._send("put", path, body)


@pytest.fixture
def api(personas: Any) -> Callable[[Any], Api]:
    def make(who: Any) -> Api:
        return Api(None if who is None else (who.user if hasattr(who, "user") else who))

    return make
