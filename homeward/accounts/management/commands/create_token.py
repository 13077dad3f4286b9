from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.accounts.actions import create_token
from homeward.accounts.models import User


class Command(BaseCommand):
    help = "Print a new personal access token for a user's scripts (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        user = User.objects.filter(email=email.lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {email}.")
        _token, raw = create_token(user=user, name=name)
        self.stdout.write(raw)
