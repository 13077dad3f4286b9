"""Writing to and checking the audit log. Callers write inside their own transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from homeward.audit.models import GENESIS, AuditEvent, AuditHead, canonical


def _jsonable(value: Any) -> Any:
    return None if value is None else json.loads(canonical(value))


def record(
    *,
    actor: Any,
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
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=label,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:300],
            before=_jsonable(before),
            after=_jsonable(after),
            prev_hash=head.hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditHead.objects.filter(pk=1).update(seq=event.seq, hash=event.hash)
        return event


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    problem: str


def verify_chain() -> list[AuditProblem]:
    """Every place where the stored chain disagrees with itself or with its tip.

    Detects an edited entry (its hash no longer matches its content), a deleted entry
    (a gap in the sequence, or a broken link to the previous hash) and a deleted tail
    (the tip records a later entry than the last one stored).
    """
    problems: list[AuditProblem] = []
    expected_prev, expected_seq = GENESIS, 1
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            problems.append(
                AuditProblem(event.seq, f"entries {expected_seq}..{event.seq - 1} are missing")
            )
        if event.prev_hash != expected_prev:
            problems.append(AuditProblem(event.seq, "does not link to the entry before it"))
        if event.compute_hash() != event.hash:
            problems.append(AuditProblem(event.seq, "content was changed after it was written"))
        expected_prev, expected_seq = event.hash, event.seq + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is None and expected_seq > 1:
        problems.append(AuditProblem(expected_seq - 1, "the chain's tip record is missing"))
    elif head is not None and (head.seq != expected_seq - 1 or head.hash != expected_prev):
        problems.append(
            AuditProblem(
                head.seq, f"the log ends at {expected_seq - 1} but the tip says {head.seq}"
            )
        )
    return problems


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of a model instance, for before/after records."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.pk if isinstance(value, models.Model) else value
    return out
