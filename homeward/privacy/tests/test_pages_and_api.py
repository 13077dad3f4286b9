"""Download my data (JSON, PDF) from the profile and the API; HR's erase page and API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from homeward.accounts.actions import create_token
from homeward.notify.actions import notify
from homeward.privacy.models import Erasure
from homeward.privacy.tests.conftest import DRAFT_SECRET, SECRET


def bearer(who) -> dict[str, str]:  # type: ignore[no-untyped-def]
    user = getattr(who, "user", who)
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, name='t')[1]}"}


def sections(document: dict) -> dict[tuple[str, str], list]:  # type: ignore[type-arg]
    return {(s["model"], s["role"]): s["rows"] for s in document["sections"]}


def test_the_profile_offers_the_download_and_the_json_holds_her_data(personas, emma_data):
    client = personas.client(personas.emma)
    assert "/privacy/me/data.pdf" in client.get("/accounts/profile/").content.decode()
    response = client.get("/privacy/me/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["subject"] == {
        "name": "Emma", "email": "emma@example.test", "person_id": personas.emma.pk,
    }  # fmt: skip
    rows = sections(document)
    assert rows[("people.person", "about")][0]["commute_km"] == "20.0"
    assert {p["outage_plan"] for p in rows[("proposals.proposal", "about")]} == {
        SECRET, DRAFT_SECRET,
    }  # fmt: skip
    assert rows[("accounts.apitoken", "about")][0]["name"] == "Emma's laptop"
    assert "token_hash" not in rows[("accounts.apitoken", "about")][0]
    assert [n["subject"] for n in rows[("notify.notification", "about")]] == [
        "Your request was approved"
    ]
    # Nobody else's data: not a peer's address, not the manager's notifications.
    text = response.content.decode()
    assert "pete@example.test" not in text and "Emma sent a request" not in text


def test_the_pdf_is_made_and_fetches_nothing(personas, emma_data):
    """Text that looks like HTML pointing at a local server is printed, never fetched."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/x.png"
    try:
        notify(recipient=personas.emma, subject="Look", email=False,
               body=f'<img src="{url}"><link rel="stylesheet" href="{url}">')  # fmt: skip
        response = personas.client(personas.emma).get("/privacy/me/data.pdf")
    finally:
        server.shutdown()
        server.server_close()
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    assert hits == []


def test_the_api_gives_the_same_document_and_the_pdf_with_a_token(client, personas, emma_data):
    response = client.get("/api/v1/me/data", **bearer(personas.emma))
    assert response.status_code == 200
    rows = sections(response.json())
    assert rows[("people.person", "about")][0]["name"] == "Emma"
    pdf = client.get("/api/v1/me/data.pdf", **bearer(personas.emma))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/api/v1/me/data").status_code == 401


def test_an_administrator_without_an_employee_record_gets_their_account(client, personas):
    document = client.get("/api/v1/me/data", **bearer(personas.root)).json()
    assert document["subject"]["email"] == "root@example.test"
    assert document["subject"]["person_id"] is None
    assert sections(document)[("accounts.user", "about")][0]["is_superuser"] is True


def test_hr_sees_what_is_kept_confirms_and_erases(personas, emma_data):
    hannah = personas.client(personas.hannah)
    person_page = hannah.get(f"/people/{personas.emma.pk}/").content.decode()
    assert f"/privacy/people/{personas.emma.pk}/erase/" in person_page
    url = f"/privacy/people/{personas.emma.pk}/erase/"
    page = hannah.get(url).content.decode()
    kept = emma_data["kept"]
    assert "What will be kept" in page and f"Request #{kept.pk}" in page
    assert "WLB Act 2023 s.28" in page and "kept until" in page

    unconfirmed = hannah.post(url)
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.content.decode()
    assert not Erasure.objects.exists()

    done = hannah.post(url, {"confirm": "1"})
    assert done.status_code == 302 and done["Location"] == url
    assert Erasure.objects.filter(person=personas.emma).exists()
    after = hannah.get(url).content.decode()
    assert "was erased on" in after and "Held with those records: Emma" in after
    assert "Personal data erased on" in hannah.get(f"/people/{personas.emma.pk}/").content.decode()


def test_the_erase_page_is_hrs_and_refuses_what_hr_may_not_do(personas):
    assert (
        personas.client(personas.emma).get(f"/privacy/people/{personas.pete.pk}/erase/").status_code
        == 403
    )
    assert (
        personas.client(personas.marcus)
        .post(f"/privacy/people/{personas.emma.pk}/erase/", {"confirm": "1"})
        .status_code
        == 403
    )
    hannah = personas.client(personas.hannah)
    own = hannah.get(f"/privacy/people/{personas.hannah.pk}/erase/").content.decode()
    assert "their own personal data" in own and 'name="confirm"' not in own
    assert (
        hannah.post(f"/privacy/people/{personas.diana.pk}/erase/", {"confirm": "1"}).status_code
        == 403
    )
    blocked = hannah.get(f"/privacy/people/{personas.marcus.pk}/erase/").content.decode()
    assert "Before it can be done" in blocked and 'name="confirm"' not in blocked
    assert hannah.get("/privacy/people/999999/erase/").status_code == 404
    assert not Erasure.objects.exists()


def test_the_erasure_api(client, personas, emma_data):
    hr = bearer(personas.hannah)
    url = f"/api/v1/people/{personas.emma.pk}/erasure"
    shown = client.get(url, **hr).json()
    assert shown["may_erase"] is True and shown["erased"] is False
    assert shown["kept"][0]["proposal_id"] == emma_data["kept"].pk
    assert shown["keep_until"] == shown["kept"][0]["until"]

    refused = client.post(url, data={"confirm": False}, content_type="application/json", **hr)
    assert refused.status_code == 422 and "confirm" in refused.json()["detail"]
    by_emma = client.post(
        f"/api/v1/people/{personas.pete.pk}/erasure", data={"confirm": True},
        content_type="application/json", **bearer(personas.pete),
    )  # fmt: skip
    assert by_emma.status_code == 403
    blocked = client.post(
        f"/api/v1/people/{personas.marcus.pk}/erasure", data={"confirm": True},
        content_type="application/json", **hr,
    )  # fmt: skip
    assert blocked.status_code == 422 and "manage" in str(blocked.json()["detail"])
    assert not Erasure.objects.exists()

    done = client.post(url, data={"confirm": True}, content_type="application/json", **hr)
    assert done.status_code == 200
    assert done.json()["erased"] is True and done.json()["completed_at"] is None
    again = client.post(url, data={"confirm": True}, content_type="application/json", **hr)
    assert again.status_code == 422
