"""The privacy module's own rows: the record that a person's data was erased."""

from __future__ import annotations

from homeward.lib.personal_data import ErasurePlan, Provider, Section, Subject
from homeward.privacy.models import Erasure


def export(subject: Subject) -> list[Section]:
    # An erased person cannot sign in, so there is never an erasure to show them.
    return []


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """The erasure record itself stays: it is what says the data was erased, and holds the
    identity kept records need until their retention ends (then the worker empties it)."""
    return {}


PROVIDER = Provider(app="privacy", models=(Erasure,), export=export, erase=erase)
