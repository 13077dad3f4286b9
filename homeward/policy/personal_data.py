"""The personal data in policy versions: who published them."""

from __future__ import annotations

from homeward.lib.personal_data import BY, ErasurePlan, Provider, Section, Subject
from homeward.policy.models import PolicyVersion


def export(subject: Subject) -> list[Section]:
    person = subject.person
    if person is None:
        return []
    published = PolicyVersion.objects.filter(published_by=person).values(
        "policy__name", "number", "published_at"
    )
    return [Section("policy.policyversion", BY, list(published))]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Nothing: publishing a version is part of the company's record, not about the person."""
    return {}


PROVIDER = Provider(app="policy", models=(PolicyVersion,), export=export, erase=erase)
