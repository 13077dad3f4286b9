import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from homeward.demo import DEMO_LOGINS, print_logins
from homeward.people.models import Person


class Command(BaseCommand):
    help = "Start the web server and the background worker together (development and demos)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        if Person.objects.filter(user__email=DEMO_LOGINS[0].email).exists():
            print_logins(self.stdout.write)
        self.stdout.write(f"Homeward at http://{addrport}/  (Ctrl-C stops it)")
        worker = subprocess.Popen([sys.executable, "-m", "homeward", "worker"])
        # Stopped with SIGTERM (a service manager, `kill`), still stop the worker on the way out.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
