"""The SQLite half of the cross-engine round trip, run in its own process by the test.

    DATABASE_URL=sqlite:///… python -m homeward.backups.tests.sqlite_side IN.zip OUT.json OUT.zip INSTANT

Migrates a new SQLite database, restores IN.zip into it, writes its fingerprint to OUT.json
and backs it up to OUT.zip, at the frozen INSTANT of the test that runs it.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path


def main(source: str, fingerprint_out: str, archive_out: str, instant: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings_test")
    import django
    import time_machine

    django.setup()
    from django.core.management import call_command

    from homeward.audit.actions import verify_chain
    from homeward.backups.archive import restore_backup, write_backup
    from homeward.backups.tests.fingerprint import fingerprint

    with time_machine.travel(datetime.fromisoformat(instant), tick=False):
        call_command("migrate", verbosity=0)
        restore_backup(Path(source))
        assert verify_chain() == []
        Path(fingerprint_out).write_text(json.dumps(fingerprint()))
        write_backup(Path(archive_out))


if __name__ == "__main__":
    main(*sys.argv[1:5])
