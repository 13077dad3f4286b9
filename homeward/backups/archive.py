"""Portable backups: the whole database as one zip archive that restores into SQLite or
PostgreSQL, whichever it was made from.

The archive holds ``manifest.json`` (format and application version, when it was made, the
migrations applied per app, and per table its columns, row count and SHA-256) and one
JSON-lines file per table: one JSON array of column values per row, primary keys included,
in primary-key order. Values are written as the ORM reads them (dates and times in ISO 8601
with microseconds, decimals as text) and read back through each field, so the archive does
not depend on the engine. Tables are streamed in both directions: memory stays flat
however large the organisation.

Sessions are not backed up: a restore signs everybody out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

from homeward.audit.actions import verify_chain
from homeward.audit.models import AuditEvent

FORMAT = "homeward-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
NOT_BACKED_UP = {"sessions.session"}  # sign-ins; a restore empties them (signs everyone out)
BATCH = 1000
Report = Callable[[str], None]


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why and what to do."""


def backed_up_models() -> list[type[models.Model]]:
    """Every table the project has (many-to-many tables included), in a stable order."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in NOT_BACKED_UP
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def migration_state(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """The migrations applied to the database, per app."""
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def app_version() -> str:
    try:
        return version("homeward")
    except PackageNotFoundError:
        return "unknown"


def _encode(value: Any) -> Any:
    """JSON for the values the ORM returns that JSON has no type for. Microseconds are kept:
    the audit chain hashes its timestamps to the microsecond."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, timedelta):
        return duration_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def _line(row: tuple[Any, ...]) -> bytes:
    text = json.dumps(list(row), default=_encode, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode()


@contextmanager
def _consistent_read(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One snapshot for the whole backup, so rows written meanwhile never half appear,
    without holding up the application's writers."""
    if connection.in_atomic_block:  # the caller's transaction already gives one snapshot
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # A deferred read transaction: in WAL mode it reads one snapshot and blocks nobody
        # (Django's own transactions on SQLite start IMMEDIATE, which would block writers).
        connection.ensure_connection()
        raw = connection.connection
        raw.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            raw.execute("COMMIT")
    else:
        with transaction.atomic(using=connection.alias):
            yield


@dataclass(frozen=True)
class Summary:
    path: Path
    tables: int
    rows: int
    manifest: dict[str, Any]


def write_backup(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, report: Report | None = None
) -> Summary:
    """Write the whole database to ``path`` (a zip archive). The archive appears under its
    name only once complete: an interrupted backup leaves no archive that looks whole."""
    connection = connections[using]
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    tables: list[dict[str, Any]] = []
    try:
        with (
            _consistent_read(connection),
            zipfile.ZipFile(
                partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True
            ) as archive,
        ):
            state = migration_state(connection)
            for model in backed_up_models():
                tables.append(_write_table(archive, model, using))
                if report:
                    report(f"{model._meta.label}: {tables[-1]['rows']} rows")
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": app_version(),
                "django_version": django.get_version(),
                "created_at": timezone.now().isoformat(),
                "engine": connection.vendor,
                "migrations": state,
                "tables": tables,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Summary(path, len(tables), sum(t["rows"] for t in tables), manifest)


def _write_table(archive: zipfile.ZipFile, model: type[models.Model], using: str) -> dict[str, Any]:
    fields = [f.attname for f in model._meta.concrete_fields]
    member = f"data/{model._meta.label_lower}.jsonl"
    digest, rows = hashlib.sha256(), 0
    query = model._base_manager.using(using).order_by("pk").values_list(*fields)
    with archive.open(member, "w", force_zip64=True) as out:
        chunk: list[bytes] = []
        for row in query.iterator(chunk_size=2000):
            chunk.append(_line(row))
            if len(chunk) >= BATCH:
                _flush(out, digest, chunk)
                rows, chunk = rows + BATCH, []
        _flush(out, digest, chunk)
        rows += len(chunk)
    return {
        "model": model._meta.label_lower,
        "table": model._meta.db_table,
        "fields": fields,
        "member": member,
        "rows": rows,
        "sha256": digest.hexdigest(),
    }


def _flush(out: Any, digest: Any, chunk: list[bytes]) -> None:
    data = b"".join(chunk)
    digest.update(data)
    out.write(data)


# Restoring.


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This is not a Homeward backup: it has no manifest.json.") from None
    except (ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(f"The archive's manifest cannot be read ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a Homeward backup (its manifest names another format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup is in format version {manifest.get('format_version')}; this version "
            f"of Homeward reads version {FORMAT_VERSION}. Restore it with the Homeward that made "
            f"it ({manifest.get('app_version', 'unknown')})."
        )
    return manifest


def check_migrations(manifest: dict[str, Any], connection: BaseDatabaseWrapper) -> None:
    """Refuse an archive made at another migration state, saying which apps differ."""
    theirs: dict[str, list[str]] = manifest.get("migrations", {})
    ours = migration_state(connection)
    if theirs == ours:
        return
    lines = []
    for app in sorted(set(theirs) | set(ours)):
        missing = sorted(set(theirs.get(app, [])) - set(ours.get(app, [])))
        extra = sorted(set(ours.get(app, [])) - set(theirs.get(app, [])))
        if missing:
            lines.append(f"  {app}: the backup has {', '.join(missing)}; this database does not")
        if extra:
            lines.append(f"  {app}: this database has {', '.join(extra)}; the backup does not")
    raise BackupError(
        "The backup was made at a different migration state from this database "
        f"(backup: Homeward {manifest.get('app_version', 'unknown')}):\n"
        + "\n".join(lines)
        + "\nMigrate this database to the backup's state with the same version of Homeward "
        "(`homeward migrate`, or `homeward migrate APP MIGRATION` to go back), restore, then "
        "migrate forward."
    )


def check_tables(manifest: dict[str, Any]) -> dict[str, type[models.Model]]:
    """The archive's tables must be this project's tables, with the same columns."""
    ours = {m._meta.label_lower: m for m in backed_up_models()}
    theirs = {t["model"]: t for t in manifest.get("tables", [])}
    if set(ours) != set(theirs):
        names = sorted(set(ours) ^ set(theirs))
        raise BackupError(
            f"The backup's tables do not match this installation's: {', '.join(names)}."
        )
    for label, table in theirs.items():
        fields = [f.attname for f in ours[label]._meta.concrete_fields]
        if table["fields"] != fields:
            raise BackupError(f"The backup's columns of {label} do not match this installation's.")
    return ours


def _lines(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    try:
        with archive.open(member) as stream:
            yield from stream
    except KeyError:
        raise BackupError(f"The archive is incomplete: {member} is missing.") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"The archive is damaged: {member} cannot be read ({exc}).") from None


def verify_archive(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Every table's row count and checksum, read through once before anything is written."""
    for table in manifest["tables"]:
        digest, rows = hashlib.sha256(), 0
        for line in _lines(archive, table["member"]):
            digest.update(line)
            rows += 1
        _compare(table, digest.hexdigest(), rows)


def _compare(table: dict[str, Any], sha256: str, rows: int) -> None:
    if sha256 != table["sha256"] or rows != table["rows"]:
        raise BackupError(
            f"The archive is corrupted: {table['model']} has {rows} rows with checksum "
            f"{sha256[:12]}…, but the manifest says {table['rows']} rows with checksum "
            f"{table['sha256'][:12]}…. Nothing was restored."
        )


def in_use(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """What makes a database more than freshly migrated: user accounts, audit entries.

    (Migrations fill a few tables themselves, such as the concern catalogue and the audit
    chain's tip; a restore replaces those in any case.)"""
    counts = {
        "user accounts": get_user_model()._base_manager.using(using).count(),
        "audit entries": AuditEvent._base_manager.using(using).count(),
    }
    return {what: n for what, n in counts.items() if n}


def restore_backup(
    path: Path,
    *,
    replace: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    report: Report | None = None,
) -> Summary:
    """Restore ``path`` into the database, in one transaction, or change nothing.

    Refuses an archive that is not a Homeward backup, is damaged or corrupted (checked
    before anything is written), or was made at another migration state; refuses a database
    in use unless ``replace`` (then everything in it is replaced). Finishes by checking the
    foreign keys and verifying the audit chain, and rolls back if either fails.
    """
    connection = connections[using]
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path} is not a readable backup archive ({exc}).") from None
    with archive:
        manifest = read_manifest(archive)
        check_migrations(manifest, connection)
        ours = check_tables(manifest)
        verify_archive(archive, manifest)
        held = in_use(using)
        if held and not replace:
            what = ", ".join(f"{n} {label}" for label, n in held.items())
            raise BackupError(
                f"This database is in use ({what}). Restore into an empty, migrated database, "
                "or add --replace to replace everything in it with the backup."
            )
        with transaction.atomic(using=using):
            _empty(connection, [*ours.values(), *_not_backed_up()])
            for table in manifest["tables"]:
                _load(connection, archive, table, ours[table["model"]])
                if report:
                    report(f"{table['model']}: {table['rows']} rows")
            connection.check_constraints()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(ours.values())):
                    cursor.execute(sql)
            problems = verify_chain(using)
            if problems:
                first = "; ".join(f"entry {p.seq}: {p.problem}" for p in problems[:3])
                raise BackupError(
                    f"The restored audit log does not verify ({first}); nothing was restored."
                )
    ContentType.objects.clear_cache()
    tables = manifest["tables"]
    return Summary(Path(path), len(tables), sum(t["rows"] for t in tables), manifest)


def _not_backed_up() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.label_lower in NOT_BACKED_UP]


def _empty(connection: BaseDatabaseWrapper, tables: list[type[models.Model]]) -> None:
    # Foreign keys are checked at commit (Django creates them deferrable), so the order of
    # emptying and loading does not matter inside the transaction.
    names = [m._meta.db_table for m in tables]
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with foreign-key checks still pending in the transaction
        # (rows a caller wrote before): run those checks now, then defer again.
        connection.check_constraints()
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), names):
            cursor.execute(sql)


def _load(
    connection: BaseDatabaseWrapper,
    archive: zipfile.ZipFile,
    table: dict[str, Any],
    model: type[models.Model],
) -> None:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in table["fields"]]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    digest, rows = hashlib.sha256(), 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for line in _lines(archive, table["member"]):
            digest.update(line)
            rows += 1
            values = json.loads(line)
            batch.append(
                [
                    f.get_db_prep_save(f.to_python(v), connection)
                    for f, v in zip(fields, values, strict=True)
                ]
            )
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
    # The archive was checked before the transaction; checked again as read, in case the
    # file changed in between.
    _compare(table, digest.hexdigest(), rows)
