"""Metrics: what a team or a person is measured by. Archived, never deleted."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record, snapshot
from homeward.evidence.access import can_manage_metric, manageable_teams
from homeward.evidence.models import Frequency, Metric
from homeward.people.access import person_of
from homeward.people.models import Person, Team

METRIC_FIELDS = ["name", "unit", "higher_is_better", "frequency", "team", "person", "description"]


def _check_metric_values(
    *, name: str, unit: str, frequency: str, team: Team | None, person: Person | None
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Give the metric a name."
    if not unit.strip():
        errors["unit"] = "Say what it is counted in, e.g. tickets."
    if frequency not in Frequency.values:
        errors["frequency"] = "Choose daily or weekly."
    if (team is None) == (person is None):
        errors["team"] = "A metric is for a team or for one person."
    if errors:
        raise ValidationError(errors)


def _check_name_free(
    name: str, *, team: Team | None, person: Person | None, exclude: int | None
) -> None:
    clash = Metric.objects.current().filter(name__iexact=name.strip(), team=team, person=person)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": "There is already a metric of that name here."})


def create_metric(
    *,
    actor: Actor,
    name: str,
    unit: str,
    higher_is_better: bool = True,
    frequency: str = Frequency.DAILY,
    team: Team | None = None,
    person: Person | None = None,
    description: str = "",
) -> Metric:
    """Define a result that matters, for a team (HR, or a manager of someone in it) or for one
    person (HR or their manager line)."""
    _check_metric_values(name=name, unit=unit, frequency=frequency, team=team, person=person)
    probe = Metric(team=team, person=person)
    if not can_manage_metric(actor, probe):
        raise PermissionDenied("You may not define metrics there.")
    with transaction.atomic():
        _check_name_free(name, team=team, person=person, exclude=None)
        metric = Metric.objects.create(
            name=name.strip(),
            unit=unit.strip(),
            higher_is_better=higher_is_better,
            frequency=frequency,
            team=team,
            person=person,
            description=description.strip(),
            created_by=person_of(actor),
        )
        record(
            actor=actor,
            action="evidence.metric_created",
            obj=metric,
            after=snapshot(metric, METRIC_FIELDS),
        )
    return metric


def update_metric(
    *,
    actor: Actor,
    metric: Metric,
    name: str,
    unit: str,
    higher_is_better: bool,
    description: str = "",
) -> Metric:
    """Rename or re-describe a metric. Its scope and frequency are fixed once created,
    because the results already entered were measured that way."""
    if not can_manage_metric(actor, metric):
        raise PermissionDenied("You may not change this metric.")
    _check_metric_values(
        name=name, unit=unit, frequency=metric.frequency, team=metric.team, person=metric.person
    )
    with transaction.atomic():
        metric = Metric.objects.select_for_update().get(pk=metric.pk)
        _check_name_free(name, team=metric.team, person=metric.person, exclude=metric.pk)
        before = snapshot(metric, METRIC_FIELDS)
        metric.name, metric.unit = name.strip(), unit.strip()
        metric.higher_is_better, metric.description = higher_is_better, description.strip()
        metric.save()
        after = snapshot(metric, METRIC_FIELDS)
        if after != before:
            record(
                actor=actor,
                action="evidence.metric_updated",
                obj=metric,
                before=before,
                after=after,
            )
    return metric


def archive_metric(*, actor: Actor, metric: Metric) -> Metric:
    """Stop offering a metric; its results and the criteria already judged on it stay."""
    if not can_manage_metric(actor, metric):
        raise PermissionDenied("You may not change this metric.")
    with transaction.atomic():
        metric = Metric.objects.select_for_update().get(pk=metric.pk)
        if metric.archived_at is None:
            metric.archived_at = timezone.now()
            metric.save(update_fields=["archived_at"])
            record(actor=actor, action="evidence.metric_archived", obj=metric)
    return metric


def metric_team_choices(user: Actor) -> list[Team]:
    return manageable_teams(user)
