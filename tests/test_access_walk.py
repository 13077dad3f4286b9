"""Walk every URL the project serves: anonymous users are refused, and no GET changes state.

The URL list comes from Django's resolver, so pages and API endpoints added later are
walked automatically. Only the public allow-list below is written by hand: adding a
public page means adding it here, on purpose.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from homeward.accounts.actions import create_token
from homeward.notify.actions import notify

# Pages anyone may open without signing in (URL names, with their namespace).
PUBLIC = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:oidc_login",  # single sign-on: 404 unless configured
    "accounts:oidc_callback",
    "healthz",
    "livez",
    "readyz",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",  # ninja's root only answers 404 pointing at the docs
}
LOGIN = "/accounts/login/"
# Path parameters that name an object by number even when the converter is a string
# (django-ninja routes use plain <name> segments).
ID_NAME = re.compile(r"(^|_)(id|pk)$")
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
PERSONAS = ["emma", "marcus", "hannah", "root", "oscar"]  # employee, manager, HR, admin, outsider


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, or "" when unnamed
    route: str  # the pattern, e.g. "people/<int:pk>/"
    params: tuple[tuple[str, str], ...]  # (name, kind) with kind int/str/slug/uuid/path

    @property
    def public(self) -> bool:
        return self.name in PUBLIC

    def __str__(self) -> str:
        return f"{self.name or '(unnamed)'} /{self.route}"


def _kind(converter: Any, name: str) -> str:
    if isinstance(converter, IntConverter) or ID_NAME.search(name):
        return "int"
    for cls, kind in ((UUIDConverter, "uuid"), (SlugConverter, "slug"), (PathConverter, "path")):
        if isinstance(converter, cls):
            return kind
    return "str"


def _routes(resolver: URLResolver, prefix: str = "", ns: str = "") -> Iterator[Route]:
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, RegexPattern):
            text = pattern.regex.pattern.lstrip("^").rstrip("$")
            if pattern.regex.groups:
                # A regex with groups cannot be filled generically: say so instead of skipping.
                raise AssertionError(f"access walk cannot fill regex {text!r}: use path()")
            text = text.replace("\\", "")
            converters: dict[str, Any] = {}
        else:
            assert isinstance(pattern, RoutePattern)
            text, converters = str(pattern), dict(pattern.converters)
        if isinstance(entry, URLResolver):
            inner = f"{ns}{entry.namespace}:" if entry.namespace else ns
            for route in _routes(entry, prefix + text, inner):
                yield Route(
                    route.name,
                    route.route,
                    tuple((n, _kind(converters.get(n), n)) for n in converters) + route.params,
                )
        else:
            assert isinstance(entry, URLPattern)
            params = tuple((n, _kind(c, n)) for n, c in converters.items())
            yield Route(f"{ns}{entry.name}" if entry.name else "", prefix + text, params)


ROUTES = list(_routes(get_resolver()))
SAMPLES = {
    "str": "sample",
    "slug": "sample-slug",
    "uuid": str(uuid.UUID(int=1)),
    "path": "sample/path",
}


def _fill(route: Route, values: dict[str, Any]) -> str:
    def one(match: re.Match[str]) -> str:
        return str(values[match.group("name")])

    return "/" + PARAM.sub(one, route.route)


def urls_for(route: Route, ids: list[int]) -> list[str]:
    """Plausible values for the route's parameters: each id parameter takes every id while the
    others stay at the first (all of them at once for two or more: the walk stays linear)."""
    names = [name for name, _kind in route.params]
    base = {name: ids[0] if kind == "int" else SAMPLES[kind] for name, kind in route.params}
    combos = [base]
    for name, kind in route.params:
        if kind == "int":
            combos += [{**base, name: value} for value in ids]
    if sum(kind == "int" for _name, kind in route.params) > 1:
        combos += [{**base, **{n: v for n in names if base[n] == ids[0]}} for v in ids]
    return sorted({_fill(route, combo) for combo in combos})


@pytest.fixture
def world(personas):  # type: ignore[no-untyped-def]
    """The personas plus a row in the foundation tables, so every table has something to lose."""
    create_token(user=personas.emma.user, name="script")
    notify(recipient=personas.emma, subject="Welcome", body="Hello", url="/", email=False)
    return personas


def first_ids() -> set[int]:
    """The first row of every table (most fixtures make one of each) and 1."""
    ids = {1}
    for model in state_models():
        first = model._base_manager.order_by("pk").values_list("pk", flat=True).first()
        if isinstance(first, int):
            ids.add(first)
    return ids


def ids_for(world, who: str, common: set[int]) -> list[int]:  # type: ignore[no-untyped-def]
    """Primary keys worth trying as ``who``: their own person and user, and ``common``."""
    me = getattr(world, who)
    return sorted(common | {me.pk, getattr(me, "user", me).pk})


def state_models() -> list[Any]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def snapshot() -> dict[str, Any]:
    """Row count of every table and a digest of all its rows (sessions: count only)."""
    state: dict[str, Any] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in state_models():
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            if model is Session:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
                state[model._meta.label] = cursor.fetchone()[0]
                continue
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608
            rows = cursor.fetchall()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            state[model._meta.label] = (len(rows), digest)
    return state


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]


def get(client: Client, url: str, who: str, **headers: str):  # type: ignore[no-untyped-def]
    try:
        return client.get(url, **headers)
    except Exception as exc:  # a 500 in production
        raise AssertionError(f"GET {url} as {who} raised {exc!r}") from exc


def test_the_walk_sees_every_part_of_the_project():
    names = {r.name for r in ROUTES}
    for expected in ["home", "people:detail", "accounts:token_revoke", "api:get_person"]:
        assert expected in names
    # The allow-list names real pages only; a stale entry would hide a mistake.
    assert names >= PUBLIC


UNSAFE = ["post", "put", "patch", "delete"]


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.public], ids=str)
def test_anonymous_users_are_refused(client, world, route):
    before = snapshot()
    for url in urls_for(route, [world.emma.pk]):
        if url.startswith("/api/"):
            # Every method: 401 in JSON where the endpoint answers it, 405 where it does not.
            answers = {"get": get(client, url, "anonymous")}
            for method in UNSAFE:
                answers[method] = getattr(client, method)(
                    url, data="{}", content_type="application/json"
                )
            codes = {method: r.status_code for method, r in answers.items()}
            assert set(codes.values()) <= {401, 405} and 401 in codes.values(), (url, codes)
            assert all("detail" in r.json() for r in answers.values())
        else:
            # Reading and writing are both sent to the sign-in page before any view code runs.
            for response in (get(client, url, "anonymous"), client.post(url)):
                assert response.status_code == 302, (url, response.status_code)
                assert response["Location"].startswith(f"{LOGIN}?next="), url
    assert changed(before, snapshot()) == []


@pytest.mark.parametrize("route", [r for r in ROUTES if r.public], ids=str)
def test_public_pages_open_without_sign_in(client, world, route):
    for url in urls_for(route, [1]):
        response = get(client, url, "anonymous")
        assert response.status_code < 500 and response.status_code != 401, url
        assert not response.get("Location", "").startswith(LOGIN), url


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_no_get_changes_state_or_fails(world, route):
    common = first_ids()
    clients = {who: world.client(getattr(world, who)) for who in PERSONAS}  # signs in: writes
    before = snapshot()
    for who, client in clients.items():
        for url in urls_for(route, ids_for(world, who, common)):
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = get(client, url, who, **headers)
                assert response.status_code < 500, (url, who, response.status_code)
        after = snapshot()
        assert changed(before, after) == [], f"a GET of {route} as {who} changed state"
        before = after


def test_the_snapshot_notices_an_update_that_keeps_row_counts(world):
    """The walker can fail: changing one field of one row is seen, not only new rows."""
    from homeward.notify.actions import mark_read

    before = snapshot()
    assert mark_read(recipient=world.emma) == 1
    assert changed(before, snapshot()) == ["notify.Notification"]
