"""Pages: the catalogue, the policy editor, a proposal's concerns and the safety check."""

from __future__ import annotations

import pytest

from homeward.concerns.models import ConcernItem, ItemState
from homeward.policy.safety import ITEMS

HX = {"HTTP_HX_REQUEST": "true"}


def item(proposal, key):  # type: ignore[no-untyped-def]
    return proposal.concern_items.get(concern__key=key)


@pytest.mark.parametrize("who", ["emma", "marcus", "diana", "hannah"])
def test_the_concerns_page_shows_open_and_blocking_at_a_glance(personas, proposal, who):
    response = personas.client(getattr(personas, who)).get(
        f"/policy/proposals/{proposal.pk}/concerns/"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body.lower()
    assert "11 open</strong> of 24" in body
    assert "Approval waits for" in body
    assert "Own broadband, with a £20 monthly stipend." in body


@pytest.mark.parametrize("who", ["oscar", "pete", "olivia"])
def test_outsiders_get_404_on_a_proposals_concerns(personas, proposal, who):
    client = personas.client(getattr(personas, who))
    assert client.get(f"/policy/proposals/{proposal.pk}/concerns/").status_code == 404
    noise = item(proposal, "background_noise")
    assert client.post(f"/policy/items/{noise.pk}/message/", {"body": "hi"}).status_code == 404
    assert client.get(f"/policy/proposals/{proposal.pk}/safety/").status_code == 404


def test_htmx_gets_the_fragment(personas, proposal):
    response = personas.client(personas.marcus).get(
        f"/policy/proposals/{proposal.pk}/concerns/", **HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="concerns-panel">') and "<html" not in body.lower()


def test_the_manager_raises_and_resolves_through_htmx(personas, proposal):
    marcus = personas.client(personas.marcus)
    response = marcus.post(
        f"/policy/proposals/{proposal.pk}/concerns/raise/",
        {"question": "Who covers Tuesdays?", "blocking": "on"},
        **HX,
    )
    assert response.status_code == 200 and "Who covers Tuesdays?" in response.content.decode()
    raised = ConcernItem.objects.get(question="Who covers Tuesdays?")
    emma = personas.client(personas.emma)
    emma.post(f"/policy/items/{raised.pk}/message/", {"body": "Pete does.", "kind": "answer"}, **HX)
    raised.refresh_from_db()
    assert raised.state == ItemState.AWAITING_MANAGER
    response = marcus.post(f"/policy/items/{raised.pk}/resolve/", {"note": "Fine."}, **HX)
    raised.refresh_from_db()
    assert raised.state == ItemState.RESOLVED
    # A reply to the resolved thread is refused inside the fragment (200, so htmx swaps it).
    response = emma.post(f"/policy/items/{raised.pk}/message/", {"body": "Thanks"}, **HX)
    assert response.status_code == 200
    assert "replies are closed" in response.content.decode()


def test_without_htmx_actions_redirect_back_with_a_message(personas, proposal):
    noise = item(proposal, "background_noise")
    emma = personas.client(personas.emma)
    response = emma.post(f"/policy/items/{noise.pk}/message/", {"body": "Headset."})
    assert response.status_code == 302
    assert response["Location"] == f"/policy/proposals/{proposal.pk}/concerns/#concern-{noise.pk}"
    response = emma.post(f"/policy/items/{noise.pk}/resolve/", follow=True)
    assert "Nobody resolves a concern on their own proposal." in response.content.decode()
    response = personas.client(personas.marcus).post(
        f"/policy/items/{noise.pk}/reopen/", {"reason": ""}, follow=True
    )
    assert "Say why you reopen it." in response.content.decode()


def test_the_employee_sees_answer_forms_and_the_manager_sees_resolve(personas, proposal):
    emma = personas.client(personas.emma).get(f"/policy/proposals/{proposal.pk}/concerns/")
    marcus = personas.client(personas.marcus).get(f"/policy/proposals/{proposal.pk}/concerns/")
    assert (
        "Send answer" in emma.content.decode() and "Resolve</button>" not in emma.content.decode()
    )
    body = marcus.content.decode()
    assert "Resolve</button>" in body and "Raise a concern of your own" in body
    assert "Raise a concern of your own" not in emma.content.decode()


def test_the_employee_completes_the_safety_check_and_a_no_raises_a_concern(personas, proposal):
    url = f"/policy/proposals/{proposal.pk}/safety/"
    emma = personas.client(personas.emma)
    assert "Part B: workstation ergonomics" in emma.get(url).content.decode()
    data = {i.key: "yes" for i in ITEMS}
    data["cords_secured"] = "no"
    response = emma.post(url, data)
    assert response.status_code == 302
    ergonomics = item(proposal, "ergonomics")
    assert ergonomics.state == ItemState.REOPENED and ergonomics.blocking
    assert personas.client(personas.marcus).post(url, data).status_code == 403
    page = personas.client(personas.marcus).get(url).content.decode()
    assert "1 item need" in page and "cords are secured" in page


def test_an_incomplete_safety_check_is_refused(personas, proposal):
    response = personas.client(personas.emma).post(
        f"/policy/proposals/{proposal.pk}/safety/", {"environment": "yes"}
    )
    assert response.status_code == 400 and "Please answer every item." in response.content.decode()


def test_hr_home_shows_policy_status_and_concerns_awaiting_hr(personas, proposal):
    body = personas.client(personas.hannah).get("/").content.decode()
    assert "Policy and concerns" in body
    assert "v1 published" in body
    assert "5</strong> concerns await HR or IT" in body
    assert "Policy and concerns" not in personas.client(personas.emma).get("/").content.decode()


def test_the_concerns_page_links_the_decider_to_the_decision(personas, proposal):
    url = f"/policy/proposals/{proposal.pk}/concerns/"
    body = personas.client(personas.marcus).get(url).content.decode()
    assert f'href="/decisions/proposals/{proposal.pk}/">Decide on this proposal</a>' in body
    body = personas.client(personas.emma).get(url).content.decode()
    assert "Decide on this proposal" not in body
    assert f'href="/decisions/proposals/{proposal.pk}/">The decision page</a>' in body


def test_what_people_write_is_escaped_everywhere_it_is_shown(personas, proposal):
    evil = '<script>alert("x")</script>'
    marcus = personas.client(personas.marcus)
    marcus.post(f"/policy/proposals/{proposal.pk}/concerns/raise/", {"question": evil})
    raised = ConcernItem.objects.get(raised_by=personas.marcus)
    personas.client(personas.emma).post(f"/policy/items/{raised.pk}/message/", {"body": evil})
    for client in (marcus, personas.client(personas.hannah)):
        for path in (f"/policy/proposals/{proposal.pk}/concerns/", "/"):
            body = client.get(path).content.decode()
            assert "<script>alert" not in body, path
    assert (
        "&lt;script&gt;alert"
        in marcus.get(f"/policy/proposals/{proposal.pk}/concerns/").content.decode()
    )
