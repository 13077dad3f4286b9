"""`homeward backup` and `homeward restore`: a portable archive that restores every row and
the audit chain, into SQLite or PostgreSQL, and refuses what it should, writing nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.test import Client

from homeward.accounts.actions import create_token
from homeward.audit.actions import record, verify_chain
from homeward.audit.models import AuditEvent
from homeward.backups.archive import (
    MANIFEST,
    BackupError,
    backed_up_models,
    restore_backup,
    write_backup,
)
from homeward.backups.tests.fingerprint import differences, fingerprint
from homeward.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo
from homeward.notify.models import Notification
from homeward.people.actions import set_active
from homeward.people.models import Person
from tests.today import now, today

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def demo(db: None) -> dict[str, list[list[Any]]]:
    """The demo organisation (40 people, with its history) plus a token and a failed
    sign-in, so that every kind of value is in some table; returns its fingerprint."""
    build_demo(people=40, today=today())
    create_token(user=Person.objects.order_by("pk").first().user, name="nightly script")
    Client().login(email=DEMO_LOGINS[0].email, password="wrong password")
    return fingerprint()


def rewrite(source: Path, target: Path, change: dict[str, Any]) -> None:
    """Copy an archive, replacing some members' bytes (the rest, manifest included, as is)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename in change:
                data = change[item.filename](data)
            new.writestr(item.filename, data)


def something_changes() -> None:
    hannah = Person.objects.get(user__email=DEMO_LOGINS[2].email)
    emma = Person.objects.get(user__email=DEMO_LOGINS[0].email)
    set_active(actor=hannah.user, person=emma, active=False)
    Notification.objects.create(recipient=hannah, subject="after the backup")


