"""Two imports of the same new results at the same moment: both succeed, one row each.

Real threads with their own connections on a committed database; the write is slowed
after it has looked for existing rows, so without the lock on the person both would find
none and collide on the unique (person, metric, date) constraint (on PostgreSQL; SQLite
serialises writers by itself).
"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.db import close_old_connections, connections

from homeward.evidence.actions import results, write_results
from homeward.evidence.models import ResultEntry
from homeward.evidence.results import ResultInput
from tests.concurrency import patiently


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_new_rows_at_once_both_succeed(personas, tickets, monkeypatch):
    real = results._existing

    def slow(inputs):  # type: ignore[no-untyped-def]
        found = real(inputs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(results, "_existing", slow)
    days = [date(2026, 10, d) for d in (5, 6, 7)]
    inputs = [
        ResultInput(line=i + 2, person=personas.emma, metric=tickets, day=d, value=20.0)
        for i, d in enumerate(days)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes[i] = patiently(
                lambda: write_results(inputs, actor=personas.marcus.user, source="csv")
            )()
        except Exception as exc:  # inspected below
            outcomes[i] = exc
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted((o.created, o.unchanged) for o in outcomes) == [(0, 3), (3, 0)]  # type: ignore[union-attr]
    assert ResultEntry.objects.filter(person=personas.emma, metric=tickets).count() == 3
