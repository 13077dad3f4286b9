"""Shared test fixtures: the named personas every test uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from homeward.accounts.models import User
from homeward.people.models import Office, Person, Team

pytest_plugins = ["tests.today", "tests.oidc_provider.fixture"]

PASSWORD = "correct-horse-battery-staple"
TRANSACTIONAL = {"transactional_db", "live_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (the live server, real threads) restore the migrated data.

    Such tests empty every table when they finish, including what data migrations put
    there (the audit chain's tip, the concern catalogue). Serialized rollback reloads
    it at the start of each of them, so their order never matters.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        wants = TRANSACTIONAL & set(getattr(item, "fixturenames", ()))
        if wants or (marker is not None and marker.kwargs.get("transaction")):
            kwargs = {**(marker.kwargs if marker else {})}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """pytest-django's database setup, with the migrated data visible from every context.

    Django keeps the serialized data on the connection object, but connections are
    context-local and Playwright's sync API runs the browser tests in another context
    (a greenlet), where that object does not exist. Keeping it on the connection class
    lets serialized rollback restore the data there too.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


@dataclass
class Personas:
    """An employee (Emma), her manager (Marcus), a peer (Pete), the director above Marcus
    (Diana), a manager of another team (Olivia) and her report (Oscar, the outsider),
    someone from HR (Hannah) and an administrator without an employee record (root)."""

    emma: Person
    marcus: Person
    pete: Person
    diana: Person
    olivia: Person
    oscar: Person
    hannah: Person
    root: User
    london: Office
    support: Team
    sales: Team

    def client(self, who: Person | User | None) -> Client:
        c = Client()
        if who is not None:
            c.force_login(who.user if isinstance(who, Person) else who)
        return c


def make_person(
    name: str,
    *,
    team: Team,
    office: Office,
    manager: Person | None = None,
    jurisdiction: str = "GB",
    is_hr: bool = False,
    start: date = date(2020, 1, 6),
    km: str = "20.0",
    minutes: int = 40,
    mode: str = "car",
) -> Person:
    email = f"{name.lower()}@example.test"
    user = User.objects.create_user(email, PASSWORD)
    return Person.objects.create(
        user=user,
        name=name,
        team=team,
        office=office,
        manager=manager,
        jurisdiction=jurisdiction,
        is_hr=is_hr,
        start_date=start,
        commute_km=Decimal(km),
        commute_minutes=minutes,
        commute_mode=mode,
    )


@pytest.fixture
def personas(db: None) -> Personas:
    london = Office.objects.create(
        name="London", desk_capacity=20, holiday_country="GB", holiday_subdiv="ENG"
    )
    support = Team.objects.create(name="Support")
    sales = Team.objects.create(name="Sales")
    people_team = Team.objects.create(name="People")
    diana = make_person("Diana", team=support, office=london)
    marcus = make_person("Marcus", team=support, office=london, manager=diana)
    emma = make_person("Emma", team=support, office=london, manager=marcus)
    pete = make_person("Pete", team=support, office=london, manager=marcus)
    olivia = make_person("Olivia", team=sales, office=london, manager=diana)
    oscar = make_person("Oscar", team=sales, office=london, manager=olivia)
    hannah = make_person("Hannah", team=people_team, office=london, manager=diana, is_hr=True)
    root = User.objects.create_superuser("root@example.test", PASSWORD)
    return Personas(
        emma=emma,
        marcus=marcus,
        pete=pete,
        diana=diana,
        olivia=olivia,
        oscar=oscar,
        hannah=hannah,
        root=root,
        london=london,
        support=support,
        sales=sales,
    )
