"""Forms of the evidence pages. They only check input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.coach.patterns import WEEKDAY_NAMES
from homeward.evidence.models import Decision, Frequency, Metric

WEEKDAY_CHOICES = [(str(i), WEEKDAY_NAMES[i]) for i in range(5)]
KIND_CHOICES = [
    ("weekdays", "These weekdays every week"),
    ("n_of_set", "A number of days a week, chosen from the ticked days"),
]


class MetricForm(forms.Form):
    name = forms.CharField(max_length=100)
    unit = forms.CharField(max_length=40, help_text="What it is counted in: tickets, calls, £, %.")
    higher_is_better = forms.BooleanField(
        required=False,
        initial=True,
        label="Higher is better",
        help_text="Untick for results such as errors or handling time.",
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.DAILY)
    scope = forms.ChoiceField(label="For", help_text="A whole team, or one person.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = scopes


class MetricEditForm(forms.Form):
    name = forms.CharField(max_length=100)
    unit = forms.CharField(max_length=40)
    higher_is_better = forms.BooleanField(required=False, label="Higher is better")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def for_metric(cls, metric: Metric, data: Any = None) -> MetricEditForm:
        return cls(
            data,
            initial={
                "name": metric.name,
                "unit": metric.unit,
                "higher_is_better": metric.higher_is_better,
                "description": metric.description,
            },
        )


class ResultsImportForm(forms.Form):
    file = forms.FileField(help_text="A CSV file, UTF-8, with the header shown above.")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 20 MB.")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None


class PatternFields(forms.Form):
    kind = forms.ChoiceField(
        choices=KIND_CHOICES, initial="weekdays", label="Pattern", required=False
    )
    weekdays = forms.MultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Home days",
    )
    n_days = forms.IntegerField(
        min_value=1, max_value=5, required=False, label="Days a week (for a number of days)"
    )

    def pattern_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        days = [int(d) for d in data.get("weekdays") or []]
        if data.get("kind") == "n_of_set":
            return {"kind": "n_of_set", "n_days": data.get("n_days") or 0, "allowed_weekdays": days}
        return {"kind": "weekdays", "weekdays": days}


class ReviewForm(PatternFields):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    review_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="For an extension (required) or an adjusted pattern (optional).",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Note to the employee"
    )

    field_order = ["decision", "review_date", "kind", "weekdays", "n_days", "note"]


class NextStepForm(PatternFields):
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    big_step_ok = forms.BooleanField(
        required=False,
        label="I understand this is more than one step and still want to ask for it",
    )

    field_order = ["kind", "weekdays", "n_days", "start_date", "big_step_ok"]
