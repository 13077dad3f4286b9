from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.demo import build_demo, print_logins
from homeward.people.models import Person


class Command(BaseCommand):
    help = "Build the deterministic demo organisation in an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=120)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database has people."
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not list the demo logins (`homeward serve` lists them as it starts).",
        )

    def handle(
        self, *args: Any, people: int, seed: int, if_empty: bool, no_logins: bool, **options: Any
    ) -> None:
        if if_empty and Person.objects.exists():
            self.stdout.write("The database already has people; demo not rebuilt.")
            return
        if not 12 <= people <= 50_000:
            raise CommandError("--people must be between 12 and 50000.")
        try:
            counts = build_demo(people=people, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Demo organisation built: {counts['people']} people (seed {seed}).")
        if not no_logins:
            print_logins(self.stdout.write)
