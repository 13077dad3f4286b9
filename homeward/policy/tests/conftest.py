"""Fixtures for the policy and concern tests: a published policy and a submitted proposal.

Proposals are made directly (already submitted) rather than through the proposals
feature's builder, so these tests depend only on the Proposal model and stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from homeward.policy import actions
from homeward.policy.concerns import create_concern_items
from homeward.policy.models import PolicyVersion
from homeward.proposals.models import Proposal, Status
from tests.today import now

# The concerns the test policy answers; the rest are left to each proposal.
ANSWERED = [
    "internet_cost",
    "recall_notice",
    "outage_fallback",
    "hardware_logistics",
    "equipment_ownership",
    "insurance",
    "phone_costs",
    "ergonomics",
    "furniture_cost",
    "working_when_ill",
    "data_protection",
    "expenses",
    "reversibility",
]


def answers(**overrides: str) -> dict[str, str]:
    out = {key: f"Policy answer for {key}." for key in ANSWERED}
    out["internet_cost"] = "Own broadband, with a £20 monthly stipend."
    out.update(overrides)
    return out


def publish_default(hr: Any, *, check: bool = False, **values: Any) -> PolicyVersion:
    policy = actions.create_policy(actor=hr.user, name="Company telework policy")
    version = policy.versions.get(number=1)
    actions.update_draft(
        actor=hr.user,
        version=version,
        values={"ergonomics_check_required": check, **values},
        answers=answers(),
    )
    return actions.publish_version(actor=hr.user, version=version)


@pytest.fixture
def published(personas: Any) -> PolicyVersion:
    return publish_default(personas.hannah)


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
