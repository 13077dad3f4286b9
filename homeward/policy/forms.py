"""Forms for the concern catalogue and the policy editor.

Forms only parse input; the rules (and their messages) live in ``actions.py`` so the pages
and the API refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.people.models import JURISDICTIONS, Office, Team
from homeward.policy.actions import VERSION_FIELDS
from homeward.policy.catalogue import RESOLVERS
from homeward.policy.models import EXCLUDABLE_ROLES, Concern, PolicyVersion


class ConcernForm(forms.Form):
    question = forms.CharField(max_length=300, widget=forms.TextInput)
    category = forms.CharField(max_length=40, help_text="e.g. Costs, Technology, Safety.")
    resolver = forms.ChoiceField(choices=RESOLVERS, label="Usually answered by")
    blocking = forms.BooleanField(
        required=False, initial=True, help_text="Approval waits until it is resolved."
    )


class NewConcernForm(ConcernForm):
    key = forms.CharField(
        max_length=60,
        required=False,
        help_text="A stable identifier; left empty, it is made from the question.",
    )


class PolicyForm(forms.Form):
    name = forms.CharField(max_length=100)
    office = forms.ModelChoiceField(
        Office.objects.all(), required=False, empty_label="— any office —"
    )
    jurisdiction = forms.ChoiceField(
        choices=[("", "— any jurisdiction —"), *JURISDICTIONS], required=False
    )


class VersionForm(forms.Form):
    """A draft's rules, one answer per current concern, and the excluded teams and roles.

    Numbers are plain integer fields (no min/max here) so that the action's own, clearer
    reasons are what people read when a value is out of range.
    """

    min_tenure_days = forms.IntegerField(label="Minimum tenure (days)")
    max_home_days_per_week = forms.IntegerField(label="Maximum home days a week")
    default_trial_weeks = forms.IntegerField(label="Default trial (weeks)")
    cooldown_weeks = forms.IntegerField(
        label="Cooldown before asking for more (weeks)",
    )
    hr_approval_above_days = forms.IntegerField(
        label="HR approves above (days a week)",
        required=False,
        help_text="Empty: HR never gives a second approval.",
    )
    recall_notice_hours = forms.IntegerField(label="Recall notice (hours)")
    recall_override_by = forms.CharField(
        label="Who may recall with less notice", max_length=200, required=False
    )
    internet_stipend_monthly = forms.DecimalField(
        label="Internet stipend a month", max_digits=8, decimal_places=2
    )
    phone_stipend_monthly = forms.DecimalField(
        label="Phone stipend a month", max_digits=8, decimal_places=2
    )
    ergonomics_check_required = forms.BooleanField(
        label="Safety and ergonomics self-check required", required=False
    )
    outage_rule = forms.ChoiceField(
        label="When the connection or power fails",
        choices=list(PolicyVersion._meta.get_field("outage_rule").choices or []),
    )
    excluded_teams = forms.ModelMultipleChoiceField(
        Team.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Teams whose work must be done on site.",
    )
    excluded_roles = forms.MultipleChoiceField(
        choices=[(key, name[:1].upper() + name[1:]) for key, name in EXCLUDABLE_ROLES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People with any of these roles cannot ask. A manager is anyone with "
        "active reports. Everyone is an employee, so that role cannot be excluded.",
    )
    summary = forms.CharField(
        label="What changed in this version",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, concerns: list[Concern], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.concerns = concerns
        for c in concerns:
            self.fields[f"answer_{c.key}"] = forms.CharField(
                label=c.question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @classmethod
    def initial_for(cls, version: PolicyVersion) -> dict[str, Any]:
        initial: dict[str, Any] = {f: getattr(version, f) for f in VERSION_FIELDS}
        initial["excluded_teams"] = list(version.excluded_teams.all())
        initial["excluded_roles"] = list(version.excluded_roles or [])
        for key, text in (version.answers or {}).items():
            initial[f"answer_{key}"] = text
        return initial

    def rule_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if not n.startswith("answer_") and n != "summary"]

    def answer_groups(self) -> list[tuple[str, list[tuple[Concern, forms.BoundField]]]]:
        groups: dict[str, list[tuple[Concern, forms.BoundField]]] = {}
        for c in self.concerns:
            groups.setdefault(c.category, []).append((c, self[f"answer_{c.key}"]))
        return list(groups.items())

    def values(self) -> dict[str, Any]:
        return {f: self.cleaned_data.get(f) for f in VERSION_FIELDS}

    def answers(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"answer_{c.key}", "") for c in self.concerns}
