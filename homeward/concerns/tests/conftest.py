"""Fixtures for the concern tests: a published policy and a submitted proposal.

Proposals are made directly (already submitted) rather than through the proposals
feature's builder, so these tests depend only on the Proposal model and stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from homeward.concerns.actions import create_concern_items
from homeward.policy.models import PolicyVersion
from homeward.policy.tests.conftest import ANSWERED, answers, publish_default, published
from homeward.proposals.models import Proposal, Status
from tests.today import now

__all__ = ["ANSWERED", "answers", "publish_default", "published"]


def make_submitted(personas: Any, version: PolicyVersion | None, **fields: Any) -> Proposal:
    proposal = Proposal.objects.create(
        employee=fields.pop("employee", personas.emma),
        decider=fields.pop("decider", personas.marcus),
        status=Status.SUBMITTED,
        policy_version=version,
        submitted_at=now(),
        title="One home day a week",
        weekdays=[2],
        **fields,
    )
    create_concern_items(proposal=proposal, actor=proposal.employee.user)
    return proposal


@pytest.fixture
def submit(personas: Any) -> Callable[..., Proposal]:
    def _submit(version: PolicyVersion | None, **fields: Any) -> Proposal:
        return make_submitted(personas, version, **fields)

    return _submit


@pytest.fixture
def proposal(personas: Any, published: PolicyVersion) -> Proposal:
    return make_submitted(personas, published)
