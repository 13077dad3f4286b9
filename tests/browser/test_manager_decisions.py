"""Journey: a manager declines a GB request with two grounds after a recorded meeting, and the
employee appeals to a different manager, who hears it.

The request is made through the proposals feature's own actions (so the deadline, the rules
as applied and the concern items are real); everything after that is clicked in the browser.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from homeward.arrangements.actions import start_arrangement
from homeward.decisions.models import Appeal, Decision, Meeting
from homeward.proposals import jurisdiction
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal, Status
from tests.browser.conftest import login, shot


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


@pytest.fixture
def request_made(personas, live_server):  # type: ignore[no-untyped-def]
    today = jurisdiction.today_for(personas.emma)
    # Pete already works from home on Wednesdays: the coverage table shows the effect.
    petes = Proposal.objects.create(
        employee=personas.pete, decider=personas.marcus, status=Status.APPROVED
    )
    start_arrangement(
        proposal=petes,
        approved_by=personas.marcus,
        trial=False,
        start_date=today - timedelta(days=60),
        pattern={"weekdays": [2]},
        actor=personas.marcus.user,
    )
    draft = create_draft(
        actor=personas.emma.user,
        data={
            "pattern_kind": "weekdays",
            "weekdays": [2, 4],
            "start_date": today + timedelta(weeks=9),
            "trial_weeks": 12,
            "outage_plan": "Switch to my phone's hotspot; come in if it lasts over an hour.",
        },
    )
    return submit_proposal(actor=personas.emma.user, proposal=draft, email=False)


def test_manager_declines_after_a_meeting_and_the_employee_appeals(page, personas, request_made):
    proposal = request_made
    review = f"/decisions/proposals/{proposal.pk}/"

    # 1. Marcus finds the request on his home page, with its deadline.
    login(page, personas.marcus.user.email, PASSWORD)
    panel = page.get_by_role("region", name="Awaiting your decision")
    panel.get_by_role("link", name="Emma").click()
    page.wait_for_url(f"**{review}")
    expect(page.get_by_role("heading", name="Office coverage: Support")).to_be_visible()
    expect(page.get_by_text("days left")).to_be_visible()
    shot(page, "manager-review")

    # The coverage table previews a counter-proposal as it is drafted (htmx).
    page.locator("summary").filter(has_text="Counter-propose").click()
    counter = page.locator(
        "details", has=page.get_by_role("button", name="Send the counter-proposal")
    )
    counter.get_by_label("Thursday").first.check()
    expect(page.get_by_text("Preview of the pattern you are offering.")).to_be_visible()

    # 2. Declining first needs the consultation the GB rules require.
    page.locator("summary").filter(has_text="Decline").click()
    expect(page.get_by_text("rules require a meeting with the employee")).to_be_visible()
    page.get_by_text("Record a meeting").click()
    page.get_by_label("What was discussed").fill(
        "Talked about Wednesday and Friday cover; Friday is our busiest phone day."
    )
    page.get_by_label("Pete").check()
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("Meeting recorded.")).to_be_visible()

    # 3. He declines with two of the statutory grounds and a written explanation.
    page.locator("summary").filter(has_text="Decline").click()
    decline = page.locator("details", has=page.get_by_role("button", name="Decline", exact=True))
    decline.get_by_label("Detrimental effect on ability to meet customer demand").check()
    decline.get_by_label("Inability to re-organise work among existing staff").check()
    decline.get_by_label("Written explanation").fill(
        "Friday is our peak for calls and nobody else on the team can take your queue. "
        "One day mid-week could work after the new starters are trained."
    )
    shot(page, "manager-decline")
    decline.get_by_role("button", name="Decline", exact=True).click()
    expect(page.get_by_text("Declined. The employee has been told")).to_be_visible()
    sign_out(page)

    # 4. Emma sees the grounds, when she may ask again, the appeal path and private advice.
    login(page, personas.emma.user.email, PASSWORD)
    page.get_by_role("region", name="Your request needs you").get_by_role("link").first.click()
    page.wait_for_url(f"**{review}")
    expect(page.get_by_role("heading", name="Your request was declined")).to_be_visible()
    grounds = page.get_by_text("Inability to re-organise work among existing staff", exact=True)
    expect(grounds).to_be_visible()
    expect(page.get_by_text("private: only you see this")).to_be_visible()
    expect(page.get_by_text("Diana").first).to_be_visible()
    shot(page, "manager-employee-declined")
    page.get_by_label("Why the decision should change").fill(
        "Pete has agreed to take my queue on Fridays, and I can be in within the hour."
    )
    page.get_by_role("button", name="Appeal").click()
    expect(page.get_by_text("Appeal lodged")).to_be_visible()
    sign_out(page)

    # 5. Diana, Marcus's manager, hears the appeal; Marcus never could.
    login(page, personas.diana.user.email, PASSWORD)
    page.get_by_role("region", name="Awaiting your decision").get_by_role(
        "link", name="Emma"
    ).click()
    expect(page.get_by_role("heading", name="The appeal you hear")).to_be_visible()
    shot(page, "manager-appeal")
    page.get_by_label("Decline upheld").check()
    page.get_by_label("Explanation").fill(
        "The Friday cover is not in place yet; ask again once the new starters are trained."
    )
    page.get_by_role("button", name="Decide the appeal").click()
    expect(page.get_by_text("Appeal decided.")).to_be_visible()

    proposal.refresh_from_db()
    assert proposal.status == Status.UPHELD
    decision = Decision.objects.get(proposal=proposal, outcome="decline")
    assert decision.grounds == ["customer_demand", "reorganise_work"]
    assert Meeting.objects.filter(proposal=proposal).count() == 1
    appeal = Appeal.objects.get(proposal=proposal)
    assert appeal.assigned_to == personas.diana and appeal.decided_by == personas.diana
