"""What changed between two versions of a policy, for the version history page and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeward.policy.models import Concern, PolicyVersion

RULE_LABELS = {
    "min_tenure_days": "Minimum tenure (days)",
    "max_home_days_per_week": "Maximum home days a week",
    "default_trial_weeks": "Default trial (weeks)",
    "cooldown_weeks": "Cooldown (weeks)",
    "hr_approval_above_days": "HR approves above (days a week)",
    "recall_notice_hours": "Recall notice (hours)",
    "recall_override_by": "Who may recall with less notice",
    "internet_stipend_monthly": "Internet stipend a month",
    "phone_stipend_monthly": "Phone stipend a month",
    "ergonomics_check_required": "Safety self-check required",
    "outage_rule": "When the connection or power fails",
}


@dataclass(frozen=True)
class Change:
    field: str  # a rule's name, "answer:<key>", "excluded_teams" or "excluded_roles"
    label: str
    old: str
    new: str


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def diff_versions(old: PolicyVersion, new: PolicyVersion) -> list[Change]:
    """Every rule, answer, excluded team and excluded role that differs, rules first, answers in catalogue
    order (answers to concerns no longer in the catalogue last, by key)."""
    changes: list[Change] = []
    for field, label in RULE_LABELS.items():
        a, b = getattr(old, field), getattr(new, field)
        if field == "outage_rule":
            a, b = old.get_outage_rule_display(), new.get_outage_rule_display()
        if a != b:
            changes.append(Change(field, label, _show(a), _show(b)))
    teams_a = sorted(t.name for t in old.excluded_teams.all())
    teams_b = sorted(t.name for t in new.excluded_teams.all())
    if teams_a != teams_b:
        changes.append(
            Change(
                "excluded_teams",
                "Excluded teams",
                ", ".join(teams_a) or "—",
                ", ".join(teams_b) or "—",
            )
        )
    roles_a, roles_b = old.excluded_role_names(), new.excluded_role_names()
    if roles_a != roles_b:
        changes.append(
            Change(
                "excluded_roles",
                "Excluded roles",
                ", ".join(roles_a) or "—",
                ", ".join(roles_b) or "—",
            )
        )
    answers_a, answers_b = old.answers or {}, new.answers or {}
    keys = set(answers_a) | set(answers_b)
    concerns = {c.key: c for c in Concern.objects.filter(key__in=keys)}
    ordered = sorted(
        keys,
        key=lambda k: (k not in concerns, concerns[k].position if k in concerns else 0, k),
    )
    for key in ordered:
        a, b = answers_a.get(key, "").strip(), answers_b.get(key, "").strip()
        if a != b:
            label = concerns[key].question if key in concerns else key
            changes.append(Change(f"answer:{key}", label, _show(a), _show(b)))
    return changes
