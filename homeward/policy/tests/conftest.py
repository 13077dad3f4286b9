"""Fixtures for the policy tests: a published policy (the concerns tests build on it)."""

from __future__ import annotations

from typing import Any

import pytest

from homeward.policy import actions
from homeward.policy.models import PolicyVersion

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