def test_round_trip_of_the_demo_keeps_every_row_and_the_audit_chain(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    summary = write_backup(archive)
    assert summary.rows == sum(len(rows) for rows in demo.values()) > 1000
    assert {t["model"] for t in summary.manifest["tables"]} == set(demo)
    something_changes()
    assert differences(demo, fingerprint()) != []

    restore_backup(archive, replace=True)

    assert differences(demo, fingerprint()) == []
    assert verify_chain() == []
    # The restored database carries on: new rows get new keys, the chain grows, and the
    # demo logins still sign in.
    emma = Person.objects.get(user__email=DEMO_LOGINS[0].email)
    latest = Notification.objects.order_by("-pk").first()
    assert Notification.objects.create(recipient=emma, subject="new").pk > latest.pk
    record(actor=None, action="after.restore", obj=emma)
    assert verify_chain() == []
    assert Client().login(email=DEMO_LOGINS[0].email, password=DEMO_PASSWORD)


def test_the_archive_holds_every_table_with_counts_and_checksums(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    write_backup(archive)
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read(MANIFEST))
        members = set(z.namelist())
    assert manifest["format"] == "homeward-backup" and manifest["format_version"] == 1
    assert manifest["app_version"] and manifest["created_at"]
    assert "0003_auditevent_salt" in manifest["migrations"]["audit"]
    labels = {m._meta.label_lower for m in backed_up_models()}
    assert {t["model"] for t in manifest["tables"]} == labels
    assert "sessions.session" not in labels  # sign-ins are not backed up
    for table in manifest["tables"]:
        assert table["member"] in members
        assert table["rows"] == len(demo[table["model"]])
        assert len(table["sha256"]) == 64


def test_restore_into_an_empty_database_needs_no_replace(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    write_backup(archive)
    tables = [m._meta.db_table for m in backed_up_models()]
    connection.check_constraints()  # PostgreSQL truncates only with no checks pending
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(sql)
    assert Person.objects.count() == 0

    restore_backup(archive)

    assert differences(demo, fingerprint()) == []
    assert verify_chain() == []


def test_restore_refuses_a_database_in_use_and_changes_nothing(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    write_backup(archive)
    something_changes()
    before = fingerprint()
    with pytest.raises(
        BackupError, match=r"in use \(40 user accounts, \d+ audit entries\).*--replace"
    ):
        restore_backup(archive)
    assert differences(before, fingerprint()) == []


def test_a_corrupted_archive_is_refused_with_nothing_written(demo, tmp_path):
    archive, bad = tmp_path / "homeward.zip", tmp_path / "bad.zip"
    write_backup(archive)
    rewrite(archive, bad, {"data/people.person.jsonl": lambda b: b.replace(b"Emma", b"Erin", 1)})
    something_changes()
    before = fingerprint()
    with pytest.raises(BackupError, match="corrupted: people.person .*Nothing was restored"):
        restore_backup(bad, replace=True)
    assert differences(before, fingerprint()) == []


def test_a_damaged_or_foreign_file_is_refused(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    write_backup(archive)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="not a readable backup"):
        restore_backup(cut, replace=True)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hello")
    with pytest.raises(BackupError, match="not a Homeward backup"):
        restore_backup(other, replace=True)
    assert differences(demo, fingerprint()) == []


def test_an_archive_from_another_migration_state_is_refused(demo, tmp_path):
    archive, later = tmp_path / "homeward.zip", tmp_path / "later.zip"
    write_backup(archive)

    def newer(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["migrations"]["audit"].append("0099_future")
        manifest["migrations"]["people"].remove("0001_initial")
        return json.dumps(manifest).encode()

    rewrite(archive, later, {MANIFEST: newer})
    with pytest.raises(BackupError) as refused:
        restore_backup(later, replace=True)
    message = str(refused.value)
    assert "different migration state" in message
    assert "audit: the backup has 0099_future; this database does not" in message
    assert "people: this database has 0001_initial; the backup does not" in message
    assert differences(demo, fingerprint()) == []


def test_restore_rolls_back_when_the_audit_chain_does_not_verify(demo, tmp_path):
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET actor_label = %s WHERE seq = 2", ["mallory@x.test"])  # noqa: S608
    archive = tmp_path / "homeward.zip"
    write_backup(archive)  # the backup is faithful: it copies the tampered entry too
    something_changes()
    before = fingerprint()
    with pytest.raises(BackupError, match="audit log does not verify .*entry 2"):
        restore_backup(archive, replace=True)
    assert differences(before, fingerprint()) == []


def test_the_commands_back_up_restore_and_explain_refusals(demo, tmp_path):
    archive = tmp_path / "homeward.zip"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Backed up" in out.getvalue() and archive.exists()
    assert not (tmp_path / "homeward.zip.partial").exists()
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(archive), stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(archive), "--replace", stdout=out)
    assert "Audit log intact" in out.getvalue()
    with pytest.raises(CommandError, match="No such backup file"):
        call_command("restore", str(tmp_path / "missing.zip"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "x.zip"))
    assert differences(demo, fingerprint()) == []


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_sqlite_and_back(demo, tmp_path):
    """PostgreSQL -> SQLite -> PostgreSQL, every row compared at each step."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (bash scripts/with-postgres.sh)")
    from_pg, from_sqlite = tmp_path / "from-pg.zip", tmp_path / "from-sqlite.zip"
    seen = tmp_path / "sqlite.json"
    write_backup(from_pg)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'copy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "homeward.settings_test",
    }
    subprocess.run(
        [sys.executable, "-m", "homeward.backups.tests.sqlite_side",
         str(from_pg), str(seen), str(from_sqlite), now().isoformat()],
        cwd=ROOT, env=env, check=True, timeout=600,
    )  # fmt: skip
    assert differences(demo, json.loads(seen.read_text())) == []  # PostgreSQL -> SQLite

    something_changes()
    restore_backup(from_sqlite, replace=True)
    assert differences(demo, fingerprint()) == []  # SQLite -> PostgreSQL
    assert verify_chain() == []
