"""Journey: HR publishes a policy; the manager gets every concern answered before approving.

The employee's submission goes through the proposals feature's own actions
(``create_draft`` + ``submit_proposal``), which open the concern items. Approval goes through
the real review page (the decisions feature's approve-as-trial form): refused, with the open
concern named, while the manager's question is unresolved; accepted once it is resolved.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from playwright.sync_api import expect

from conftest import PASSWORD
from homeward.concerns.models import ConcernItem, ItemState
from homeward.concerns.queries import assert_no_blocking, open_blocking
from homeward.policy import actions
from homeward.policy.actions import ensure_standard_concerns
from homeward.policy.models import Concern, PolicyVersion
from homeward.proposals import jurisdiction
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Status
from tests.browser.conftest import login, shot

# What HR writes in the editor: every concern except four that are not blocking and are
# better answered per proposal (goals, background noise, the IT service agreement, phones).
LEFT_OPEN = {"goals_change", "background_noise", "service_levels", "telephony"}
ANSWERS = {
    "internet_cost": "Employees use their own broadband; the company pays a £20 monthly stipend.",
    "equipment_ownership": "The company owns the laptop; reasonable private use is allowed.",
    "recall_notice": "Yes, with 24 hours' notice; less only by the head of department.",
}


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


@pytest.fixture
def people(personas, live_server):  # type: ignore[no-untyped-def]
    ensure_standard_concerns()  # the database was flushed after any earlier browser test
    return personas


def test_hr_policy_answers_concerns_and_approval_waits_for_the_managers_question(page, people):
    # 1. HR writes and publishes the policy in the editor.
    login(page, people.hannah.user.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Policy").click()
    page.get_by_role("link", name="New policy").click()
    page.get_by_label("Name").fill("Company telework policy")
    page.get_by_role("button", name="Create and edit its first draft").click()
    page.wait_for_url("**/policy/versions/*/edit/")
    page.get_by_label("Internet stipend a month").fill("20")
    page.get_by_label("Safety and ergonomics self-check required").uncheck()
    for concern in Concern.objects.current():
        if concern.key in LEFT_OPEN:
            continue
        text = ANSWERS.get(
            concern.key, f"Company policy: {concern.key.replace('_', ' ')} is covered."
        )
        page.get_by_label(concern.question, exact=True).fill(text)
    page.get_by_label("What changed in this version").fill("First version.")
    shot(page, "hr-policy-editor")
    page.get_by_role("button", name="Save and publish").click()
    page.wait_for_url("**/policy/versions/*/")
    assert page.get_by_text("Published", exact=True).first.is_visible()
    assert page.get_by_text("(20 of 24)").is_visible()
    version = PolicyVersion.objects.get(status=PolicyVersion.PUBLISHED)
    assert version.answer_for("internet_cost") == ANSWERS["internet_cost"]
    shot(page, "hr-policy-version")
    page.goto("/policy/concerns/")
    shot(page, "hr-concern-catalogue")
    sign_out(page)

    # 2. Emma submits a proposal (through the proposals feature's actions).
    today = jurisdiction.today_for(people.emma)
    draft = create_draft(
        actor=people.emma.user,
        data={
            "pattern_kind": "weekdays",
            "weekdays": [2],
            "start_date": today + timedelta(weeks=9),
            "trial_weeks": 12,
            "outage_plan": "Switch to my phone's hotspot; come in if it lasts over an hour.",
        },
    )
    proposal = submit_proposal(actor=people.emma.user, proposal=draft, email=False)
    assert proposal.policy_version == version
    assert proposal.concern_items.filter(state=ItemState.RESOLVED_BY_POLICY).count() == 20
    assert open_blocking(proposal) == []  # the policy settled every blocking concern
    url = f"/policy/proposals/{proposal.pk}/concerns/"

    # 3. Marcus sees the policy's answers and raises a question of his own.
    login(page, people.marcus.user.email, PASSWORD)
    page.goto(url)
    assert page.get_by_text("4 open").is_visible()
    assert page.get_by_text(ANSWERS["internet_cost"], exact=True).is_visible()
    page.get_by_text("Raise a concern of your own").click()
    page.get_by_label("Your question").fill(
        "Who runs the Tuesday queue review when you are at home?"
    )
    page.get_by_role("button", name="Raise concern").click()
    raised_heading = page.get_by_role("heading", name="Who runs the Tuesday queue review")
    raised_heading.wait_for()
    raised = ConcernItem.objects.get(raised_by=people.marcus)
    assert raised.state == ItemState.AWAITING_EMPLOYEE and raised.blocking
    assert page.get_by_text("Approval waits for").is_visible()
    with pytest.raises(ValidationError, match="Tuesday queue review"):
        assert_no_blocking(proposal)
    shot(page, "hr-proposal-concerns-manager")
    sign_out(page)

    # 4. Emma answers it.
    login(page, people.emma.user.email, PASSWORD)
    page.goto(url)
    thread = page.locator(f"#concern-{raised.pk}")
    thread.get_by_label("Your answer").fill("Pete runs it on my home day; I join by video.")
    thread.get_by_role("button", name="Send answer").click()
    page.locator(f"#concern-{raised.pk}").get_by_text("Pete runs it on my home day").wait_for()
    raised.refresh_from_db()
    assert raised.state == ItemState.AWAITING_MANAGER
    shot(page, "hr-proposal-concerns-employee")
    sign_out(page)

    # 5. Marcus tries to approve on the review page: refused, with what is open listed.
    login(page, people.marcus.user.email, PASSWORD)
    review = f"/decisions/proposals/{proposal.pk}/"
    page.goto(review)
    approve = page.locator("details", has=page.get_by_role("button", name="Approve as a trial"))
    expect(approve).to_have_attribute("open", "")  # a first request: a trial is the default
    expect(page.get_by_text("1 blocking concern is open")).to_be_visible()
    approve.get_by_role("button", name="Approve as a trial").click()
    refusal = approve.get_by_role("alert")
    expect(refusal).to_contain_text(
        "Open blocking concern: Who runs the Tuesday queue review when you are at home?"
    )
    expect(refusal).to_contain_text("Awaiting the manager")
    expect(page.get_by_text("Nothing was changed")).to_be_visible()
    expect(page.locator("#concerns")).to_contain_text("Who runs the Tuesday queue review")
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and not proposal.decisions.exists()
    shot(page, "hr-approval-refused-while-concern-open")

    # 6. He resolves it on the concerns page; only now does the approval go through.
    page.goto(url)
    thread = page.locator(f"#concern-{raised.pk}")
    thread.get_by_label("Resolution note (optional)").fill("Agreed: Pete covers Wednesdays.")
    thread.get_by_role("button", name="Resolve").click()
    page.get_by_text("No blocking concern is open").wait_for()
    raised.refresh_from_db()
    assert raised.state == ItemState.RESOLVED and raised.resolved_by == people.marcus
    shot(page, "hr-proposal-concerns-resolved")
    page.get_by_role("link", name="Decide on this proposal").click()
    page.wait_for_url(f"**{review}")
    approve = page.locator("details", has=page.get_by_role("button", name="Approve as a trial"))
    approve.get_by_role("button", name="Approve as a trial").click()
    expect(page.get_by_text("Approved as a trial.")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED_TRIAL
    sign_out(page)

    # 7. HR changes the policy: the decided proposal keeps the version it was judged under.
    hr = people.hannah.user
    v2 = actions.start_draft(actor=hr, policy=version.policy)
    actions.update_draft(
        actor=hr,
        version=v2,
        values={"internet_stipend_monthly": "25"},
        answers={"internet_cost": "Own broadband; the company pays £25 a month."},
        replace_answers=False,
    )
    actions.publish_version(actor=hr, version=v2, summary="Internet stipend up to £25.")
    proposal.refresh_from_db()
    assert proposal.policy_version == version
    login(page, hr.email, PASSWORD)
    page.goto(f"/policy/versions/{v2.pk}/diff/{version.pk}/")
    assert page.get_by_text("Own broadband; the company pays £25 a month.").is_visible()
    shot(page, "hr-policy-diff")
    page.goto("/")
    assert page.get_by_role("heading", name="Policy and concerns").is_visible()
    shot(page, "hr-home")
