"""The personal data of the employee record: name, commute, start date, roles."""

from __future__ import annotations

from typing import Any

from homeward.lib.personal_data import ABOUT, ErasurePlan, Provider, Section, Subject
from homeward.people.models import Person


def export(subject: Subject) -> list[Section]:
    if subject.person is None:
        return []
    row = Person.objects.filter(pk=subject.person.pk).values(
        "name",
        "user__email",
        "team__name",
        "office__name",
        "manager__name",
        "jurisdiction",
        "start_date",
        "commute_km",
        "commute_minutes",
        "commute_mode",
        "is_hr",
        "active",
    )
    return [Section("people.person", ABOUT, list(row))]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """The name becomes the pseudonym; commute, start date and HR rights go. Team, office,
    manager and jurisdiction stay: they say where a pseudonymous row belongs, and the
    jurisdiction decides how long kept records are kept."""
    if subject.person is None:
        return {}
    person = Person.objects.select_for_update().get(pk=subject.person.pk)
    person.name = plan.pseudonym
    person.commute_km = Person._meta.get_field("commute_km").get_default()
    person.commute_minutes = 0
    person.commute_mode = Person._meta.get_field("commute_mode").get_default()
    person.start_date = None
    person.is_hr = False
    person.save()
    return {"people.person": 1}


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    return {"people.person": [subject.person.pk]} if subject.person is not None else {}


PROVIDER = Provider(
    app="people",
    models=(Person,),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
)
