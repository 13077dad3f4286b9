"""The house rules that the code's shape must keep (the import layers are `make lint`'s).

- Every page's view has an HTTP-method decorator: asked with a method it does not serve, it
  answers 405 before doing anything (so a GET never reaches a state change, and a new view
  without one fails here).
- Migrations never import the project's live code: what a migration does must not change
  when the code it once ran with does (its data is frozen in the migration).
- No ``except ImportError`` in the project: every app is always installed.
- No module under ``homeward/`` (tests included, migrations excepted) is over 600 lines: a
  module that grows past it becomes a package, one module per topic.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent / "homeward"


def _views(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api":
                continue  # django-ninja routes by method itself (the walk checks it answers 405)
            yield from _views(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


PAGES = sorted(_views(get_resolver()), key=lambda v: v[0])


@pytest.mark.parametrize(("route", "pattern"), PAGES, ids=[route for route, _ in PAGES])
def test_every_view_refuses_a_method_it_does_not_serve(route, pattern):
    kwargs = {name: "1" for name in pattern.pattern.converters}
    request = RequestFactory().generic("TRACE", "/" + route)
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = pattern.callback(request, **kwargs)
    assert response.status_code == 405, f"/{route}: add require_GET, require_POST or similar"


def _python_files(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "static" not in p.parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
    return names


# Django records the user model's manager by reference, as its own auth migration does; it
# runs no code of ours (no migration calls it).
MIGRATION_IMPORTS_ALLOWED = {("accounts/migrations/0001_initial.py", "homeward.accounts.models")}


def test_migrations_import_no_project_code():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _python_files(ROOT)
        if "migrations" in path.parts
        for name in _imports(path)
        if (name == "homeward" or name.startswith("homeward."))
        and (str(path.relative_to(ROOT)), name) not in MIGRATION_IMPORTS_ALLOWED
    ]
    assert offenders == []


def test_no_import_error_guards():
    offenders = []
    for path in _python_files(ROOT):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = ast.unparse(node.type)
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    offenders.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert offenders == []


MAX_LINES = 600


def test_no_module_over_600_lines():
    offenders = [
        f"{path.relative_to(ROOT.parent)}: {lines} lines"
        for path in _python_files(ROOT)
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert offenders == [], f"split these into packages (at most {MAX_LINES} lines a module)"
