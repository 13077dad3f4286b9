import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from homeward.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create an administrator (password from --password, HOMEWARD_ADMIN_PASSWORD, or a prompt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", default=None)

    def handle(self, *args: Any, email: str, password: str | None, **options: Any) -> None:
        password = password or os.environ.get("HOMEWARD_ADMIN_PASSWORD")
        if not password:
            if not os.isatty(0):
                raise CommandError(
                    "Give --password or HOMEWARD_ADMIN_PASSWORD when not interactive."
                )
            password = getpass.getpass("Password: ")
        if User.objects.filter(email=email.lower()).exists():
            raise CommandError(f"{email} already exists.")
        try:
            validate_password(password, User(email=email.lower()))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        User.objects.create_superuser(email, password)
        self.stdout.write(f"Administrator {email.lower()} created.")
