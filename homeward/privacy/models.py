"""Erasures of personal data: when, by whom, and what is kept for how long."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from homeward.people.models import Person


class Erasure(models.Model):
    """A person whose personal data was erased. Only ``actions.py`` writes these rows.

    ``records`` lists the requests kept because the person's rule pack requires it, each
    with the date its retention ends; ``held`` is the identity those records need until
    then (the person's name and address are gone from everywhere else). The worker erases
    each record once its retention ends, and empties ``held`` with the last one.
    """

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="erasure")
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(default=timezone.now)
    held = models.JSONField(default=dict, blank=True)
    records = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"Erasure of {self.person}"

    @property
    def keep_until(self) -> date | None:
        """The last day a kept record is kept, or None when nothing is kept any more."""
        return max((date.fromisoformat(r["until"]) for r in self.records), default=None)

    @property
    def next_due(self) -> date | None:
        """The first day a kept record is due to be erased."""
        return min((date.fromisoformat(r["until"]) for r in self.records), default=None)
