from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.audit.actions import verify_chain
from homeward.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exits non-zero if any entry was edited or deleted."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        if problems:
            for p in problems:
                self.stderr.write(f"entry {p.seq}: {p.problem}")
            raise CommandError(f"The audit log has {len(problems)} problem(s).")
        self.stdout.write(f"Audit log intact: {AuditEvent.objects.count()} entries verified.")
