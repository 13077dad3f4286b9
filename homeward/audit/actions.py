"""Writing to and checking the audit log. Callers write inside their own transaction."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone

from homeward.audit.models import GENESIS, REDACTED_ACTION, AuditEvent, AuditHead, canonical


def _jsonable(value: Any) -> Any:
    return None if value is None else json.loads(canonical(value))


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append one entry to the chain. ``actor`` is a User, or None for the system.

    The chain tip is locked for the rest of the caller's transaction, so two writers
    never fork the chain; call this last in a transaction to keep the lock short.
    """
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            # The migration creates the tip; a database flushed since (as tests do) has
            # none. get_or_create settles a race between two first writers.
            AuditHead.objects.get_or_create(pk=1)
            head = AuditHead.objects.select_for_update().get(pk=1)
        label = actor_label or (getattr(actor, "email", None) or "system")
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None) or None,
            actor_label=label,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:300],
            before=_jsonable(before),
            after=_jsonable(after),
            prev_hash=head.hash,
            salt=secrets.token_hex(16),
        )
        event.hash = event.compute_hash()
        event.save()
        AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
        return event


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    problem: str


def verify_chain(using: str = DEFAULT_DB_ALIAS) -> list[AuditProblem]:
    """Every place where the stored chain disagrees with itself or with its tip.

    Detects an edited entry (its hash no longer matches its content), a deleted entry
    (a gap in the sequence, or a broken link to the previous hash) and a deleted tail
    (the tip records a later entry than the last one stored).

    A redacted entry (personal data erased, see ``homeward.audit.redaction``) keeps its
    hash; a later redaction entry holds that hash and the hash of what is left, so the
    entry verifies against both and any other change to it is still detected.
    """
    problems: list[AuditProblem] = []
    redacted = redactions(using)
    expected_prev, expected_seq = GENESIS, 1
    for event in AuditEvent.objects.using(using).order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            problems.append(
                AuditProblem(event.seq, f"entries {expected_seq}..{event.seq - 1} are missing")
            )
        if event.prev_hash != expected_prev:
            problems.append(AuditProblem(event.seq, "does not link to the entry before it"))
        stated = redacted.get(event.seq)
        if stated is not None and event.action == REDACTED_ACTION:
            problems.append(AuditProblem(event.seq, "a redaction entry was redacted"))
        elif stated is not None:
            if stated != (event.hash, event.compute_hash()):
                problems.append(AuditProblem(event.seq, "content was changed after redaction"))
        elif event.compute_hash() != event.hash:
            problems.append(AuditProblem(event.seq, "content was changed after it was written"))
        expected_prev, expected_seq = event.hash, event.seq + 1
    head = AuditHead.objects.using(using).filter(pk=1).first()
    if head is None and expected_seq > 1:
        problems.append(AuditProblem(expected_seq - 1, "the chain's tip record is missing"))
    elif head is not None and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        problems.append(
            AuditProblem(
                head.seq, f"the log ends at {expected_seq - 1} but the tip says {head.seq}"
            )
        )
    return problems


def redactions(using: str = DEFAULT_DB_ALIAS) -> dict[int, tuple[str, str]]:
    """Redacted entries as stated by the redaction entries: seq -> (hash, hash of what is left).

    A later statement about the same entry (redacted again) replaces an earlier one. The
    redaction entries are themselves links in the chain, so a forged one is detected.
    """
    stated: dict[int, tuple[str, str]] = {}
    statements = AuditEvent.objects.using(using).filter(action=REDACTED_ACTION).order_by("seq")
    for seq, after in statements.values_list("seq", "after"):
        entries = after.get("entries", []) if isinstance(after, dict) else []
        for item in entries:
            # Only earlier entries can be redacted; a statement about itself or a later
            # entry is ignored (so that entry must verify on its own).
            if isinstance(item, dict) and isinstance(item.get("seq"), int) and item["seq"] < seq:
                stated[item["seq"]] = (str(item.get("hash")), str(item.get("residual")))
    return stated


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of a model instance, for before/after records."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.pk if isinstance(value, models.Model) else value
    return out
