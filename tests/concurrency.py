"""Racing two writers in tests: real threads with their own connections.

SQLite: the test database is in memory with a shared cache, where a writer that finds the
database busy is told "table is locked" at once instead of waiting out the busy timeout as
it does on the file database the app uses. ``patiently`` does that waiting, so the second
writer then runs exactly as it would in production: after the first has committed.
"""

from __future__ import annotations

import time

from django.db import OperationalError, connection


def patiently(call):  # type: ignore[no-untyped-def]
    """Wait for SQLite's shared-cache lock like the busy timeout would (see above)."""
    if connection.vendor != "sqlite":
        return call

    def run():  # type: ignore[no-untyped-def]
        give_up = time.monotonic() + 20
        while True:
            try:
                return call()
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    raise
                time.sleep(0.02)

    return run
