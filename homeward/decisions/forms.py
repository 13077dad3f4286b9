"""Forms of the decision pages. They only parse input; the actions check the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.coach.patterns import WEEKDAY_NAMES
from homeward.decisions.models import Appeal, Meeting, Outcome
from homeward.people.models import Person
from homeward.proposals.models import PATTERN_KINDS

WEEKDAY_CHOICES = [(str(d), WEEKDAY_NAMES[d]) for d in range(5)]
CRITERIA_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DecideForm(forms.Form):
    """One form for every outcome; the page shows the fields each outcome needs."""

    outcome = forms.ChoiceField(choices=Outcome.choices)
    grounds = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Grounds"
    )
    explanation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    start_date = forms.DateField(required=False, widget=DateInput())
    review_date = forms.DateField(required=False, widget=DateInput())
    counter_pattern_kind = forms.ChoiceField(
        choices=PATTERN_KINDS, required=False, label="Kind of pattern"
    )
    counter_weekdays = forms.MultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Home weekdays",
    )
    counter_n_days = forms.IntegerField(
        required=False, min_value=1, max_value=5, label="Days a week"
    )
    counter_allowed_weekdays = forms.MultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Chosen from",
    )
    counter_reduced_hours = forms.DecimalField(
        required=False, min_value=0, max_value=8, decimal_places=1, label="Hours shorter"
    )
    counter_trial = forms.BooleanField(required=False, initial=True, label="As a trial")
    meeting_proposed_for = forms.DateTimeField(
        required=False,
        label="Proposed time (optional)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(
        self,
        *args: Any,
        grounds: list[tuple[str, str]] | None = None,
        metrics: list[tuple[int, str]] | None = None,
        rules: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].choices = grounds or []  # type: ignore[attr-defined]
        self.has_metrics = bool(metrics)
        for n in range(1, CRITERIA_ROWS + 1):
            self.fields[f"metric_{n}"] = forms.TypedChoiceField(
                choices=[("", "—")] + [(str(k), v) for k, v in (metrics or [])],
                required=False,
                label=f"Criterion {n}: metric",
            )
            self.fields[f"rule_{n}"] = forms.ChoiceField(
                choices=rules or [], required=False, label="Rule"
            )
            self.fields[f"threshold_{n}"] = forms.FloatField(
                required=False, initial=5 if n == 1 else None, label="Threshold"
            )

    def counter(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "pattern_kind": d.get("counter_pattern_kind") or "weekdays",
            "weekdays": [int(x) for x in d.get("counter_weekdays") or []],
            "n_days": d.get("counter_n_days"),
            "allowed_weekdays": [int(x) for x in d.get("counter_allowed_weekdays") or []],
            "reduced_hours": d.get("counter_reduced_hours"),
        }

    def criteria(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        out = []
        for n in range(1, CRITERIA_ROWS + 1):
            metric = d.get(f"metric_{n}")
            if metric:
                out.append(
                    {
                        "metric_id": int(metric),
                        "rule": d.get(f"rule_{n}") or "",
                        "threshold": d.get(f"threshold_{n}") or 0,
                    }
                )
        return out

    def criteria_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"metric_{n}"], self[f"rule_{n}"], self[f"threshold_{n}"])
            for n in range(1, CRITERIA_ROWS + 1)
        ]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(choices=Meeting.KINDS, initial=Meeting.CONSULTATION)
    held_on = forms.DateField(widget=DateInput(), label="Held on")
    attendees = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also present",
    )
    other_attendees = forms.CharField(
        required=False, max_length=300, label="Others present (e.g. a companion)"
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What was discussed")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["attendees"].queryset = people  # type: ignore[attr-defined]


class RespondForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Your answer")


class CounterResponseForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=366, label="More days")
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("agree", "Agree"), ("refuse", "Do not agree")])


class HrForm(forms.Form):
    answer = forms.ChoiceField(choices=[("approve", "Approve"), ("refuse", "Do not approve")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), label="Why the decision should change"
    )


class AssignAppealForm(forms.Form):
    assigned_to = forms.ModelChoiceField(queryset=Person.objects.none(), label="Manager")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["assigned_to"].queryset = people  # type: ignore[attr-defined]


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=Appeal.OUTCOMES, widget=forms.RadioSelect)
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    trial = forms.BooleanField(required=False, initial=True, label="Start as a trial")
    start_date = forms.DateField(required=False, widget=DateInput())
    review_date = forms.DateField(required=False, widget=DateInput())
