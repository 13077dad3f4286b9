"""What a proposal says: its policy, computed benefits, and the frozen content of a revision.

Read-only helpers shared by the actions (which freeze content into revisions), the pages,
the letter and the API.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from homeward.coach.benefits import (
    EMISSION_FACTORS,
    Benefits,
    BenefitsError,
    Commute,
    compute_benefits,
)
from homeward.coach.letter import format_date
from homeward.coach.patterns import home_days_per_week
from homeward.people.models import Person
from homeward.policy.models import PolicyVersion, policy_for
from homeward.proposals.models import Proposal, Status

DEFAULT_RECALL_NOTICE_HOURS = 24
"""Used in the letter when no policy is published (the policy model's own default)."""

# The fields the employee writes, in the order the builder asks for them.
CONTENT_FIELDS = (
    "pattern_kind",
    "weekdays",
    "n_days",
    "allowed_weekdays",
    "reduced_hours",
    "start_date",
    "trial_weeks",
    "core_hours",
    "response_minutes",
    "recall_accepted",
    "outage_plan",
    "commute_km",
    "commute_minutes",
    "commute_mode",
    "own_benefits",
    "precedent",
    "readiness",
    "letter_tone",
)

# How a revision comparison names each frozen value.
LABELS = {
    "pattern": "Pattern",
    "start_date": "Start date",
    "trial_weeks": "Trial length (weeks)",
    "review_date": "Review date",
    "core_hours": "Core hours",
    "response_minutes": "Response time (minutes)",
    "recall_accepted": "Comes in when called in",
    "outage_plan": "Outage plan",
    "commute": "Commute",
    "own_benefits": "Other benefits",
    "precedent": "Evidence from an earlier trial",
    "readiness": "Readiness check attached",
}


def policy_of(proposal: Proposal) -> PolicyVersion | None:
    """The policy version fixed at submission, else the one that applies to the employee now."""
    if proposal.policy_version_id:
        return proposal.policy_version
    return policy_for(proposal.employee)


def current_home_days(person: Person) -> float:
    """Home days a week of the person's latest approved proposal (0 if none was approved)."""
    approved = (Status.APPROVED, Status.APPROVED_TRIAL, Status.OVERTURNED)
    latest = (
        Proposal.objects.filter(employee=person, status__in=approved)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if latest is None:
        return 0.0
    try:
        return home_days_per_week(latest.pattern())
    except ValueError:
        return 0.0


def commute_of(proposal: Proposal) -> Commute:
    """The proposal's commute, falling back to the person's record field by field."""
    person = proposal.employee
    km = proposal.commute_km if proposal.commute_km is not None else person.commute_km
    minutes = (
        proposal.commute_minutes if proposal.commute_minutes is not None else person.commute_minutes
    )
    return Commute(
        float(km or 0), float(minutes or 0), proposal.commute_mode or person.commute_mode
    )


def benefits_for(proposal: Proposal) -> Benefits | None:
    """Commuting time and CO2 saved by the proposal's pattern; None if it cannot be computed."""
    try:
        days = home_days_per_week(proposal.pattern())
        return compute_benefits(commute_of(proposal), days)
    except (BenefitsError, ValueError):
        return None


def _commute_text(proposal: Proposal) -> str:
    c = commute_of(proposal)
    factor = EMISSION_FACTORS.get(c.mode)
    mode = factor.label.lower() if factor else c.mode
    return f"{c.distance_km:g} km, {c.minutes:g} minutes one way by {mode}"


def content_of(proposal: Proposal) -> dict[str, Any]:
    """The proposal's content as plain JSON: raw fields, and the words people read."""
    benefits = benefits_for(proposal)
    review = proposal.review_date
    return {
        "pattern_kind": proposal.pattern_kind,
        "weekdays": list(proposal.weekdays or []),
        "n_days": proposal.n_days,
        "allowed_weekdays": list(proposal.allowed_weekdays or []),
        "reduced_hours": None if proposal.reduced_hours is None else str(proposal.reduced_hours),
        "pattern": proposal.pattern_text(),
        "start_date": proposal.start_date.isoformat() if proposal.start_date else None,
        "trial_weeks": proposal.trial_weeks,
        "review_date": review.isoformat() if review else None,
        "core_hours": proposal.core_hours,
        "response_minutes": proposal.response_minutes,
        "recall_accepted": proposal.recall_accepted,
        "outage_plan": proposal.outage_plan,
        "commute": _commute_text(proposal),
        "commute_km": None if proposal.commute_km is None else str(proposal.commute_km),
        "commute_minutes": proposal.commute_minutes,
        "commute_mode": proposal.commute_mode,
        "own_benefits": proposal.own_benefit_lines(),
        "precedent": proposal.precedent,
        "readiness": proposal.readiness_id,
        "benefits": [list(line) for line in benefits.lines()] if benefits else [],
    }


def _shown(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if key in ("start_date", "review_date"):
        return format_date(date.fromisoformat(value))
    return str(value)


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, str]]:
    """What changed between two frozen contents, as rows a person can read.

    With no ``old`` (the first revision) every value is listed as new.
    """
    rows = []
    for key, label in LABELS.items():
        before = None if old is None else old.get(key)
        after = new.get(key)
        if old is not None and before == after:
            continue
        rows.append(
            {
                "field": key,
                "label": label,
                "before": "" if old is None else _shown(key, before),
                "after": _shown(key, after),
            }
        )
    return rows
