"""`homeward demo`: a deterministic, realistic organisation with a login for every role."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client

from homeward.audit.actions import verify_chain
from homeward.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo
from homeward.people.models import JURISDICTION_CODES, Person
from tests.today import today

TODAY = date(2026, 3, 2)


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def organisation() -> list[tuple[str, str | None, str | None, str | None]]:
    """Everybody as (name, manager's name, team, office), in creation order."""
    return [
        (
            p.name,
            p.manager.name if p.manager else None,
            p.team.name if p.team else None,
            p.office.name if p.office else None,
        )
        for p in Person.objects.select_related("manager", "team", "office").order_by("pk")
    ]


def built(**kwargs: int) -> list[tuple[str, str | None, str | None, str | None]]:
    """The organisation a demo build makes, rolled back so that the next build starts empty."""
    with transaction.atomic():
        build_demo(**kwargs, today=TODAY)
        made = organisation()
        transaction.set_rollback(True)
    return made


def by_login(role: str) -> Person:
    login = next(d for d in DEMO_LOGINS if d.role == role)
    return Person.objects.select_related("user").get(user__email=login.email)


def test_demo_command_builds_the_requested_size_and_prints_the_logins(db):
    out = demo("--people", "150", "--seed", "3")
    assert Person.objects.count() == 150
    assert "150 people (seed 3)" in out
    assert f"password for all: {DEMO_PASSWORD}" in out
    for login in DEMO_LOGINS:
        assert login.email in out and login.name in out


def test_same_seed_gives_the_same_organisation_and_another_seed_differs(db):
    first = built(people=150, seed=3)
    assert len(first) == 150 and not Person.objects.exists()
    assert built(people=150, seed=3) == first
    other = built(people=150, seed=4)
    assert len(other) == 150 and other != first
    assert [row[0] for row in other] != [row[0] for row in first]


def test_every_demo_login_signs_in_with_the_demo_password(db):
    build_demo(people=60, seed=3)
    for login in DEMO_LOGINS:
        assert Client().login(email=login.email, password=DEMO_PASSWORD), login.email
    # Everybody else has no password at all.
    others = Person.objects.exclude(user__email__in=[d.email for d in DEMO_LOGINS])
    assert not any(p.user.has_usable_password() for p in others.select_related("user")[:50])


def test_demo_roles_fit_their_logins(db):
    build_demo(people=60, seed=3)
    emma, marcus = by_login("employee"), by_login("manager")
    hannah, admin = by_login("HR"), by_login("admin")
    assert emma.manager == marcus and emma.roles() == ["employee"]
    assert "manager" in marcus.roles() and marcus.reports.count() >= 2
    assert hannah.is_hr and "hr" in hannah.roles()
    assert admin.user.is_superuser and admin.user.is_staff
    assert not any(p.user.is_superuser for p in (emma, marcus, hannah))
    assert emma.name == "Emma Clarke" and emma.office.name == "London"


def test_demo_manager_line_has_one_top_and_no_cycles(db):
    build_demo(people=150, seed=5)
    managers = dict(Person.objects.values_list("pk", "manager_id"))
    tops = [pk for pk, manager in managers.items() if manager is None]
    assert len(tops) == 1
    for pk in managers:
        seen: set[int] = set()
        current: int | None = pk
        while current is not None:
            assert current not in seen, f"cycle through {current}"
            seen.add(current)
            current = managers[current]
        assert tops[0] in seen  # everybody reports, eventually, to the director
    assert all(pk != manager for pk, manager in managers.items())


def test_demo_spreads_people_over_offices_teams_and_jurisdictions(db):
    build_demo(people=80, seed=3)
    people = list(Person.objects.select_related("office", "team"))
    offices = Counter(p.office.name for p in people)
    teams = Counter(p.team.name for p in people)
    jurisdictions = Counter(p.jurisdiction for p in people)
    assert len(offices) >= 6 and len(teams) >= 5 and len(jurisdictions) >= 5
    assert set(jurisdictions) <= JURISDICTION_CODES
    assert max(offices.values()) < len(people) * 0.6
    assert Counter(p.commute_mode for p in people).most_common(1)[0][1] < len(people)
    assert all(p.start_date and p.start_date < today() for p in people)
    assert len({p.name for p in people}) == len(people)
    assert len({p.user.email for p in Person.objects.select_related("user")}) == len(people)


def test_demo_history_mails_nobody(db, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        build_demo(people=40, seed=7)
    assert mail.outbox == []


def test_demo_is_audited_and_the_chain_verifies(db):
    build_demo(people=40, seed=7)
    from homeward.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="demo.seeded").count() == 1
    assert verify_chain() == []


def test_if_empty_leaves_a_populated_database_alone(personas):
    before = organisation()
    out = demo("--if-empty", "--people", "150")
    assert "already has people" in out
    assert organisation() == before


def test_demo_refuses_a_populated_database_without_if_empty(personas):
    with pytest.raises(CommandError, match="already has people"):
        demo("--people", "50")


@pytest.mark.parametrize("size", ["5", "50001"])
def test_demo_refuses_silly_sizes(db, size):
    with pytest.raises(CommandError, match="between 12 and 50000"):
        demo("--people", size)
    assert not Person.objects.exists()


def test_a_large_demo_completes(db):
    build_demo(people=3000, seed=11)
    assert Person.objects.count() == 3000
    assert Person.objects.filter(manager__isnull=True).count() == 1
    assert len(set(Person.objects.values_list("name", flat=True))) == 3000


def test_the_demo_policy_sends_larger_requests_to_hr(db):
    from homeward.policy.models import policy_for

    demo("--people", "120")
    policy = policy_for(by_login("employee"))
    assert policy is not None
    assert policy.hr_approval_above_days < policy.max_home_days_per_week
