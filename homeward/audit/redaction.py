"""Erasing personal data from audit entries while the chain still verifies.

An entry's hash covers its content, so erasing a value from it would look like tampering.
Instead, redaction never touches an entry's hash or its link: it replaces the personal
values (the actor's address, the payload, the label), clears the entry's salt, and then
appends one "audit.redacted" entry stating, for each redacted entry, its hash and the hash
of what is left. ``verify_chain`` checks a redacted entry against that statement, so any
other change to it is still detected, and the statement itself is a link in the chain.

The salt is what makes the erasure real: without it nobody can confirm a guess of the
erased value by recomputing the old hash. Entries written before salts existed (blank salt)
are redacted the same way, but their old hash was computed without one; docs/security.md
says what that means.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from homeward.audit.actions import record, redactions
from homeward.audit.models import REDACTED_ACTION, AuditEvent

# What a redacted payload (before/after) becomes.
REDACTED: dict[str, Any] = {"redacted": True}
STATEMENT_SIZE = 500  # entries stated per redaction entry, to keep each one small


class AuditIntegrityError(Exception):
    """An entry to redact does not verify: redacting it would hide the tampering."""


def redact(
    *,
    actor: Any,
    obj: models.Model,
    entries: models.QuerySet[AuditEvent],
    actor_label: str | None = None,
    payload: bool = False,
    object_label: str | None = None,
) -> int:
    """Redact ``entries`` and state it in the chain; returns how many entries changed.

    ``actor_label`` replaces who acted, ``payload`` replaces before and after with
    ``REDACTED``, ``object_label`` replaces the object's label. Entries already redacted
    this way are left alone, so running it again changes nothing. Redaction entries are
    never redacted. Call inside the caller's transaction; it appends to the chain last.
    """
    stated = redactions()
    changed: list[dict[str, Any]] = []
    batch: list[AuditEvent] = []
    fields = ["actor_label", "before", "after", "object_label", "salt"]
    for event in entries.exclude(action=REDACTED_ACTION).order_by("seq").iterator(2000):
        _check(event, stated)
        new = {
            "actor_label": event.actor_label if actor_label is None else actor_label,
            "before": REDACTED if payload and event.before is not None else event.before,
            "after": REDACTED if payload and event.after is not None else event.after,
            "object_label": event.object_label if object_label is None else object_label,
        }
        if all(getattr(event, k) == v for k, v in new.items()):
            continue
        for key, value in new.items():
            setattr(event, key, value)
        event.salt = ""
        changed.append({"seq": event.seq, "hash": event.hash, "residual": event.compute_hash()})
        batch.append(event)
        if len(batch) >= 500:
            AuditEvent._base_manager.bulk_update(batch, fields)
            batch = []
    if batch:
        AuditEvent._base_manager.bulk_update(batch, fields)
    for chunk in _chunks(changed, STATEMENT_SIZE):
        record(actor=actor, action=REDACTED_ACTION, obj=obj, after={"entries": chunk})
    return len(changed)


def _check(event: AuditEvent, stated: dict[int, tuple[str, str]]) -> None:
    expected = stated.get(event.seq)
    ok = (
        expected == (event.hash, event.compute_hash())
        if expected is not None
        else event.compute_hash() == event.hash
    )
    if not ok:
        raise AuditIntegrityError(
            f"Audit entry {event.seq} does not verify; run `homeward verify-audit` "
            "before erasing anything."
        )


def _chunks(items: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
