"""The builder's steps as forms. They only parse input; the actions judge it."""

from __future__ import annotations

from django import forms

from homeward.coach.letter import TONES
from homeward.coach.patterns import WEEKDAY_NAMES, WORKING_WEEKDAYS
from homeward.people.models import COMMUTE_MODES
from homeward.proposals.models import PATTERN_KINDS

WEEKDAY_CHOICES = [(i, WEEKDAY_NAMES[i]) for i in WORKING_WEEKDAYS]


def _days(**kwargs: object) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        coerce=int,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,  # type: ignore[arg-type]
    )


class PatternForm(forms.Form):
    pattern_kind = forms.ChoiceField(
        label="What would you like to ask for?", choices=PATTERN_KINDS, widget=forms.RadioSelect
    )
    weekdays = _days(label="Which weekdays?")
    n_days = forms.IntegerField(label="How many days a week?", required=False)
    allowed_weekdays = _days(label="Chosen each week from")
    reduced_hours = forms.DecimalField(
        label="Shorten each office day by (hours)",
        required=False,
        max_digits=4,
        decimal_places=1,
    )


class DatesForm(forms.Form):
    start_date = forms.DateField(
        label="Start date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    trial_weeks = forms.IntegerField(label="Trial length in weeks", required=False)


class CommitmentsForm(forms.Form):
    core_hours = forms.CharField(
        label="Core hours you will keep",
        required=False,
        max_length=50,
        help_text="For example 10:00-16:00.",
    )
    response_minutes = forms.IntegerField(
        label="You will answer messages and calls within (minutes)", required=False
    )
    recall_accepted = forms.BooleanField(
        label="I will come into the office when called in, with the policy's notice",
        required=False,
    )
    outage_plan = forms.CharField(
        label="If your internet or power fails",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: switch to a mobile hotspot, and come in if it lasts over an hour.",
    )


class BenefitsForm(forms.Form):
    commute_km = forms.DecimalField(
        label="One-way commute (km)", required=False, max_digits=7, decimal_places=1
    )
    commute_minutes = forms.IntegerField(label="One-way commute (minutes)", required=False)
    commute_mode = forms.ChoiceField(label="How you travel", choices=COMMUTE_MODES)
    own_benefits = forms.CharField(
        label="Other benefits, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Fewer interruptions, less downtime, morale, retention: say it in your words.",
    )


class SendForm(forms.Form):
    tone = forms.ChoiceField(choices=[(t, t) for t in TONES])


class WithdrawForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000)
