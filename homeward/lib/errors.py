"""The one refusal every app shares for "not now": a verb that does not fit the state."""

from __future__ import annotations

from django.core.exceptions import ValidationError

INVALID_STATE = "invalid_state"


class StateConflict(ValidationError):
    """A verb that does not fit the object's state (deciding twice, withdrawing after a
    decision). A ValidationError with code ``invalid_state``, so pages show it like any
    other refusal; the API answers 409 (one handler in ``api/app.py``) instead of 422."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code=INVALID_STATE)
