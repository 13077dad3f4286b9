"""The REST API at /api/v1/: authentication, access rules, schema and JSON errors."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from homeward.accounts.actions import create_token, revoke_token
from homeward.api.auth import ActiveSessionAuth
from homeward.people.actions import set_active

PRIVATE = ["roles", "jurisdiction", "start_date", "commute_km", "commute_minutes", "commute_mode"]
UNSAFE = {"post", "put", "patch", "delete"}


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def token_for(person) -> str:  # type: ignore[no-untyped-def]
    return create_token(user=person.user, name="test")[1]


@pytest.mark.parametrize("path", ["/api/v1/people", "/api/v1/people/1", "/api/v1/teams"])
def test_without_credentials_the_api_answers_401_in_json(client, personas, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Bearer" in response.json()["detail"]


def test_bearer_token_authenticates(client, personas):
    response = client.get("/api/v1/people", **bearer(token_for(personas.emma)))
    assert response.status_code == 200
    names = {p["name"] for p in response.json()}
    assert {"Emma", "Marcus", "Oscar", "Hannah"} <= names


@pytest.mark.parametrize("header", ["Bearer hw_not-a-real-token", "Bearer ", "Token abc", "hw_x"])
def test_bad_tokens_are_refused(client, personas, header):
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and "detail" in response.json()


def test_revoked_token_is_refused(client, personas):
    token, raw = create_token(user=personas.emma.user, name="x")
    revoke_token(user=personas.emma.user, token_id=token.pk)
    assert client.get("/api/v1/people", **bearer(raw)).status_code == 401


def test_token_of_a_deactivated_person_is_refused(client, personas):
    raw = token_for(personas.pete)
    assert client.get("/api/v1/people", **bearer(raw)).status_code == 200
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    assert client.get("/api/v1/people", **bearer(raw)).status_code == 401


def test_a_script_without_session_cookie_is_not_asked_for_csrf(rf, db):
    # A script whose token was refused falls through to session auth; with no session
    # cookie there is nothing to forge, so the answer is 401 "send a valid token", not 403.
    request = rf.post("/api/v1/people", HTTP_AUTHORIZATION="Bearer hw_revoked")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert ActiveSessionAuth()(request) is None


def test_browser_session_authenticates(personas):
    response = personas.client(personas.emma).get("/api/v1/teams")
    assert response.status_code == 200


def test_deactivated_session_is_refused(personas):
    client = personas.client(personas.pete)
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    assert client.get("/api/v1/teams").status_code == 401


def test_session_auth_enforces_csrf_on_unsafe_methods(rf, personas):
    """Checked on the authenticator itself, so it holds for every endpoint added later."""
    auth = ActiveSessionAuth()
    cookie = {settings.SESSION_COOKIE_NAME: "anything"}

    def request(method: str, **extra: str):  # type: ignore[no-untyped-def]
        req = getattr(rf, method)("/api/v1/people", **extra)
        req.COOKIES.update(cookie)
        req.user = personas.emma.user
        return req

    assert auth(request("get")) == personas.emma.user
    from ninja.errors import HttpError

    with pytest.raises(HttpError) as refused:
        auth(request("post"))
    assert refused.value.status_code == 403
    # With the CSRF cookie and the matching header, the same request passes.
    token = "a" * 32
    req = request("post", HTTP_X_CSRFTOKEN=token)
    req.COOKIES[settings.CSRF_COOKIE_NAME] = token
    assert auth(req) == personas.emma.user


def unsafe_operations(client: Client) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if method in UNSAFE
    ]


def test_unsafe_endpoints_refuse_a_session_without_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.emma.user)
    operations = unsafe_operations(client)
    assert operations, "the schema lists the API's POST/PUT/PATCH/DELETE endpoints"
    for method, path in operations:
        url = re.sub(r"\{[^}]+\}", "1", path)  # any id: CSRF is checked before the lookup
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 403, (method, path, response.content)
        assert "CSRF" in response.json()["detail"]


def test_directory_hides_deactivated_people_except_from_hr(client, personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    emma = {
        p["name"] for p in client.get("/api/v1/people", **bearer(token_for(personas.emma))).json()
    }
    hr = {
        p["name"] for p in client.get("/api/v1/people", **bearer(token_for(personas.hannah))).json()
    }
    assert "Pete" not in emma and "Pete" in hr
    path = f"/api/v1/people/{personas.pete.pk}"
    assert client.get(path, **bearer(token_for(personas.emma))).status_code == 404
    assert client.get(path, **bearer(token_for(personas.hannah))).status_code == 200


def test_people_list_shows_no_private_fields(client, personas):
    rows = client.get("/api/v1/people", **bearer(token_for(personas.hannah))).json()
    assert rows and all(set(PRIVATE).isdisjoint(row) for row in rows)


def test_people_list_filters_and_pages(client, personas):
    raw = token_for(personas.emma)
    assert [p["name"] for p in client.get("/api/v1/people?q=mar", **bearer(raw)).json()] == [
        "Marcus"
    ]
    everyone = client.get("/api/v1/people", **bearer(raw)).json()
    page = client.get("/api/v1/people?limit=2&offset=1", **bearer(raw)).json()
    assert page == everyone[1:3]
    assert len(client.get("/api/v1/people?limit=0", **bearer(raw)).json()) == 1


@pytest.mark.parametrize("viewer", ["oscar", "pete", "olivia"])
def test_person_details_are_private_from_outsiders(client, personas, viewer):
    raw = token_for(getattr(personas, viewer))
    body = client.get(f"/api/v1/people/{personas.emma.pk}", **bearer(raw)).json()
    assert body["name"] == "Emma" and body["email"] == "emma@example.test"
    assert all(body[field] is None for field in PRIVATE)


@pytest.mark.parametrize("viewer", ["emma", "marcus", "diana", "hannah"])
def test_person_details_show_to_self_manager_line_and_hr(client, personas, viewer):
    raw = token_for(getattr(personas, viewer))
    body = client.get(f"/api/v1/people/{personas.emma.pk}", **bearer(raw)).json()
    assert body["jurisdiction"] == "GB" and body["commute_km"] == 20.0
    assert body["commute_minutes"] == 40 and body["commute_mode"] == "car"
    assert body["start_date"] == "2020-01-06" and body["roles"] == ["employee"]
    assert body["manager_id"] == personas.marcus.pk


def test_teams_lists_every_team_with_active_member_counts(client, personas):
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    teams = client.get("/api/v1/teams", **bearer(token_for(personas.oscar))).json()
    counts = {t["name"]: t["members"] for t in teams}
    assert counts == {"Support": 3, "Sales": 2, "People": 1}
    assert all(set(t) == {"id", "name", "parent_id", "members"} for t in teams)


def test_openapi_schema_is_json_with_the_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/people", "/api/v1/people/{person_id}", "/api/v1/teams"} <= set(schema["paths"])
    assert "BearerAuth" in json.dumps(schema["components"]["securitySchemes"]) or (
        "bearer" in json.dumps(schema["components"]["securitySchemes"]).lower()
    )


def test_docs_page_renders_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "/api/v1/openapi.json" in html
    # Self-hosted: the page must not load scripts or styles from the internet.
    assert "cdn." not in html and "https://" not in html


def test_missing_person_is_a_json_404(client, personas):
    response = client.get("/api/v1/people/999999", **bearer(token_for(personas.emma)))
    assert response.status_code == 404
    assert response.json() == {"detail": "No such person."}


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/", "/api/v2/people"])
def test_unknown_api_paths_are_json_404s(client, personas, path):
    response = client.get(path, **bearer(token_for(personas.emma)))
    assert response.status_code == 404
    assert "No such API endpoint" in response.json()["detail"]


def test_wrong_method_is_a_json_405(client, personas):
    response = client.delete("/api/v1/teams", **bearer(token_for(personas.emma)))
    assert response.status_code == 405
    assert response.json()["detail"] == "DELETE is not allowed here; allowed: GET."
    assert response["Allow"] == "GET"


def test_invalid_parameters_are_a_json_422(client, personas):
    response = client.get("/api/v1/people/abc", **bearer(token_for(personas.emma)))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "person_id"]
