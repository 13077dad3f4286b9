"""The ``homeward`` command: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "homeward"
    if len(argv) > 1 and not argv[1].startswith("-"):
        # `homeward import-people` runs the `import_people` command.
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
