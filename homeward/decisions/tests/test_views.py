from __future__ import annotations

from datetime import timedelta

import pytest

from homeward.arrangements.actions import start_arrangement
from homeward.decisions import actions
from homeward.proposals.models import Proposal, Status
from tests.today import now, today


def url(proposal, name: str = "") -> str:
    return f"/decisions/proposals/{proposal.pk}/{name + '/' if name else ''}"


def test_decider_sees_everything_needed_to_decide(personas, proposal):
    response = personas.client(personas.marcus).get(url(proposal))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Deadline",
        "days left",
        "Office coverage",
        "Great Britain",
        "Detrimental impact on quality",
        "ERA 1996 s.80G(1)(b)",
        "Approve as a trial",
        "Counter-propose",
        "Record a meeting",
        "History",
        "rules require a meeting with the employee before a refusal",
    ):
        assert text in body, text


@pytest.mark.parametrize("who", ["hannah", "diana"])
def test_hr_and_the_manager_line_read_only(personas, proposal, who):
    response = personas.client(getattr(personas, who)).get(url(proposal))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Office coverage" in body and "Your decision" not in body


@pytest.mark.parametrize("who", ["oscar", "pete", "olivia"])
def test_outsiders_get_404(personas, proposal, who):
    assert personas.client(getattr(personas, who)).get(url(proposal)).status_code == 404


def test_drafts_are_not_on_the_decision_pages(personas, make_proposal):
    draft = make_proposal(status=Status.DRAFT)
    assert personas.client(personas.emma).get(url(draft)).status_code == 404


def test_employee_sees_their_own_page_without_team_coverage(personas, proposal):
    body = personas.client(personas.emma).get(url(proposal)).content.decode()
    assert "Waiting for the decision" in body and "Office coverage" not in body


@pytest.mark.parametrize(
    "name", ["decide", "meetings", "respond", "counter", "extension", "hr", "appeal"]
)
def test_state_changes_need_post(personas, proposal, name):
    assert personas.client(personas.marcus).get(url(proposal, name)).status_code == 405


def test_approve_through_the_page(personas, proposal):
    response = personas.client(personas.marcus).post(
        url(proposal, "decide"), {"outcome": "approve_trial", "explanation": "Yes."}
    )
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Status.APPROVED_TRIAL


def test_peer_cannot_decide_through_the_page(personas, proposal):
    hannah = personas.client(personas.hannah)
    response = hannah.post(url(proposal, "decide"), {"outcome": "approve"})
    assert response.status_code == 403
    oscar = personas.client(personas.oscar)
    assert oscar.post(url(proposal, "decide"), {"outcome": "approve"}).status_code == 404


def test_gb_decline_without_meeting_shows_the_rule(personas, proposal):
    response = personas.client(personas.marcus).post(
        url(proposal, "decide"),
        {"outcome": "decline", "grounds": ["quality"], "explanation": "Not yet."},
    )
    assert response.status_code == 400
    assert "must be consulted" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.IN_REVIEW


def test_meeting_then_decline_then_appeal_through_the_pages(personas, proposal):
    marcus = personas.client(personas.marcus)
    on = today().isoformat()
    r = marcus.post(
        url(proposal, "meetings"),
        {"kind": "consultation", "held_on": on, "notes": "Talked about Wednesdays."},
    )
    assert r.status_code == 302
    r = marcus.post(
        url(proposal, "decide"),
        {
            "outcome": "decline",
            "grounds": ["quality", "customer_demand"],
            "explanation": "Wednesday is our peak.",
        },
    )
    assert r.status_code == 302
    emma = personas.client(personas.emma)
    page = emma.get(url(proposal)).content.decode()
    for text in (
        "Detrimental impact on quality",
        "Wednesday is our peak.",
        "You may appeal until",
        "Diana",
        "private: only you see this",
        "move on",
    ):
        assert text in page, text
    assert "private" not in marcus.get(url(proposal)).content.decode()
    r = emma.post(url(proposal, "appeal"), {"reason": "Pete covers Wednesdays."})
    assert r.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Status.APPEALED
    diana_page = personas.client(personas.diana).get(url(proposal)).content.decode()
    assert "The appeal you hear" in diana_page


