"""Liveness, readiness and the JSON log format (issue 17, section 6)."""

from __future__ import annotations

import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.db.migrations.executor import MigrationExecutor
from django.test import Client


def test_livez_answers_without_sign_in_or_database() -> None:
    # No django_db mark: touching the database here would raise.
    response = Client().get("/livez")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_is_migrated() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_refuses_traffic_while_migrations_are_pending(monkeypatch) -> None:
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [object()] * 2)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "2 migrations not applied"}


@pytest.mark.django_db
def test_readyz_refuses_traffic_when_the_database_is_down(monkeypatch) -> None:
    def down(self, targets):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(MigrationExecutor, "migration_plan", down)
    response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["reason"] == "database unreachable"


def test_json_log_format_writes_one_object_per_line(capsys) -> None:
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"]["formatter"] = "json"
    logging.config.dictConfig(config)
    try:
        logging.getLogger("homeward.test").warning("deadline %s passed", "D-1")
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        logging.config.dictConfig(settings.LOGGING)
    record = json.loads(line)
    assert record["level"] == "WARNING" and record["logger"] == "homeward.test"
    assert record["message"] == "deadline D-1 passed" and "time" in record
