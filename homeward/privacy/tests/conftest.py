"""Fixtures for the personal-data tests: an Irish request HR must keep, and a draft it need not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from homeward.accounts.actions import create_token
from homeward.notify.actions import notify
from homeward.proposals.models import Proposal, Status
from tests.today import now

SECRET = "my flat at 4 Quay Street has fibre"
DRAFT_SECRET = "my neighbour Mrs Byrne minds my son"


@pytest.fixture
def emma_data(personas: Any) -> dict[str, Any]:
    """Emma's data in several apps: a decided request under Irish law (kept three years), a
    draft (not a record of a request), a notification, a token; Marcus is told about her."""
    emma, marcus = personas.emma, personas.marcus
    kept = Proposal.objects.create(
        employee=emma,
        decider=marcus,
        status=Status.APPROVED,
        title="Home on Wednesdays",
        outage_plan=SECRET,
        jurisdiction="IE",
        submitted_at=now() - timedelta(days=40),
        received_on=(now() - timedelta(days=40)).date(),
        decided_at=now() - timedelta(days=20),
    )
    draft = Proposal.objects.create(
        employee=emma, status=Status.DRAFT, title="Two days?", outage_plan=DRAFT_SECRET
    )
    notify(recipient=emma, subject="Your request was approved", body="Well done", email=False)
    notify(recipient=marcus, subject="Emma sent a request", body="Emma asks for a day", email=False)
    _token, raw = create_token(user=emma.user, name="Emma's laptop")
    return {"kept": kept, "draft": draft, "token": raw}