def test_an_appeal_manager_outside_the_line_can_see_and_decide(personas, make_proposal):
    p = make_proposal(personas.marcus)
    actions.record_meeting(proposal=p, actor=personas.diana.user, held_on=today(), notes="Met.")
    actions.decide_proposal(
        proposal=p,
        actor=personas.diana.user,
        outcome="decline",
        grounds=["quality"],
        explanation="No.",
    )
    appeal = actions.lodge_appeal(proposal=p, actor=personas.marcus.user, reason="Please.")
    olivia = personas.client(personas.olivia)
    assert olivia.get(url(p)).status_code == 404
    hr = personas.client(personas.hannah)
    r = hr.post(f"/decisions/appeals/{appeal.pk}/assign/", {"assigned_to": personas.olivia.pk})
    assert r.status_code == 302
    assert olivia.get(url(p)).status_code == 200
    r = olivia.post(
        f"/decisions/appeals/{appeal.pk}/decide/",
        {"outcome": "overturned", "explanation": "A trial is fair.", "trial": "on"},
    )
    assert r.status_code == 302
    assert Proposal.objects.get(pk=p.pk).status == Status.OVERTURNED


def test_coverage_fragment_for_htmx(personas, proposal, make_proposal):
    start_arrangement(
        proposal=make_proposal(personas.pete, status=Status.APPROVED),
        approved_by=personas.marcus,
        trial=False,
        start_date=today() - timedelta(days=30),
        pattern={"weekdays": [2]},
        actor=None,
    )
    client = personas.client(personas.marcus)
    response = client.get(
        url(proposal) + "?part=coverage&counter_pattern_kind=weekdays&counter_weekdays=4",
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Preview" in body and "Friday" in body
    assert (
        personas.client(personas.emma)
        .get(url(proposal) + "?part=coverage", HTTP_HX_REQUEST="true")
        .status_code
        == 404
    )


def test_employee_answers_a_question_on_the_page(personas, proposal):
    actions.decide_proposal(
        proposal=proposal,
        actor=personas.marcus.user,
        outcome="request_info",
        explanation="Who covers calls?",
    )
    emma = personas.client(personas.emma)
    assert "Who covers calls?" in emma.get(url(proposal)).content.decode()
    assert emma.post(url(proposal, "respond"), {"response": ""}).status_code == 400
    assert emma.post(url(proposal, "respond"), {"response": "Pete."}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Status.IN_REVIEW


def test_employee_accepts_a_counter_on_the_page(personas, make_proposal):
    p = make_proposal(weekdays=(0, 4))
    r = personas.client(personas.marcus).post(
        url(p, "decide"),
        {
            "outcome": "counter",
            "counter_pattern_kind": "weekdays",
            "counter_weekdays": ["2"],
            "counter_trial": "on",
            "explanation": "One day first.",
        },
    )
    assert r.status_code == 302
    emma = personas.client(personas.emma)
    assert "every Wednesday" in emma.get(url(p)).content.decode()
    assert emma.post(url(p, "counter"), {"answer": "accept"}).status_code == 302
    assert Proposal.objects.get(pk=p.pk).status == Status.APPROVED_TRIAL


def test_home_panels(personas, proposal):
    body = personas.client(personas.marcus).get("/").content.decode()
    assert "Awaiting your decision" in body and "Emma" in body
    proposal.decision_due = today() - timedelta(days=2)
    proposal.save()
    hr = personas.client(personas.hannah).get("/").content.decode()
    assert "Overdue decisions" in hr and "2 days late" in hr


def test_index_lists_the_queue(personas, proposal):
    body = personas.client(personas.marcus).get("/decisions/").content.decode()
    assert "Emma" in body


def test_trial_form_offers_the_employees_metrics(personas, proposal):
    from homeward.evidence.models import Metric

    tickets = Metric.objects.create(name="Tickets resolved", unit="tickets", team=personas.support)
    marcus = personas.client(personas.marcus)
    assert "Tickets resolved" in marcus.get(url(proposal)).content.decode()
    r = marcus.post(
        url(proposal, "decide"),
        {
            "outcome": "approve_trial",
            "metric_1": str(tickets.pk),
            "rule_1": "no_worse_than_pct",
            "threshold_1": "5",
        },
    )
    assert r.status_code == 302
    assert proposal.arrangements.get().success_criteria.get().metric == tickets


def test_admin_without_an_employee_record_reads_but_cannot_act(personas, proposal):
    root = personas.client(personas.root)
    body = root.get(url(proposal)).content.decode()
    assert "Office coverage" in body and "Record a meeting" not in body
    assert root.post(url(proposal, "decide"), {"outcome": "approve"}).status_code == 403


def test_hr_gives_the_second_approval_on_the_page(personas, make_proposal):
    from homeward.policy.models import Policy, PolicyVersion

    version = PolicyVersion.objects.create(
        policy=Policy.objects.create(name="Company"),
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        hr_approval_above_days=1,
        max_home_days_per_week=3,
    )
    p = make_proposal(weekdays=(0, 4), policy_version=version)
    marcus = personas.client(personas.marcus)
    r = marcus.post(url(p, "decide"), {"outcome": "approve_trial"}, follow=True)
    assert "waiting for HR" in r.content.decode()
    hr = personas.client(personas.hannah)
    assert "Second approval (HR)" in hr.get(url(p)).content.decode()
    assert "Decisions: HR" in hr.get("/").content.decode()
    assert hr.post(url(p, "hr"), {"answer": "approve"}).status_code == 302
    assert Proposal.objects.get(pk=p.pk).status == Status.APPROVED_TRIAL


def test_appeal_and_extension_verbs_need_post_and_hide_from_outsiders(personas, proposal):
    actions.record_meeting(
        proposal=proposal, actor=personas.marcus.user, held_on=today(), notes="Met."
    )
    actions.decide_proposal(
        proposal=proposal,
        actor=personas.marcus.user,
        outcome="decline",
        grounds=["quality"],
        explanation="Quality.",
    )
    appeal = actions.lodge_appeal(proposal=proposal, actor=personas.emma.user, reason="Please.")
    other = actions.request_extension(
        proposal=make_ie(personas), actor=personas.marcus.user, days=7
    )
    paths = [
        f"/decisions/appeals/{appeal.pk}/decide/",
        f"/decisions/appeals/{appeal.pk}/assign/",
        f"/decisions/extensions/{other.pk}/answer/",
    ]
    for path in paths:
        assert personas.client(personas.diana).get(path).status_code == 405, path
        assert personas.client(personas.oscar).post(path, {}).status_code == 404, path
    body = {"outcome": "overturned", "explanation": "Yes."}
    assert personas.client(personas.oscar).post(paths[0], body).status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).status == Status.APPEALED


def make_ie(personas) -> Proposal:
    return Proposal.objects.create(
        employee=personas.pete,
        decider=personas.marcus,
        status=Status.IN_REVIEW,
        weekdays=[1],
        jurisdiction="IE",
        received_on=today(),
        revision=1,
    )


def test_what_people_write_is_escaped_on_every_page(personas, proposal):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    marcus = personas.client(personas.marcus)
    on = today().isoformat()
    marcus.post(url(proposal, "meetings"), {"kind": "consultation", "held_on": on, "notes": evil})
    r = marcus.post(
        url(proposal, "decide"),
        {"outcome": "decline", "grounds": ["quality"], "explanation": evil},
    )
    assert r.status_code == 302
    emma = personas.client(personas.emma)
    assert emma.post(url(proposal, "appeal"), {"reason": evil}).status_code == 302
    for who in (marcus, emma, personas.client(personas.diana)):
        page = who.get(url(proposal)).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "<script>alert(" not in page and "<img src=x" not in page


def test_northern_ireland_review_shows_the_meeting_date(personas, make_proposal):
    p = make_proposal(jurisdiction="NI")
    body = personas.client(personas.marcus).get(url(p)).content.decode()
    assert "Rules: Northern Ireland" in body and "Meeting with the employee due by" in body
    assert "meeting within 28 days" in body


def test_an_overturn_above_the_threshold_waits_for_hr_on_the_pages(personas, make_proposal):
    from homeward.policy.models import Policy, PolicyVersion

    version = PolicyVersion.objects.create(
        policy=Policy.objects.create(name="Company"),
        number=1,
        status=PolicyVersion.PUBLISHED,
        published_at=now(),
        hr_approval_above_days=1,
        max_home_days_per_week=3,
    )
    p = make_proposal(weekdays=(0, 4), policy_version=version)
    actions.record_meeting(proposal=p, actor=personas.marcus.user, held_on=today(), notes="Talked.")
    actions.decide_proposal(
        proposal=p,
        actor=personas.marcus.user,
        outcome="decline",
        grounds=["quality"],
        explanation="Peak days.",
    )
    appeal = actions.lodge_appeal(proposal=p, actor=personas.emma.user, reason="Cover.")
    diana = personas.client(personas.diana)
    r = diana.post(
        f"/decisions/appeals/{appeal.pk}/decide/",
        {"outcome": "overturned", "explanation": "Try it.", "trial": "on"},
        follow=True,
    )
    assert r.status_code == 200
    assert "Waiting for HR" in r.content.decode()
    assert Proposal.objects.get(pk=p.pk).status == Status.APPEALED
    hr = personas.client(personas.hannah)
    page = hr.get(url(p)).content.decode()
    assert "Second approval (HR)" in page and "overturned" in page
    assert "decline overturned on appeal" in hr.get("/").content.decode()
    assert hr.post(url(p, "hr"), {"answer": "approve"}).status_code == 302
    assert Proposal.objects.get(pk=p.pk).status == Status.OVERTURNED
