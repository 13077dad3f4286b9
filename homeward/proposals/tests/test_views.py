"""Proposal pages: the builder without JavaScript, htmx fragments, the letter, access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from homeward.audit.models import AuditEvent
from homeward.proposals.models import Proposal, Status

from .conftest import START, TODAY

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_builder_walks_every_step_without_javascript_and_sends(
    personas, policy, django_capture_on_commit_callbacks
):
    emma = personas.client(personas.emma)
    page = emma.get("/proposals/new/")
    assert page.status_code == 200
    assert b"Think small first" in page.content and b"every Wednesday" in page.content

    response = emma.post("/proposals/new/", {"pattern_kind": "weekdays", "weekdays": ["2"]})
    proposal = Proposal.objects.get(employee=personas.emma)
    assert response["Location"] == f"/proposals/{proposal.pk}/edit/dates/"
    base = f"/proposals/{proposal.pk}"

    dates = emma.get(f"{base}/edit/dates/")
    assert b"usual trial is 12 weeks" in dates.content
    steps = [
        ("dates", {"start_date": START.isoformat(), "trial_weeks": "12"}, "commitments"),
        (
            "commitments",
            {"core_hours": "10:00-16:00", "response_minutes": "30", "recall_accepted": "on"},
            "benefits",
        ),
    ]
    for step, data, following in steps:
        response = emma.post(f"{base}/edit/{step}/", data)
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == f"{base}/edit/{following}/"
    benefits = emma.get(f"{base}/edit/benefits/")
    assert b"Emission factor" in benefits.content and b"DESNZ" in benefits.content
    response = emma.post(
        f"{base}/edit/benefits/",
        {"commute_km": "20", "commute_minutes": "40", "commute_mode": "car", "own_benefits": ""},
    )
    assert response["Location"] == f"{base}/letter/"

    letter = emma.get(f"{base}/letter/")
    assert b"Send through Homeward" in letter.content
    assert b"Request to work from home: every Wednesday" in letter.content
    with django_capture_on_commit_callbacks(execute=True):
        response = emma.post(f"{base}/send/", {"tone": "concise"})
    assert response["Location"] == f"{base}/"
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.letter_tone == "concise"
    assert any(m.to == [personas.marcus.user.email] for m in mail.outbox)

    timeline = emma.get(f"{base}/")
    assert b"Sent to Marcus" in timeline.content
    assert b"Friday 28 August 2026" in timeline.content
    assert b"Withdraw the proposal" in timeline.content


def test_bad_start_date_shows_the_message_at_the_field(personas, draft):
    proposal = draft()
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    response = personas.client(personas.emma).post(
        f"/proposals/{proposal.pk}/edit/dates/", {"start_date": yesterday, "trial_weeks": "0"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_start_date_errors"' in html and "in the past" in html
    assert 'id="id_trial_weeks_errors"' in html and "at least one week" in html
    assert Proposal.objects.get(pk=proposal.pk).start_date == START


def test_negative_commute_shows_the_message_at_the_field(personas, draft):
    proposal = draft()
    response = personas.client(personas.emma).post(
        f"/proposals/{proposal.pk}/edit/benefits/",
        {"commute_km": "-4", "commute_minutes": "30", "commute_mode": "car"},
    )
    assert response.status_code == 400
    assert 'id="id_commute_km_errors"' in response.content.decode()


def test_pattern_with_no_days_shows_the_message_at_the_field(personas, policy):
    response = personas.client(personas.emma).post("/proposals/new/", {"pattern_kind": "weekdays"})
    assert response.status_code == 400
    assert "Choose at least one weekday" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        ("dates", {"start_date": "2026-06-30", "trial_weeks": "12"}, "start_date", "in the past"),
        ("dates", {"start_date": "2026-07-07", "trial_weeks": "12"}, "start_date", "182 days"),
        ("dates", {"start_date": "2026-07-15", "trial_weeks": "0"}, "trial_weeks", "one week"),
        ("pattern", {"pattern_kind": "weekdays"}, "weekdays", "at least one weekday"),
        ("pattern", {"pattern_kind": "weekdays", "weekdays": ["0", "1", "2"]}, "weekdays", "two"),
        (
            "pattern",
            {"pattern_kind": "n_of_set", "n_days": "6", "allowed_weekdays": ["0", "1"]},
            "n_days",
            "working week has 5",
        ),
        (
            "benefits",
            {"commute_km": "-1", "commute_minutes": "20", "commute_mode": "car"},
            "commute_km",
            "cannot be negative",
        ),
    ],
)
def test_every_bad_input_gets_its_message_at_the_field_and_nothing_is_saved(
    personas, draft, policy, step, data, field, message
):
    proposal = draft()
    policy.min_tenure_days = 182
    policy.save()
    personas.emma.start_date = TODAY - timedelta(days=175)  # eligible from 8 July 2026
    personas.emma.save()
    before = Proposal.objects.filter(pk=proposal.pk).values().get()
    response = personas.client(personas.emma).post(f"/proposals/{proposal.pk}/edit/{step}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    errors = html.split(f'id="id_{field}_errors"', 1)
    assert len(errors) == 2, html
    assert message in errors[1].split("</ul>", 1)[0]
    assert Proposal.objects.filter(pk=proposal.pk).values().get() == before
    assert not AuditEvent.objects.filter(action="proposal.updated").exists()


def test_pattern_preview_is_an_htmx_fragment_that_warns_about_a_big_ask(personas, draft):
    proposal = draft()
    url = f"/proposals/{proposal.pk}/edit/pattern/?pattern_kind=weekdays&weekdays=0&weekdays=3"
    response = personas.client(personas.emma).get(url, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "A big first step" in html and "every Monday and Thursday" in html
    assert Proposal.objects.get(pk=proposal.pk).weekdays == [2]  # a preview saves nothing


def test_letter_tone_switch_is_an_htmx_fragment(personas, draft):
    proposal = draft()
    response = personas.client(personas.emma).get(
        f"/proposals/{proposal.pk}/letter/?tone=warm", **HTMX
    )
    html = response.content.decode()
    assert "<html" not in html and "Hi Marcus," in html
    assert "Could I try working from home every Wednesday?" in html


def test_letter_as_text_html_and_pdf(personas, draft):
    proposal = draft()
    emma = personas.client(personas.emma)
    text = emma.get(f"/proposals/{proposal.pk}/letter.txt?tone=concise")
    assert text["Content-Type"].startswith("text/plain")
    assert text.content.decode().startswith("Subject: Home-working trial request")
    html = emma.get(f"/proposals/{proposal.pk}/letter.html")
    assert b"<!doctype html>" in html.content and b"Dear Marcus," in html.content
    pdf = emma.get(f"/proposals/{proposal.pk}/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_incomplete_draft_letter_says_what_is_missing(personas, policy):
    from homeward.proposals.actions import create_draft

    proposal = create_draft(actor=personas.emma.user)
    emma = personas.client(personas.emma)
    page = emma.get(f"/proposals/{proposal.pk}/letter/")
    assert b"Choose a start date" in page.content and b"Send through Homeward" not in page.content
    assert emma.get(f"/proposals/{proposal.pk}/letter.pdf").status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "send/"),
        ("get", "withdraw/"),
        ("get", "readiness/"),
        ("post", "letter/"),
        ("post", "letter.pdf"),
        ("post", ""),
        ("put", "edit/dates/"),
    ],
)
def test_wrong_method_is_405(personas, draft, method, path):
    proposal = draft()
    response = getattr(personas.client(personas.emma), method)(f"/proposals/{proposal.pk}/{path}")
    assert response.status_code == 405


@pytest.mark.parametrize(
    "path",
    ["", "letter/", "letter.txt", "letter.html", "letter.pdf", "revisions/", "edit/dates/"],
)
def test_outsider_gets_404(personas, submitted, path):
    response = personas.client(personas.oscar).get(f"/proposals/{submitted.pk}/{path}")
    assert response.status_code == 404


def test_outsider_cannot_post_either(personas, submitted):
    oscar = personas.client(personas.oscar)
    for path in ("send/", "withdraw/", "edit/dates/", "readiness/"):
        assert oscar.post(f"/proposals/{submitted.pk}/{path}").status_code == 404
    assert Proposal.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_manager_reads_but_cannot_edit_or_withdraw(personas, submitted):
    marcus = personas.client(personas.marcus)
    page = marcus.get(f"/proposals/{submitted.pk}/")
    assert page.status_code == 200 and b"From Emma" in page.content
    assert b"Withdraw" not in page.content
    assert marcus.get(f"/proposals/{submitted.pk}/edit/dates/").status_code == 403
    assert marcus.post(f"/proposals/{submitted.pk}/withdraw/").status_code == 403


def test_drafts_are_private(personas, draft):
    proposal = draft()
    for who in (personas.marcus, personas.hannah):
        assert personas.client(who).get(f"/proposals/{proposal.pk}/").status_code == 404


def test_withdraw_button_posts_and_redirects(personas, submitted):
    response = personas.client(personas.emma).post(
        f"/proposals/{submitted.pk}/withdraw/", {"reason": "Changed teams"}
    )
    assert response.status_code == 302
    assert Proposal.objects.get(pk=submitted.pk).status == Status.WITHDRAWN


def test_editing_a_sent_proposal_makes_a_revision_shown_on_the_compare_page(personas, submitted):
    emma = personas.client(personas.emma)
    later = (START + timedelta(weeks=1)).isoformat()
    response = emma.post(
        f"/proposals/{submitted.pk}/edit/dates/", {"start_date": later, "trial_weeks": "8"}
    )
    assert response.status_code == 302
    page = personas.client(personas.marcus).get(f"/proposals/{submitted.pk}/revisions/")
    html = page.content.decode()
    assert "Revision 2" in html and "<del>12</del>" in html and "<ins>8</ins>" in html


def test_home_page_panels(personas, submitted):
    emma_home = personas.client(personas.emma).get("/").content.decode()
    assert "Working from home" in emma_home and "Check your readiness" in emma_home
    assert f"/proposals/{submitted.pk}/" in emma_home
    marcus_home = personas.client(personas.marcus).get("/").content.decode()
    assert "Awaiting your decision" in marcus_home and "Emma: Working from home" in marcus_home
    assert 'href="/proposals/team/"' in marcus_home  # the "My team" nav link
    oscar_home = personas.client(personas.oscar).get("/").content.decode()
    assert "Awaiting your decision" not in oscar_home and "Emma" not in oscar_home


def test_lists(personas, submitted):
    mine = personas.client(personas.emma).get("/proposals/")
    assert b"Working from home every Wednesday" in mine.content
    team = personas.client(personas.diana).get("/proposals/team/")
    assert b"Emma" in team.content


def test_no_get_changes_state(personas, submitted):
    before = AuditEvent.objects.count()
    clients = [personas.client(p) for p in (personas.emma, personas.marcus, personas.oscar)]
    paths = ["", "letter/", "letter.txt", "letter.html", "revisions/", "edit/pattern/"]
    for client in clients:
        for path in paths:
            client.get(f"/proposals/{submitted.pk}/{path}")
        client.get("/proposals/")
        client.get("/proposals/new/")
    assert AuditEvent.objects.count() == before
    assert Proposal.objects.count() == 1


def test_gb_letter_says_it_is_a_statutory_request_and_names_previous_ones(personas, draft):
    from homeward.proposals.actions import submit_proposal, withdraw_proposal

    first = submit_proposal(actor=personas.emma.user, proposal=draft())
    text = personas.client(personas.emma).get(f"/proposals/{first.pk}/letter.txt").content
    assert b"This is a statutory request for flexible working under section 80F" in text
    assert b"I have not made a previous request for flexible working." in text
    withdraw_proposal(actor=personas.emma.user, proposal=first)
    second = draft()
    text = personas.client(personas.emma).get(f"/proposals/{second.pk}/letter.txt").content
    assert b"My previous request for flexible working was made on Wednesday 1 July 2026." in text


def test_letter_page_lists_what_irish_rules_ask_for_that_the_letter_cannot_say(personas, draft):
    personas.emma.jurisdiction = "IE"
    personas.emma.save()
    proposal = draft(start_date=TODAY + timedelta(weeks=9))
    page = personas.client(personas.emma).get(f"/proposals/{proposal.pk}/letter/")
    html = page.content.decode()
    assert "The request must include: The proposed remote working location." in html
    assert "statutory request" not in html


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_on_every_page_in_the_email_and_the_api(
    personas, draft, api, django_capture_on_commit_callbacks
):
    proposal = draft(outage_plan=HOSTILE, own_benefits=HOSTILE)
    emma = personas.client(personas.emma)
    base = f"/proposals/{proposal.pk}"
    pages = [f"{base}/", f"{base}/letter/", f"{base}/letter.html", f"{base}/edit/commitments/"]
    pages += [f"{base}/edit/benefits/"]
    with django_capture_on_commit_callbacks(execute=True):
        emma.post(f"{base}/send/", {"tone": "formal"})
    pages += [f"{base}/revisions/"]
    for path in pages:
        html = emma.get(path).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path  # shown as text, not dropped
    email_html = next(m for m in mail.outbox if m.to == [personas.marcus.user.email])
    body = email_html.alternatives[0][0]
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body
    letter = api(personas.marcus).get(f"/proposals/{proposal.pk}/letter").json()
    assert "<script>alert" not in letter["html"] and "&lt;script&gt;" in letter["html"]
