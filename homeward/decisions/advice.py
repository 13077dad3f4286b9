"""Private, practical advice for an employee whose request was declined. Pure module.

Shown only to the employee. It answers the grounds given (the GB statutory grounds have
their own advice; any other reason gets the general advice), then the general steps,
and says plainly that sometimes the answer is to move on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

BY_GROUND: dict[str, str] = {
    "additional_costs": (
        "Show the costs are small or yours: offer to use your own connection and equipment "
        "for a trial, and name what the company saves (desk space, travel)."
    ),
    "customer_demand": (
        "Find out which days and hours customers need you most and ask for a home day away "
        "from them; commit to response times and to coming in at peaks."
    ),
    "reorganise_work": (
        "Propose how your work is covered: who picks up what on your home day, and which of "
        "your tasks are better done at home (focused work) than in the office."
    ),
    "recruit_staff": (
        "Make clear that nobody needs to be hired: the same work gets done, on a "
        "different day's location."
    ),
    "quality": (
        "Offer a trial with a measure of quality agreed in advance (errors, reworks, "
        "customer ratings), so the question is settled by results, not expectations."
    ),
    "performance": (
        "Ask which results your manager watches, and offer a trial judged on exactly those, "
        "compared with your office days."
    ),
    "insufficient_work": (
        "Plan the home day's work in advance and share the plan; pick a day when there is "
        "enough work you can do alone."
    ),
    "structural_changes": (
        "Ask when the changes are expected to settle and put a date in your diary to ask "
        "again then, with a request that fits the new structure."
    ),
    "weighty_business_interests": (
        "Ask which business interest weighs most and whether other hours or times would "
        "meet it; a smaller change may be accepted where this one was not."
    ),
}

GENERAL = (
    "Ask for less: one home day a week as a trial is the request most often accepted.",
    "Build trust first: take the readiness self-check, work on the weak spots it finds, "
    "and let a few months of good results speak for you.",
    "Ask your manager what would change their mind, and write down the answer.",
)

MOVE_ON = (
    "If flexibility matters a great deal to you and the answer stays no after a fair trial "
    "of these steps, it is reasonable to look for an employer where it is normal. "
    "Sometimes the answer is to move on."
)


def advice_for(grounds: Sequence[str], *, next_request_on: date | None, today: date) -> list[str]:
    """What the employee can do next, most specific first, ending with the honest option."""
    lines = [BY_GROUND[g] for g in dict.fromkeys(grounds) if g in BY_GROUND]
    if next_request_on is not None and next_request_on > today:
        lines.append(
            f"You can make a new request from {next_request_on:%d %B %Y}; use the time to "
            "prepare it with the points above."
        )
    lines += GENERAL
    lines.append(MOVE_ON)
    return lines
