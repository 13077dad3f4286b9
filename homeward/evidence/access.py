"""Who may see and change metrics, results and trials. Deny by default; 404 for the unseen.

- Results: a person enters and sees their own; their manager line and HR theirs.
- Metrics: HR defines them for any team or person; a manager for a team one of their
  people (at any depth) is in, or for one of their people. Anyone measured by a metric
  may see it.
- Trials: the employee, their manager line and HR see them; only the manager line and HR
  (never the employee) set criteria and review.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement
from homeward.evidence.models import Metric, MetricQuerySet
from homeward.people.access import below, is_hr, person_of
from homeward.people.models import Person, PersonQuerySet, Team


def result_people(user: Actor) -> PersonQuerySet:
    """People whose results the user may see and enter: self and line below, or all for HR."""
    qs = Person.objects.select_related("team", "office", "user")
    if is_hr(user):
        return qs.active()
    me = person_of(user)
    if me is None:
        return qs.none()
    return qs.active().filter(pk__in=below(me, with_self=True))


def can_enter_results(user: Actor, person: Person) -> bool:
    if is_hr(user):
        return True
    me = person_of(user)
    return me is not None and (me.pk == person.pk or me.is_above(person))


def can_decide_for(user: Actor, person: Person) -> bool:
    """Set criteria and review: HR or the manager line; nobody for themself."""
    me = person_of(user)
    if me is not None and me.pk == person.pk:
        return False
    if is_hr(user):
        return True
    return me is not None and me.is_above(person)


def get_result_person_for(user: Actor, pk: Any) -> Person:
    try:
        return result_people(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None


# --- metrics --------------------------------------------------------------------------


def manageable_teams(user: Actor) -> list[Team]:
    """Teams the user may define metrics for."""
    if is_hr(user):
        return list(Team.objects.all())
    me = person_of(user)
    if me is None:
        return []
    return list(Team.objects.filter(members__pk__in=below(me), members__active=True).distinct())


def can_manage_metric(user: Actor, metric: Metric) -> bool:
    if is_hr(user):
        return True
    if metric.person_id is not None:
        return can_decide_for(user, metric.person)  # type: ignore[arg-type]
    return any(t.pk == metric.team_id for t in manageable_teams(user))


def visible_metrics(user: Actor) -> MetricQuerySet:
    """Metrics the user manages or is measured by."""
    qs = Metric.objects.select_related("team", "person")
    if is_hr(user):
        return qs.all()
    me = person_of(user)
    if me is None:
        return qs.none()
    people = below(me, with_self=True)
    teams = {t.pk for t in manageable_teams(user)}
    if me.team_id is not None:
        teams.add(me.team_id)
    return qs.filter(Q(person_id__in=people) | Q(team_id__in=teams))


def get_metric_for(user: Actor, pk: Any, *, write: bool = False) -> Metric:
    """A metric the user may see (or, with ``write``, change), or 404."""
    try:
        metric = visible_metrics(user).get(pk=pk)
    except (Metric.DoesNotExist, ValueError, TypeError):
        raise Http404("No such metric.") from None
    if write and not can_manage_metric(user, metric):
        raise Http404("No such metric.")
    return metric


# --- arrangements -----------------------------------------------------------------------


def visible_arrangements(user: Actor) -> Any:
    qs = Arrangement.objects.select_related("employee", "employee__team", "proposal")
    if is_hr(user):
        return qs.all()
    me = person_of(user)
    if me is None:
        return qs.none()
    return qs.filter(employee_id__in=below(me, with_self=True))


def get_arrangement_for(user: Actor, pk: Any, *, decide: bool = False) -> Arrangement:
    """An arrangement the user may see, or 404; with ``decide``, PermissionDenied (403) for
    the employee themself, who may see but never judge their own trial."""
    try:
        arrangement = visible_arrangements(user).get(pk=pk)
    except (Arrangement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such arrangement.") from None
    if decide and not can_decide_for(user, arrangement.employee):
        raise PermissionDenied("Only the manager line or HR may judge this trial.")
    return arrangement
