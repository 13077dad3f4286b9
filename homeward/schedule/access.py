"""Who may see and change whose schedule. Deny by default: 404 for a person one may not see.

A person's days are seen by the person, their team-mates, their manager line and HR; the
reasons behind them (which arrangement, a leave note) by the person, their manager line and
HR (``people.access.can_see_details``). One's own swaps and picked days are one's own; leave
is entered by the person, their manager line or HR.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from homeward.accounts.models import Actor
from homeward.people.access import can_see_details, get_person_for, is_hr, person_of
from homeward.people.models import Office, Person, Team


def get_schedule_of(user: Actor, pk: int) -> Person:
    """A person whose days the user may see, or 404."""
    person = get_person_for(user, pk)
    viewer = person_of(user)
    if can_see_details(user, person):
        return person
    if viewer is not None and viewer.team_id is not None and viewer.team_id == person.team_id:
        return person
    raise Http404("No such person.")


def sees_reasons(user: Actor, person: Person) -> bool:
    return can_see_details(user, person)


def get_own_days_of(user: Actor, pk: int) -> Person:
    """A person whose swaps and picked days the user may change: only themselves."""
    person = get_schedule_of(user, pk)
    viewer = person_of(user)
    if viewer is None or viewer.pk != person.pk:
        raise PermissionDenied("Only the person moves or picks their own home days.")
    return person


def get_leave_of(user: Actor, pk: int) -> Person:
    """A person whose leave the user may enter: the person, their manager line, HR."""
    person = get_schedule_of(user, pk)
    if not can_see_details(user, person):
        raise PermissionDenied("Leave is entered by the person, their manager or HR.")
    return person


def get_office_for(user: Actor, pk: int) -> Office:
    """An office whose days a signed-in person (or HR) may see, or 404."""
    if person_of(user) is None and not is_hr(user):
        raise Http404("No such office.")
    try:
        return Office.objects.get(pk=pk)
    except (Office.DoesNotExist, ValueError, TypeError):
        raise Http404("No such office.") from None


def get_team_for(user: Actor, pk: int) -> Team:
    """A team whose days a signed-in person (or HR) may see, or 404."""
    if person_of(user) is None and not is_hr(user):
        raise Http404("No such team.")
    try:
        return Team.objects.get(pk=pk)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise Http404("No such team.") from None
