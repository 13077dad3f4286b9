"""Putting an action's refusal on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError


def add_errors(
    form: forms.Form,
    exc: ValidationError,
    *,
    elsewhere: Callable[[str, str], str] | None = None,
) -> None:
    """Each message at its field where the form has that field, else on top of the form.

    ``elsewhere(field, message)`` words a message about a field this form does not show
    (e.g. one on another step of the builder); by default it is shown as it is.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        elif elsewhere is None:
            form.add_error(None, messages)
        else:
            for message in messages:
                form.add_error(None, elsewhere(field, message))
