"""Journey: a trial from approval through results import to the review report, and the
"one more day" proposal that carries the evidence."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from conftest import PASSWORD
from homeward.arrangements.models import Arrangement
from homeward.concerns.models import CLOSED_STATES, ConcernItem, ItemState
from homeward.evidence.models import EvidenceReport, Metric
from homeward.proposals import jurisdiction
from homeward.proposals.actions import create_draft, submit_proposal
from homeward.proposals.models import Proposal, Status
from tests.browser.conftest import login, shot, shot_path
from tests.today import now

WEDNESDAY = 2


def results_csv(start: date, until: date) -> str:
    """Emma's tickets: about 20 a day in the office, 3 more on her Wednesdays at home."""
    rng = random.Random(3)
    lines = ["email,metric,date,value"]
    day = start
    while day <= until:
        if day.weekday() < 5:
            value = 20 + (
                3 if day.weekday() == WEDNESDAY and day >= start + timedelta(weeks=8) else 0
            )
            lines.append(
                f"emma@example.test,Tickets resolved,{day.isoformat()},{value + rng.gauss(0, 1):.1f}"
            )
        day += timedelta(days=1)
    return "\n".join(lines) + "\n"


@pytest.fixture
def second_page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def test_trial_from_approval_to_one_more_day(page, second_page, personas, tmp_path):
    today = jurisdiction.today_for(personas.emma)
    marcus, emma = second_page, page

    # Marcus defines the result that matters for his team.
    login(marcus, "marcus@example.test", PASSWORD)
    marcus.goto("/evidence/metrics/")
    marcus.get_by_label("Name:", exact=True).fill("Tickets resolved")
    marcus.get_by_label("Unit:", exact=True).fill("tickets")
    marcus.get_by_label("For:", exact=True).select_option(label="Team: Support")
    marcus.get_by_role("button", name="Define metric").click()
    marcus.get_by_text("defined for team Support").wait_for()
    shot(marcus, "evidence-metrics")
    tickets = Metric.objects.get(name="Tickets resolved")

    # Emma asks for Wednesdays at home (through the proposals feature's own actions), and
    # Marcus approves it as a ten-week trial on the real review page, judged on tickets.
    proposal = submit_proposal(
        actor=personas.emma.user,
        proposal=create_draft(
            actor=personas.emma.user,
            data={
                "pattern_kind": "weekdays",
                "weekdays": [WEDNESDAY],
                "start_date": today + timedelta(weeks=1),
                "trial_weeks": 10,
                "outage_plan": "Switch to my phone's hotspot; come in if it lasts over an hour.",
            },
        ),
        email=False,
    )
    # The concerns were settled in conversation (that thread has its own journey test).
    ConcernItem.objects.filter(proposal=proposal).exclude(state__in=CLOSED_STATES).update(
        state=ItemState.RESOLVED, resolved_at=now()
    )
    marcus.goto(f"/decisions/proposals/{proposal.pk}/")
    approve = marcus.locator("details", has=marcus.get_by_role("button", name="Approve as a trial"))
    approve.get_by_label("Criterion 1: metric").select_option(str(tickets.pk))
    approve.get_by_label("Rule").first.select_option("no_worse_than_pct")
    approve.get_by_label("Threshold").first.fill("5")
    approve.get_by_role("button", name="Approve as a trial").click()
    marcus.get_by_text("Approved as a trial").first.wait_for()
    trial = Arrangement.objects.get(proposal=proposal)
    assert trial.status == "trial" and trial.weekdays == [WEDNESDAY]
    criterion = trial.success_criteria.get()
    assert (criterion.metric, criterion.rule, criterion.threshold) == (
        tickets,
        "no_worse_than_pct",
        5,
    )

    # Twenty-three weeks pass: the trial ran its ten weeks and has been due for review for
    # thirteen. (Only the dates move; everything else is as the approval left it.)
    review = today - timedelta(weeks=13)
    start = review - timedelta(weeks=10)
    Arrangement.objects.filter(pk=trial.pk).update(start_date=start, review_date=review)
    trial.refresh_from_db()

    # Emma imports her results: eight weeks before the trial, and every week since it began.
    login(emma, "emma@example.test", PASSWORD)
    assert emma.get_by_role("heading", name="Trials and evidence").is_visible()
    emma.get_by_role("navigation", name="Main").get_by_role("link", name="Evidence").click()
    emma.get_by_role("link", name="Import results from CSV").click()
    upload = tmp_path / "tickets.csv"
    upload.write_text(results_csv(start - timedelta(weeks=8), today - timedelta(days=1)))
    emma.get_by_label("File").set_input_files(str(upload))
    emma.get_by_role("button", name="Import").click()
    emma.get_by_text("new, 0 changed, 0 unchanged").wait_for()
    shot(emma, "evidence-import")
    monday = today - timedelta(days=today.weekday() + 7)
    emma.goto(f"/evidence/results/?week={monday.isoformat()}")
    wednesday = (monday + timedelta(days=WEDNESDAY)).isoformat()
    assert emma.locator(f"#t-{wednesday} option:checked").inner_text() == "Home (schedule)"
    shot(emma, "evidence-grid")

    # Marcus sees the trial due for review on his team and opens the report.
    marcus.goto("/evidence/team/")
    row = marcus.get_by_role("row", name="Emma")
    assert "due" in row.inner_text() and "Criteria met" in row.inner_text()
    shot(marcus, "evidence-team")
    row.get_by_role("link", name="Emma").click()
    marcus.wait_for_url(f"**/evidence/trials/{trial.pk}/")
    assert marcus.locator("#overall").inner_text() == "pass"
    assert marcus.locator("svg.chart").count() == 3
    assert marcus.get_by_text("95% interval").first.is_visible()
    pdf = marcus.request.get(f"/evidence/trials/{trial.pk}/report.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    shot(marcus, "evidence-review")
    # The three charts alone, for the method in docs/evidence.md.
    marcus.locator("div.charts").first.screenshot(path=str(shot_path("evidence-charts")))

    # He confirms: the trial becomes a standing arrangement, the figures are kept.
    marcus.get_by_label("Confirm: make it a standing arrangement").check()
    marcus.get_by_label("Note to the employee").fill("Tickets held up on Wednesdays. Confirmed.")
    marcus.get_by_role("button", name="Record the decision").click()
    marcus.get_by_text("Review recorded").wait_for()
    trial.refresh_from_db()
    assert trial.status == "standing"
    assert EvidenceReport.objects.get(arrangement=trial).overall == "pass"

    # The review was due thirteen weeks ago: dated then, the arrangement has run past the
    # 12-week cooldown, and Emma is offered one more day.
    Arrangement.objects.filter(pk=trial.pk).update(confirmed_on=review)
    emma.goto("/")
    emma.get_by_role("link", name="ask for one more day").click()
    emma.wait_for_url("**/evidence/well/")
    precedent = emma.locator("blockquote.precedent").inner_text()
    assert "tickets resolved was" in precedent and "95% interval" in precedent
    assert emma.get_by_label("Wednesday").is_checked() and emma.get_by_label("Friday").is_checked()
    shot(emma, "evidence-well")
    emma.get_by_role("button", name="Prepare the request for one more day").click()
    emma.get_by_text("Your draft request for the next step is ready").wait_for()
    draft = Proposal.objects.get(employee=personas.emma, status=Status.DRAFT)
    assert draft.previous == proposal and draft.weekdays == [WEDNESDAY, 4]
    assert "95% interval" in draft.precedent
    letter = emma.locator("pre.letter").inner_text()
    assert draft.precedent in " ".join(letter.split()) or "95% interval" in letter
    shot(emma, "evidence-next-step")
