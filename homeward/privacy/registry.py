"""Every app's declaration of the personal data it holds, in one list.

An app that stores anything about a person adds a ``personal_data.py`` with a ``PROVIDER``
(see ``homeward.lib.personal_data``) and one line here; a test fails while a model that points
at a person or an account is covered by no provider.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.conf import settings

from homeward.accounts import personal_data as accounts
from homeward.agreements import personal_data as agreements
from homeward.arrangements import personal_data as arrangements
from homeward.audit import personal_data as audit
from homeward.coach import personal_data as coach
from homeward.concerns import personal_data as concerns
from homeward.decisions import personal_data as decisions
from homeward.evidence import personal_data as evidence
from homeward.lib.personal_data import Provider
from homeward.notify import personal_data as notify
from homeward.people import personal_data as people
from homeward.policy import personal_data as policy
from homeward.privacy import personal_data as privacy
from homeward.proposals import personal_data as proposals
from homeward.schedule import personal_data as schedule

PROVIDERS: tuple[Provider, ...] = (
    accounts.PROVIDER,
    people.PROVIDER,
    notify.PROVIDER,
    coach.PROVIDER,
    policy.PROVIDER,
    proposals.PROVIDER,
    concerns.PROVIDER,
    decisions.PROVIDER,
    arrangements.PROVIDER,
    schedule.PROVIDER,
    agreements.PROVIDER,
    evidence.PROVIDER,
    audit.PROVIDER,
    privacy.PROVIDER,
)


def covered_models() -> set[type]:
    return {model for provider in PROVIDERS for model in provider.models}


def undeclared(covered: Iterable[type] | None = None) -> list[str]:
    """Models that point at a person or an account (a foreign key, one-to-one or
    many-to-many) and that no provider declares. A many-to-many table counts as declared
    when the model that owns the relation is."""
    covered = set(covered_models() if covered is None else covered)
    targets = {apps.get_model("people", "Person"), apps.get_model(settings.AUTH_USER_MODEL)}
    owners = {
        m2m.remote_field.through: model
        for model in apps.get_models()
        for m2m in model._meta.many_to_many
    }
    missing = []
    for model in apps.get_models(include_auto_created=True):
        points = any(
            f.is_relation and f.related_model in targets and not f.auto_created
            for f in model._meta.get_fields()
        )
        if points and owners.get(model, model) not in covered:
            missing.append(model._meta.label)
    return sorted(missing)
