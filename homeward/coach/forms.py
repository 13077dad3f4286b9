"""The readiness check as a form: one set of radio buttons per question, in dimension order."""

from __future__ import annotations

from typing import Any

from django import forms

from homeward.coach.readiness import DIMENSIONS, QUESTIONS


class ReadinessForm(forms.Form):
    """Every question is required; the scoring itself is done by ``readiness.score``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(c.value, c.label) for c in q.choices],
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer this question."},
            )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(dimension label, its questions' bound fields), for the template."""
        return [
            (d.label, [self[q.key] for q in QUESTIONS if q.dimension == d.key]) for d in DIMENSIONS
        ]
