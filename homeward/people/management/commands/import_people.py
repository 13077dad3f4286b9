from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.people.importer import import_people


class Command(BaseCommand):
    help = "Import people from a CSV file: all rows or none; re-importing updates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        result = import_people(text, actor=None)
        if not result.ok:
            for line, problem in result.errors:
                self.stderr.write(f"line {line}: {problem}")
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in {file}.")
        self.stdout.write(f"Imported {file}: {result.created} created, {result.updated} updated.")
