"""The line below a manager as one recursive query (people.access.below)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_person
from homeward.people.access import below
from homeward.people.models import Person


def reports_below(person: Person) -> set[int]:
    return set(Person.objects.filter(pk__in=below(person)).values_list("pk", flat=True))


def _chain(personas, depth: int) -> list[Person]:
    """A line of ``depth`` people under Emma, each managing the next."""
    line, boss = [], personas.emma
    for i in range(depth):
        boss = make_person(f"Depth{i}", team=personas.support, office=personas.london, manager=boss)
        line.append(boss)
    return line


def test_everyone_under_at_any_depth_and_nobody_else(personas):
    line = _chain(personas, 6)
    under_diana = reports_below(personas.diana)
    assert {p.pk for p in line} <= under_diana
    assert {personas.marcus.pk, personas.emma.pk, personas.pete.pk} <= under_diana
    assert personas.diana.pk not in under_diana
    under_marcus = reports_below(personas.marcus)
    assert personas.olivia.pk not in under_marcus and personas.oscar.pk not in under_marcus
    assert reports_below(line[-1]) == set()
    assert reports_below(personas.emma) == {p.pk for p in line}


def test_with_self_adds_exactly_the_person(personas):
    ids = set(
        Person.objects.filter(pk__in=below(personas.marcus, with_self=True)).values_list(
            "pk", flat=True
        )
    )
    assert ids == reports_below(personas.marcus) | {personas.marcus.pk}


def test_one_query_whatever_the_depth(personas):
    _chain(personas, 12)
    with CaptureQueriesContext(connection) as ctx:
        reports_below(personas.diana)
    assert len(ctx.captured_queries) == 1
    with CaptureQueriesContext(connection) as ctx:
        list(Person.objects.filter(pk__in=below(personas.diana)))
    assert len(ctx.captured_queries) == 1


def test_a_line_that_goes_round_in_a_circle_ends(personas):
    # Written past the model's own check, as a bad import once could have.
    Person.objects.filter(pk=personas.diana.pk).update(manager=personas.emma)
    under = reports_below(personas.marcus)
    assert personas.emma.pk in under and personas.diana.pk in under
    assert personas.marcus.pk not in under


def test_the_sql_names_the_model_table():
    assert Person._meta.db_table == "people_person"
