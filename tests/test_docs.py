"""The README and the guides stay true: every setting, command and screenshot they rely on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
GUIDES = ["employee", "manager", "hr", "admin"]


def test_readme_documents_every_environment_variable_the_settings_read():
    settings = (ROOT / "homeward" / "settings.py").read_text()
    variables = set(re.findall(r'"((?:HOMEWARD_[A-Z_]+)|DATABASE_URL)"', settings))
    assert "HOMEWARD_SECRET_KEY" in variables and "DATABASE_URL" in variables
    missing = sorted(v for v in variables if f"`{v}`" not in README)
    assert missing == []


@pytest.mark.parametrize(
    "command",
    ["demo", "serve", "worker", "import-people", "createadmin", "create-token", "verify-audit",
     "evidence", "migrate", "runserver", "shell", "backup", "restore"],
)  # fmt: skip
def test_readme_documents_each_homeward_command_and_it_exists(command):
    assert f"`homeward {command}" in README
    assert command.replace("-", "_") in get_commands()


def test_readme_lists_the_demo_logins():
    from homeward.demo import DEMO_LOGINS, DEMO_PASSWORD

    assert f"`{DEMO_PASSWORD}`" in README
    for login in DEMO_LOGINS:
        assert login.name in README and f"`{login.email}`" in README


@pytest.mark.parametrize("guide", GUIDES)
def test_each_role_has_a_guide_whose_links_and_pictures_exist(guide):
    path = ROOT / "docs" / f"{guide}.md"
    assert f"docs/{guide}.md" in README
    text = path.read_text()
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if not target.startswith(("http://", "https://")):
            assert (path.parent / target).exists(), f"{guide}.md links to missing {target}"
