"""Who is in on a day: everyone of an office or a team, grouped by where they are, with the
office's desk count. One resolver call: the same few queries whatever the number of people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from homeward.people.models import Office, Person, Team
from homeward.schedule.planner import Where
from homeward.schedule.resolver import FLEXIBLE, where_range

ORDER = [Where.OFFICE, FLEXIBLE, Where.HOME, Where.AWAY, Where.LEAVE, Where.HOLIDAY]


@dataclass
class WhoIsIn:
    day: date
    desks: int | None
    groups: dict[str, list[Person]] = field(default_factory=dict)

    @property
    def in_office(self) -> int:
        return len(self.groups.get(Where.OFFICE, []))

    @property
    def over_capacity(self) -> bool:
        return self.desks is not None and self.in_office > self.desks


def who_is_in(people: list[Person], day: date, *, desks: int | None) -> WhoIsIn:
    located = where_range(people, day, day)
    groups: dict[str, list[Person]] = {kind: [] for kind in ORDER}
    for p in sorted(people, key=lambda p: p.name):
        kind = located[p.pk][day].kind
        if kind in groups:
            groups[kind].append(p)
    return WhoIsIn(day=day, desks=desks, groups=groups)


def office_people(office: Office) -> list[Person]:
    return list(
        Person.objects.active()
        .filter(office=office)
        .only("pk", "name", "office_id", "start_date", "team_id")
    )


def team_people(team: Team) -> list[Person]:
    return list(
        Person.objects.active()
        .filter(team=team)
        .only("pk", "name", "office_id", "start_date", "team_id")
    )
