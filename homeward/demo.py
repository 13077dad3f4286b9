"""The demo organisation: deterministic people, and a registry for features to add history."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import User
from homeward.audit.actions import record
from homeward.notify.actions import no_email
from homeward.people.models import Office, Person, Team

DEMO_PASSWORD = "homeward-demo"
DEMO_DOMAIN = "demo.homeward.test"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str


# The named users everybody can sign in as; the rest have no password.
DEMO_LOGINS = [
    DemoLogin("employee", "Emma Clarke", f"emma@{DEMO_DOMAIN}"),
    DemoLogin("manager", "Marcus Webb", f"marcus@{DEMO_DOMAIN}"),
    DemoLogin("HR", "Hannah Reyes", f"hannah@{DEMO_DOMAIN}"),
    DemoLogin("admin", "Adam Okafor", f"admin@{DEMO_DOMAIN}"),
]

OFFICES = [
    # name, desks, timezone, holiday country, subdivision, jurisdiction
    ("London", 60, "Europe/London", "GB", "ENG", "GB"),
    ("Edinburgh", 25, "Europe/London", "GB", "SCT", "GB"),
    ("Belfast", 15, "Europe/London", "GB", "NIR", "NI"),
    ("Dublin", 30, "Europe/Dublin", "IE", "", "IE"),
    ("Amsterdam", 25, "Europe/Amsterdam", "NL", "", "NL"),
    ("Madrid", 20, "Europe/Madrid", "ES", "MD", "ES"),
    ("Lisbon", 15, "Europe/Lisbon", "PT", "", "PT"),
    ("Washington", 20, "America/New_York", "US", "DC", "US-FED"),
]
TEAMS = ["Customer Support", "Engineering", "Sales", "Finance", "Operations", "People"]
FIRST = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Elena",
    "Finn",
    "Grace",
    "Hugo",
    "Isla",
    "Jack",
    "Kofi",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Una",
    "Victor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoe",
    "Amir",
    "Bea",
    "Carlos",
    "Dana",
    "Eoin",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Julia",
    "Kai",
    "Lucia",
    "Max",
    "Niamh",
    "Oscar",
    "Paula",
    "Ravi",
    "Sofia",
    "Tom",
    "Uma",
    "Vera",
    "Will",
]
LAST = [
    "Smith",
    "Murphy",
    "Jansen",
    "Garcia",
    "Silva",
    "Johnson",
    "Brown",
    "Kelly",
    "de",
    "Vries",
    "Lopez",
    "Santos",
    "Williams",
    "Taylor",
    "Byrne",
    "Bakker",
    "Martin",
    "Costa",
    "Davis",
    "Wilson",
    "O'Brien",
    "Visser",
    "Sanchez",
    "Ferreira",
    "Miller",
    "Evans",
    "Walsh",
    "Meijer",
    "Perez",
    "Oliveira",
    "Moore",
    "Wright",
    "Ryan",
    "Smit",
    "Gomez",
    "Pereira",
    "Clark",
]
MODES = ["car", "car", "car", "rail", "bus", "underground", "cycle", "walk", "motorcycle"]

Seeder = Callable[[random.Random, date], None]
# The features' demo history, in the order it runs (see ``seeder``).
SEEDERS: list[tuple[str, Seeder]] = []
_AFTER: dict[str, tuple[str, ...]] = {}
_REGISTERED: list[tuple[str, Seeder]] = []


def demo_time(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A time of day on ``day`` in the installation's time zone, for backdated demo history."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seeder(name: str, *, after: tuple[str, ...] = ()) -> Callable[[Seeder], Seeder]:
    """Register a feature's demo history, run after the people and after the seeders named
    in ``after`` (whose history it builds on); otherwise in registration order."""

    def register(fn: Seeder) -> Seeder:
        _REGISTERED.append((name, fn))
        _AFTER[name] = after
        SEEDERS[:] = _ordered(_REGISTERED)
        return fn

    return register


def _ordered(registered: list[tuple[str, Seeder]]) -> list[tuple[str, Seeder]]:
    """Registration order, each seeder moved after the ones it names (a stable sort)."""
    names = {name for name, _ in registered}
    done: list[tuple[str, Seeder]] = []
    waiting = list(registered)
    while waiting:
        placed = {name for name, _ in done}
        ready = next(
            (
                entry
                for entry in waiting
                if all(d in placed or d not in names for d in _AFTER[entry[0]])
            ),
            None,
        )
        if ready is None:
            raise ValueError(f"Demo seeders wait for each other: {[n for n, _ in waiting]}")
        done.append(ready)
        waiting.remove(ready)
    return done


def print_logins(write: Callable[[str], object]) -> None:
    write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for d in DEMO_LOGINS:
        write(f"  {d.role:<9} {d.name:<14} {d.email}")


def _commute(rng: random.Random) -> tuple[Decimal, int, str]:
    mode = rng.choice(MODES)
    km = {"walk": rng.uniform(0.5, 3), "cycle": rng.uniform(2, 12)}.get(mode, rng.uniform(4, 45))
    speed = {
        "walk": 5,
        "cycle": 15,
        "car": 35,
        "bus": 20,
        "rail": 40,
        "underground": 28,
        "motorcycle": 40,
    }[mode]
    return Decimal(f"{km:.1f}"), int(km / speed * 60) + rng.randint(5, 15), mode


def build_demo(*, people: int = 120, seed: int = 7, today: date | None = None) -> dict[str, int]:
    """Create the demo organisation in one transaction. Refuses a database that has people."""
    if Person.objects.exists():
        raise ValueError("The database already has people; the demo is for an empty one.")
    if people < 12:
        raise ValueError("The demo needs at least 12 people.")
    rng = random.Random(seed)
    today = today or timezone.localdate()
    with transaction.atomic():
        offices = [
            Office.objects.create(
                name=n, desk_capacity=d, timezone=tz, holiday_country=c, holiday_subdiv=s
            )
            for n, d, tz, c, s, _j in OFFICES
        ]
        jurisdiction_of = {o.pk: j for o, (*_, j) in zip(offices, OFFICES, strict=True)}
        teams = [Team.objects.create(name=t) for t in TEAMS]
        made = _make_people(rng, people, offices, teams, jurisdiction_of, today)
        record(
            actor=None, action="demo.seeded", obj=made[0], after={"people": people, "seed": seed}
        )
        counts = {"people": len(made)}
        with no_email():  # the demo's addresses are made up: store notifications, mail nobody
            for name, fn in SEEDERS:
                fn(random.Random(f"{seed}-{name}"), today)
                counts[name] = 1
    return counts


def _make_people(
    rng: random.Random,
    n: int,
    offices: list[Office],
    teams: list[Team],
    jurisdiction_of: dict[int, str],
    today: date,
) -> list[Person]:
    """Named demo users first, then a tree: a director, a head per team, leads, members."""
    names = [d.name for d in DEMO_LOGINS]
    used = set(names)
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used or len(used) > len(FIRST) * len(LAST) // 2:
            suffix = "" if name not in used else f" {len(names)}"
            used.add(name)
            names.append(name + suffix)
    password = make_password(DEMO_PASSWORD)
    emails = [d.email for d in DEMO_LOGINS] + [
        f"{name.lower().replace(' ', '.').replace(chr(39), '')}.{i}@{DEMO_DOMAIN}"
        for i, name in enumerate(names[len(DEMO_LOGINS) :], start=len(DEMO_LOGINS))
    ]
    users = User.objects.bulk_create(
        [
            User(
                email=e,
                password=password if i < len(DEMO_LOGINS) else "!",
                is_staff=i == 3,
                is_superuser=i == 3,
            )
            for i, e in enumerate(emails)
        ],
        batch_size=2000,
    )
    london, support, people_team = offices[0], teams[0], teams[-1]
    rows: list[Person] = []
    for i, (user, name) in enumerate(zip(users, names, strict=True)):
        office = london if i < 6 else rng.choice(offices)
        team = {0: support, 1: support, 2: people_team, 3: teams[4]}.get(i) or teams[i % len(teams)]
        km, minutes, mode = _commute(rng)
        start = today - timedelta(days=rng.randint(60, 365 * 12))
        if i == 0:
            km, minutes, mode, start = Decimal("18.0"), 45, "car", today - timedelta(days=3 * 365)
        rows.append(
            Person(
                user=user,
                name=name,
                team=team,
                office=office,
                jurisdiction=jurisdiction_of[office.pk],
                start_date=start,
                commute_km=km,
                commute_minutes=minutes,
                commute_mode=mode,
                is_hr=(i == 2 or team == people_team and rng.random() < 0.3),
            )
        )
    people = Person.objects.bulk_create(rows, batch_size=2000)
    _link_managers(rng, people, teams)
    return people


def _link_managers(rng: random.Random, people: list[Person], teams: list[Team]) -> None:
    director = people[4]  # the first generated person runs the company
    heads: dict[int | None, Person] = {}
    for p in people[5:]:
        if p.team_id not in heads:
            heads[p.team_id] = p
            p.manager = director
    marcus = people[1]
    marcus.manager = heads[marcus.team_id] if heads[marcus.team_id] != marcus else director
    leads: dict[int | None, list[Person]] = {t.pk: [] for t in teams}
    leads[marcus.team_id].append(marcus)
    for p in people[5:]:
        if p.manager_id is not None or p in heads.values():
            continue
        team_leads = leads[p.team_id]
        if not team_leads or rng.random() < 0.12:  # about one lead per eight people
            p.manager = heads[p.team_id]
            team_leads.append(p)
        else:
            p.manager = rng.choice(team_leads)
    # The named people: Emma and a peer report to Marcus; Hannah and Adam to their heads.
    people[0].manager = marcus
    people[2].manager = heads.get(people[2].team_id, director)
    people[3].manager = heads.get(people[3].team_id, director)
    if people[2].manager == people[2]:
        people[2].manager = director
    Person.objects.bulk_update(people, ["manager"], batch_size=2000)
