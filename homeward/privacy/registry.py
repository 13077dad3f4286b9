"""Every app's declaration of the personal data it holds, in one list.

An app that stores anything about a person adds a ``personal_data.py`` with a ``PROVIDER``
(see ``homeward.lib.personal_data``) and one line here; a test fails while a model that points
at a person or an account is covered by no provider.
"""

from __future__ import annotations

from homeward.accounts import personal_data as accounts
from homeward.arrangements import personal_data as arrangements
from homeward.audit import personal_data as audit
from homeward.coach import personal_data as coach
from homeward.decisions import personal_data as decisions
from homeward.evidence import personal_data as evidence
from homeward.lib.personal_data import Provider
from homeward.notify import personal_data as notify
from homeward.people import personal_data as people
from homeward.policy import personal_data as policy
from homeward.privacy import personal_data as privacy
from homeward.proposals import personal_data as proposals

PROVIDERS: tuple[Provider, ...] = (
    accounts.PROVIDER,
    people.PROVIDER,
    notify.PROVIDER,
    coach.PROVIDER,
    policy.PROVIDER,
    proposals.PROVIDER,
    decisions.PROVIDER,
    arrangements.PROVIDER,
    evidence.PROVIDER,
    audit.PROVIDER,
    privacy.PROVIDER,
)


def covered_models() -> set[type]:
    return {model for provider in PROVIDERS for model in provider.models}
