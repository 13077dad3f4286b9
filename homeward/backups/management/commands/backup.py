from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.backups.archive import BackupError, write_backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE: a portable archive that `homeward restore` reads into SQLite or PostgreSQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="Where to write the archive (e.g. homeward-2026-12-01.zip)."
        )

    def handle(self, *args: Any, file: Path, verbosity: int, **options: Any) -> None:
        if file.is_dir():
            raise CommandError(f"{file} is a folder; give the archive's file name.")
        if not file.parent.exists():
            raise CommandError(f"The folder {file.parent} does not exist.")
        report = self.stdout.write if verbosity >= 2 else None
        try:
            summary = write_backup(file, report=report)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = file.stat().st_size
        self.stdout.write(
            f"Backed up {summary.rows} rows from {summary.tables} tables to {file} ({size:,} bytes)."
        )
