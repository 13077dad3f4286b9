import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from homeward.jobs import run_due_jobs


class Command(BaseCommand):
    help = "The background worker: runs due jobs (reminders, escalations) every interval."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        while True:
            done = run_due_jobs()
            if any(done.values()):
                self.stdout.write(f"jobs: {done}")
            if once:
                return
            time.sleep(settings.WORKER_INTERVAL_SECONDS)
