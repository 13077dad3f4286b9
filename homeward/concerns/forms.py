"""Forms for concern threads and the safety self-check.

Forms only parse input; the rules (and their messages) live in ``actions.py`` so the pages
and the API refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.concerns.models import ConcernMessage
from homeward.policy import safety


class MessageForm(forms.Form):
    body = forms.CharField(label="Your message", widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(
        choices=[(ConcernMessage.ANSWER, "Answer"), (ConcernMessage.QUESTION, "Question")],
        required=False,
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.TextInput, max_length=5000
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Why reopen it?", widget=forms.TextInput, max_length=5000)


class RaiseForm(forms.Form):
    question = forms.CharField(label="Your question", max_length=500, widget=forms.TextInput)
    details = forms.CharField(
        label="Details (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    blocking = forms.BooleanField(
        label="Must be resolved before approval", required=False, initial=True
    )


class SafetyCheckForm(forms.Form):
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in safety.ITEMS:
            choices = [c for c in safety.ANSWERS if item.na_allowed or c[0] != safety.NA]
            self.fields[item.key] = forms.ChoiceField(
                label=item.text, choices=choices, widget=forms.RadioSelect
            )

    def part(self, name: str) -> list[forms.BoundField]:
        return [self[i.key] for i in safety.ITEMS if i.part == name]

    def answers(self) -> dict[str, str]:
        return {i.key: self.cleaned_data.get(i.key, "") for i in safety.ITEMS}
