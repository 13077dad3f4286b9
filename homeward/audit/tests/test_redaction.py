"""Redacting personal data from audit entries: the chain still verifies, and any other change
is still caught."""

from __future__ import annotations

import pytest
from django.db import connection

from homeward.audit.actions import record, verify_chain
from homeward.audit.models import REDACTED_ACTION, AuditEvent, AuditHead
from homeward.audit.redaction import REDACTED, AuditIntegrityError, redact

TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)


def raw(sql: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=TABLE), params)


@pytest.fixture
def chain(personas):  # type: ignore[no-untyped-def]
    return [
        record(actor=personas.emma.user, action="proposal.updated", obj=personas.emma,
               before={"outage_plan": "I live at 1 Elm Street"}, after={"outage_plan": "x"}),
        record(actor=personas.hannah.user, action="person.deactivated", obj=personas.pete,
               after={"active": False}),
        record(actor=personas.emma.user, action="token.created", obj=personas.emma,
               after={"name": "emma's laptop"}),
    ]  # fmt: skip


def test_new_entries_are_salted_and_the_salt_is_part_of_the_hash(chain):
    first = AuditEvent.objects.get(seq=1)
    assert len(first.salt) == 32
    assert len({e.salt for e in AuditEvent.objects.all()}) == 3
    raw("UPDATE {table} SET salt = %s WHERE seq = 1", "0" * 32)
    assert [p.seq for p in verify_chain()] == [1]


def test_a_redacted_entry_keeps_its_hash_and_the_chain_verifies(chain, personas):
    hashes = list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True))
    entries = AuditEvent.objects.filter(actor=personas.emma.user)
    n = redact(actor=personas.hannah.user, obj=personas.emma, entries=entries,
               actor_label="Erased person 1", payload=True, object_label="")  # fmt: skip
    assert n == 2
    redacted = AuditEvent.objects.get(seq=1)
    assert (redacted.actor_label, redacted.before, redacted.after) == (
        "Erased person 1", REDACTED, REDACTED,
    )  # fmt: skip
    assert redacted.salt == "" and redacted.object_label == ""
    assert list(AuditEvent.objects.filter(seq__lte=3).values_list("hash", flat=True)) == hashes
    statement = AuditEvent.objects.get(action=REDACTED_ACTION)
    assert [e["seq"] for e in statement.after["entries"]] == [1, 3]
    assert "Elm Street" not in str(list(AuditEvent.objects.values()))
    assert verify_chain() == []


def test_redacting_again_changes_nothing(chain, personas):
    entries = AuditEvent.objects.filter(actor=personas.emma.user)
    redact(actor=None, obj=personas.emma, entries=entries, payload=True)
    count = AuditEvent.objects.count()
    assert redact(actor=None, obj=personas.emma, entries=entries, payload=True) == 0
    assert AuditEvent.objects.count() == count
    # A second, different redaction of the same entry states it again, and still verifies.
    assert redact(actor=None, obj=personas.emma, entries=entries, actor_label="gone") == 2
    assert verify_chain() == []


def test_any_other_change_to_a_redacted_entry_is_detected(chain, personas):
    redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.filter(seq=1), payload=True)
    raw("UPDATE {table} SET action = %s WHERE seq = 1", "proposal.approved")
    assert [(p.seq, p.problem) for p in verify_chain()] == [
        (1, "content was changed after redaction")
    ]


def test_a_forged_redaction_statement_is_detected(chain, personas):
    redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.filter(seq=1), payload=True)
    statement = AuditEvent.objects.get(action=REDACTED_ACTION)
    raw("UPDATE {table} SET after = %s WHERE seq = %s",
        '{"entries": [{"seq": 2, "hash": "x", "residual": "y"}]}', statement.seq)  # fmt: skip
    problems = {p.seq for p in verify_chain()}
    assert statement.seq in problems and 1 in problems


def test_redaction_entries_are_never_redacted_and_a_redacted_one_is_detected(chain, personas):
    redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.filter(seq=1), payload=True)
    assert redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.all(),
                  actor_label="gone") == 3  # fmt: skip
    assert not AuditEvent.objects.filter(action=REDACTED_ACTION, actor_label="gone").exists()
    assert verify_chain() == []
    # A statement that claims to have redacted a redaction entry is itself a problem.
    first = AuditEvent.objects.filter(action=REDACTED_ACTION).order_by("seq").first()
    record(actor=None, action=REDACTED_ACTION, obj=personas.emma,
           after={"entries": [{"seq": first.seq, "hash": first.hash, "residual": "x"}]})  # fmt: skip
    assert [(p.seq, p.problem) for p in verify_chain()] == [
        (first.seq, "a redaction entry was redacted")
    ]


def test_a_tampered_entry_is_not_laundered_by_redaction(chain, personas):
    raw("UPDATE {table} SET action = %s WHERE seq = 1", "forged")
    with pytest.raises(AuditIntegrityError, match="entry 1 does not verify"):
        redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.all(), payload=True)


def test_entries_written_before_salts_still_verify_and_can_be_redacted(chain, personas):
    """What the salt migration promises: an unsalted entry (as all were before it) is hashed
    as before, so existing chains stay valid, and it can be redacted like any other."""
    legacy = AuditEvent.objects.get(seq=3)
    legacy.salt = ""
    raw("UPDATE {table} SET salt = '', hash = %s WHERE seq = 3", legacy.compute_hash())
    AuditHead.objects.filter(pk=1).update(hash=legacy.compute_hash())
    assert verify_chain() == []
    redact(actor=None, obj=personas.emma, entries=AuditEvent.objects.filter(seq=3), payload=True)
    assert AuditEvent.objects.get(seq=3).after == REDACTED
    assert verify_chain() == []
