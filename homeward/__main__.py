"""The ``homeward`` command: Django's management commands under one name."""

import os
import secrets
import sys

# Commands that sign nothing, serve nothing and touch no database, with the app that holds
# each: they run anywhere, even where the production secret key is not configured (e.g. an
# analyst's laptop), and without loading the apps (django.setup() imports every app's
# models, pages and demo data: about half a second at best, and most of a cold start).
OFFLINE_COMMANDS = {"evidence": "homeward.evidence"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    from django.core.management import execute_from_command_line, load_command_class

    argv = list(sys.argv)
    argv[0] = "homeward"
    if len(argv) > 1 and not argv[1].startswith("-"):
        # `homeward import-people` runs the `import_people` command.
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] in OFFLINE_COMMANDS:
        # A throwaway key for this process only: settings insist on one outside debug mode.
        os.environ.setdefault("HOMEWARD_SECRET_KEY", secrets.token_urlsafe(50))
        load_command_class(OFFLINE_COMMANDS[argv[1]], argv[1]).run_from_argv(argv)
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
