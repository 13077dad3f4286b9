from __future__ import annotations

from django import forms


class TemplateForm(forms.Form):
    body = forms.CharField(
        label="Template",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
        max_length=50_000,
        strip=False,
    )
