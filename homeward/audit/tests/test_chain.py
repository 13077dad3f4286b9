"""The audit log: appended as a hash chain, never changed, and checked by verify-audit."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from homeward.audit.actions import record, verify_chain
from homeward.audit.models import GENESIS, AppendOnlyError, AuditEvent, AuditHead

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def chain(personas) -> list[AuditEvent]:
    """Five entries by different actors about different objects."""
    return [
        record(actor=personas.hannah.user, action="person.deactivated", obj=personas.pete,
               before={"active": True}, after={"active": False}),
        record(actor=None, action="demo.seeded", obj=personas.emma, after={"people": 7}),
        record(actor=personas.emma.user, action="token.created", obj=personas.emma,
               after={"name": "nightly", "when": personas.emma.start_date}),
        record(actor=personas.marcus.user, action="person.updated", obj=personas.emma,
               before={"commute_km": personas.emma.commute_km}, after={"commute_km": "1.5"}),
        record(actor=personas.root, action="person.reactivated", obj=personas.pete,
               before={"active": False}, after={"active": True}),
    ]  # fmt: skip


def raw_sql(sql: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=connection.ops.quote_name(TABLE)), params)


def verify() -> tuple[bool, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as exc:
        return False, err.getvalue() + str(exc)
    return True, out.getvalue()


def test_entries_are_numbered_and_each_links_to_the_one_before(chain, personas):
    stored = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in stored] == [1, 2, 3, 4, 5]
    assert stored[0].prev_hash == GENESIS
    for before, after in zip(stored, stored[1:], strict=False):
        assert after.prev_hash == before.hash
    assert all(e.hash == e.compute_hash() for e in stored)
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (5, stored[-1].hash)


def test_entry_records_actor_action_object_and_change(chain, personas):
    first = AuditEvent.objects.get(seq=1)
    assert first.actor == personas.hannah.user and first.actor_label == "hannah@example.test"
    assert first.action == "person.deactivated"
    assert (first.object_type, first.object_id) == ("people.person", str(personas.pete.pk))
    assert first.object_label == "Pete"
    assert (first.before, first.after) == ({"active": True}, {"active": False})
    assert AuditEvent.objects.get(seq=2).actor_label == "system"
    # Dates and decimals are stored as JSON text, and the hash still verifies once reloaded.
    third = AuditEvent.objects.get(seq=3)
    assert third.after["when"] == personas.emma.start_date.isoformat()
    assert AuditEvent.objects.for_object(personas.pete).count() == 2


def test_entries_cannot_be_changed_through_the_orm(chain):
    event = AuditEvent.objects.get(seq=2)
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=2).update(action="x")
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.get(seq=2).action == "demo.seeded"


def test_entries_cannot_be_deleted_through_the_orm(chain):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.get(seq=2).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq__gte=4).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 5


def test_entries_cannot_be_bulk_inserted_around_the_chain(chain):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(seq=99, action="forged")])


def test_verify_audit_passes_on_an_intact_log(chain):
    ok, out = verify()
    assert ok and "5 entries verified" in out
    assert verify_chain() == []


def test_verify_audit_passes_on_an_empty_log(db):
    ok, out = verify()
    assert ok and "0 entries" in out


def test_verify_audit_detects_an_entry_edited_with_raw_sql(chain):
    raw_sql("UPDATE {table} SET actor_label = %s WHERE seq = %s", "mallory@example.test", 3)
    ok, out = verify()
    assert not ok
    assert "entry 3: content was changed" in out
    assert [p.seq for p in verify_chain()] == [3]


def test_verify_audit_detects_edited_json_content(chain):
    entry = AuditEvent.objects.get(seq=1)
    raw_sql(
        "UPDATE {table} SET after = %s WHERE seq = %s",
        '{"active": true}',
        entry.seq,
    )
    ok, out = verify()
    assert not ok and "entry 1" in out


def test_verify_audit_detects_an_edit_whose_hash_was_recomputed(chain):
    # A forger who also fixes the entry's own hash still breaks the next entry's link.
    event = AuditEvent.objects.get(seq=2)
    event.actor_label = "mallory@example.test"
    raw_sql("UPDATE {table} SET actor_label = %s, hash = %s WHERE seq = 2",
            event.actor_label, event.compute_hash())  # fmt: skip
    ok, out = verify()
    assert not ok and "entry 3: does not link to the entry before it" in out


def test_verify_audit_detects_a_deleted_entry_in_the_middle(chain):
    raw_sql("DELETE FROM {table} WHERE seq = %s", 3)
    ok, out = verify()
    assert not ok
    assert "entries 3..3 are missing" in out and "entry 4: does not link" in out


def test_verify_audit_detects_a_deleted_tail(chain):
    raw_sql("DELETE FROM {table} WHERE seq >= %s", 4)
    ok, out = verify()
    assert not ok
    assert "the log ends at 3 but the tip says 5" in out


def test_verify_audit_detects_a_deleted_first_entry(chain):
    raw_sql("DELETE FROM {table} WHERE seq = %s", 1)
    ok, out = verify()
    assert not ok and "entries 1..1 are missing" in out


def test_verify_audit_detects_a_deleted_tip_with_entries_left(chain):
    raw_sql("DELETE FROM {table} WHERE seq = %s", 5)
    AuditHead.objects.all().delete()
    ok, out = verify()
    assert not ok and "tip record is missing" in out


def test_many_entries_form_a_gapless_sequence(personas):
    for i in range(300):
        record(actor=None, action="test.bulk", obj=personas.emma, after={"i": i})
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 301))
    assert verify_chain() == []


def test_entry_rolled_back_with_its_action_leaves_no_gap(personas):
    record(actor=None, action="kept", obj=personas.emma)
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=None, action="rolled.back", obj=personas.emma)
        raise RuntimeError("the action failed")
    record(actor=None, action="kept.too", obj=personas.emma)
    assert list(AuditEvent.objects.values_list("seq", "action")) == [
        (1, "kept"),
        (2, "kept.too"),
    ]
    assert verify_chain() == []


def test_chain_restarts_cleanly_when_the_tip_row_is_missing(personas):
    # A flushed database (as in transactional tests) has no tip row until the first entry.
    AuditHead.objects.all().delete()
    record(actor=None, action="first", obj=personas.emma)
    assert AuditHead.objects.get(pk=1).seq == 1
    assert verify_chain() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(personas):
    """Real parallel writers; only PostgreSQL has the row locks this relies on."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row-lock race needs PostgreSQL")
    AuditHead.objects.get_or_create(pk=1)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(20):
                with transaction.atomic():
                    record(actor=None, action="test.parallel", obj=personas.emma,
                           after={"writer": n, "i": i})  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 81))
    assert verify_chain() == []
