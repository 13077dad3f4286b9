"""Accessibility: axe-core's WCAG 2 A and AA rules on the main pages, for each kind of user,
on a desktop and on a phone.

Any "serious" or "critical" violation fails, with the rule, the elements and axe's help.
Colour contrast that axe computed but only flagged "needs review" because the text is
short (a count in a badge, a one-word status) fails too: the ratio is known, and low.
axe-core is vendored (tests/browser/vendor, MPL-2.0) so the check runs offline.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from conftest import PASSWORD
from homeward.notify.actions import notify
from homeward.proposals import jurisdiction
from homeward.proposals.actions import create_draft, submit_proposal
from tests.browser.conftest import login

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 860}
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  const where = n => n.target.join(' ') + (n.failureSummary
    ? ' (' + n.failureSummary.split('\\n').slice(1).join(' ').trim() + ')' : '');
  const found = result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(where)}));
  for (const v of result.incomplete.filter(v => v.id === 'color-contrast')) {
    const low = v.nodes.filter(n => n.any.some(c => c.data && c.data.messageKey === 'shortTextContent'
      && c.data.contrastRatio < parseFloat(c.data.expectedContrastRatio)));
    if (low.length) found.push({id: v.id, impact: 'serious', help: v.help,
      targets: low.map(n => n.target.join(' ') + ' (' + n.any[0].message + ', ratio '
        + n.any[0].data.contrastRatio + ')')});
  }
  return found;
}"""


def audit(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The serious and critical axe findings on the current page, one readable line each."""
    page.add_script_tag(path=str(AXE))
    width = page.viewport_size["width"]
    found = []
    for v in page.evaluate(RUN):
        targets = "; ".join(v["targets"][:5])
        more = f" (+{len(v['targets']) - 5} more)" if len(v["targets"]) > 5 else ""
        found.append(
            f"{label} @{width}px [{v['impact']}] {v['id']}: {v['help']} -> {targets}{more}"
        )
    return found


def visit(page, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    return audit(page, path)


def test_main_pages_have_no_serious_accessibility_violations(page, personas):
    emma, pete = personas.emma, personas.pete
    today = jurisdiction.today_for(emma)
    request = {
        "pattern_kind": "weekdays",
        "start_date": today + timedelta(weeks=2),
        "trial_weeks": 8,
        "outage_plan": "Switch to my phone's hotspot; come in if it lasts over an hour.",
    }
    # Emma's draft is complete enough for a letter; Pete's request waits for Marcus.
    draft = create_draft(actor=emma.user, data={**request, "weekdays": [2]})
    submitted = submit_proposal(
        actor=pete.user,
        proposal=create_draft(actor=pete.user, data={**request, "weekdays": [4]}),
        email=False,
    )
    # Unread notifications, so the count in the navigation is checked too.
    for who in (emma, personas.marcus, personas.hannah):
        notify(recipient=who, subject="Something to look at", body="Details.", email=False)

    problems: list[str] = []
    # Signed out: the sign-in page, then its error state.
    problems += visit(page, "/accounts/login/")
    page.get_by_label("Email address").fill("nobody@example.test")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    problems += audit(page, "/accounts/login/ (wrong password)")

    login(page, "emma@example.test", PASSWORD)
    for path in (
        "/",
        "/people/",
        f"/people/{personas.marcus.pk}/",
        "/proposals/",
        f"/proposals/{draft.pk}/",
        f"/proposals/{draft.pk}/edit/pattern/",
        f"/proposals/{draft.pk}/edit/commitments/",
        f"/proposals/{draft.pk}/letter/",
        "/coach/readiness/",
        "/evidence/",
        "/notifications/",
        "/accounts/profile/",
    ):
        problems += visit(page, path)
    page.context.clear_cookies()

    # Marcus on a phone: the team tables scroll sideways there.
    page.set_viewport_size(PHONE)
    login(page, "marcus@example.test", PASSWORD)
    for path in (
        "/",
        "/proposals/team/",
        "/decisions/",
        f"/decisions/proposals/{submitted.pk}/",
        "/evidence/team/",
        "/notifications/",
    ):
        problems += visit(page, path)
    # A page with a confirmation message on it.
    page.goto("/evidence/metrics/")
    page.get_by_label("Name:", exact=True).fill("Tickets resolved")
    page.get_by_label("Unit:", exact=True).fill("tickets")
    page.get_by_role("button", name="Define metric").click()
    page.get_by_role("status").first.wait_for()
    problems += audit(page, "/evidence/metrics/ (after defining one)")
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)

    login(page, "hannah@example.test", PASSWORD)
    for path in ("/", "/policy/", "/policy/concerns/", "/people/import/", "/evidence/"):
        problems += visit(page, path)

    assert not problems, "axe found serious or critical WCAG 2 A/AA problems:\n" + "\n".join(
        grouped(problems)
    )


def grouped(problems: list[str]) -> list[str]:
    """One line per distinct finding, with every page it was seen on."""
    pages: dict[str, list[str]] = {}
    for line in problems:
        where, finding = line.split(" [", 1)
        pages.setdefault("[" + finding, []).append(where)
    return [f"{finding}\n    on: {', '.join(seen)}" for finding, seen in pages.items()]
