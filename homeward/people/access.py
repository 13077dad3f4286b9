"""Who may see and change people. Every lookup takes the acting user and denies by default."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest

from homeward.accounts.models import Actor
from homeward.people.models import Person, PersonQuerySet


def person_of(user: Actor) -> Person | None:
    """The active Person behind a signed-in user, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        person = user.person
    except Person.DoesNotExist:
        return None
    return person if person.active else None


def require_person(request: HttpRequest) -> Person:
    """The active person behind the request; accounts without one (e.g. a bare admin) get 403."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied("This account has no employee record.")
    return person


def is_hr(user: Actor) -> bool:
    person = person_of(user)
    return bool(person and person.is_hr) or bool(getattr(user, "is_superuser", False))


def is_admin(user: Actor) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def visible_people(user: Actor) -> PersonQuerySet:
    """The directory: every colleague for a signed-in person; HR also sees deactivated people."""
    qs = Person.objects.select_related("team", "office", "manager", "user")
    if is_hr(user):
        return qs.all()
    if person_of(user) is None:
        return qs.none()
    return qs.active()


def can_see_details(user: Actor, person: Person) -> bool:
    """Private details (start date, commute, roles): the person, their manager line, HR."""
    if is_hr(user):
        return True
    viewer = person_of(user)
    return viewer is not None and (viewer.pk == person.pk or viewer.is_above(person))


# Constant SQL (the table is people_person; the only values are parameters).
_LINE_WITH_SELF = (
    "WITH RECURSIVE line(id) AS (SELECT CAST(%s AS BIGINT) "
    "UNION SELECT p.id FROM people_person p JOIN line ON p.manager_id = line.id) "
    "SELECT id FROM line"
)
_LINE_BELOW = (
    "WITH RECURSIVE line(id) AS (SELECT id FROM people_person WHERE manager_id = %s "
    "UNION SELECT p.id FROM people_person p JOIN line ON p.manager_id = line.id) "
    "SELECT id FROM line WHERE id <> %s"
)


def below(person: Person, *, with_self: bool = False) -> RawSQL:
    """A subquery of the ids of everyone who reports to ``person`` at any depth (active or
    not), for ``pk__in=below(me)``: one recursive query on SQLite and PostgreSQL alike, so
    "everyone under a director" is a join, not 50,000 ids sent back as parameters. UNION
    (not UNION ALL) drops repeats, so a manager line that goes round in a circle ends."""
    if with_self:
        return RawSQL(_LINE_WITH_SELF, (person.pk,))  # noqa: S611
    return RawSQL(_LINE_BELOW, (person.pk, person.pk))  # noqa: S611


def get_person_for(user: Actor, pk: int) -> Person:
    """A person the user may see, or 404."""
    try:
        return visible_people(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None
