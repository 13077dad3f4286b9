"""The `homeward` command and the account commands: create-token and createadmin."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.accounts.models import ApiToken, User


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_homeward_command_runs_dashed_names_as_django_commands(monkeypatch):
    import django.core.management

    from homeward.__main__ import main

    seen: list[list[str]] = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", seen.append)
    for argv in (
        ["x", "import-people", "people.csv"],
        ["x", "create-token", "a@b.test"],
        ["x", "verify-audit"],
        ["x", "migrate"],
        ["x", "--help"],
    ):
        monkeypatch.setattr(sys, "argv", argv)
        main()
    assert seen == [
        ["homeward", "import_people", "people.csv"],
        ["homeward", "create_token", "a@b.test"],
        ["homeward", "verify_audit"],
        ["homeward", "migrate"],
        ["homeward", "--help"],
    ]


def test_create_token_prints_a_token_that_works_on_the_api(personas, client):
    raw = run("create_token", "Emma@Example.test", "--name", "ci")
    assert raw.startswith("hw_") and "\n" not in raw
    assert ApiToken.objects.get(user=personas.emma.user).name == "ci"
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert any(p["name"] == "Emma" for p in response.json())


def test_create_token_refuses_unknown_and_inactive_users(personas):
    with pytest.raises(CommandError, match="No active user"):
        run("create_token", "ghost@example.test")
    personas.pete.user.is_active = False
    personas.pete.user.save()
    with pytest.raises(CommandError, match="No active user"):
        run("create_token", "pete@example.test")
    assert not ApiToken.objects.exists()


def test_createadmin_makes_a_superuser_who_can_sign_in(db, client):
    out = run("createadmin", "Boss@Example.test", "--password", "a-long-admin-passphrase")
    assert "boss@example.test created" in out
    user = User.objects.get(email="boss@example.test")
    assert user.is_superuser and user.is_staff and user.is_active
    assert client.login(email="boss@example.test", password="a-long-admin-passphrase")


def test_createadmin_reads_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("HOMEWARD_ADMIN_PASSWORD", "environment-given-passphrase")
    run("createadmin", "ops@example.test")
    assert User.objects.get(email="ops@example.test").check_password("environment-given-passphrase")


def test_createadmin_without_a_password_and_no_terminal_fails(db, monkeypatch):
    monkeypatch.delenv("HOMEWARD_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match="--password"):
        run("createadmin", "ops@example.test")
    assert not User.objects.exists()


def test_createadmin_refuses_a_weak_password_and_a_duplicate(personas):
    with pytest.raises(CommandError, match="too short|too common"):
        run("createadmin", "new@example.test", "--password", "admin")
    assert not User.objects.filter(email="new@example.test").exists()
    with pytest.raises(CommandError, match="already exists"):
        run("createadmin", "root@example.test", "--password", "a-long-admin-passphrase")
