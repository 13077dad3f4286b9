from __future__ import annotations

from django import forms

from homeward.schedule.models import EntryKind


class LeaveForm(forms.Form):
    start_date = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        choices=[(EntryKind.LEAVE, "Leave"), (EntryKind.BUSINESS, "Away on business")]
    )
    note = forms.CharField(max_length=200, required=False)


class SwapForm(forms.Form):
    from_day = forms.DateField(label="Home day", widget=forms.DateInput(attrs={"type": "date"}))
    to_day = forms.DateField(
        label="Instead, at home on", widget=forms.DateInput(attrs={"type": "date"})
    )
