"""The schedule's own rows: one-off entries that override the arrangement, and the days
picked for flexible arrangements. Where a person works is computed (``resolver.py``), never
copied into a table."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.people.models import Person


class EntryKind(models.TextChoices):
    LEAVE = "leave", "Leave"
    BUSINESS = "business", "Away on business"
    HOME = "home", "Home (swapped)"
    OFFICE = "office", "Office (swapped)"


class EntrySource(models.TextChoices):
    HAND = "hand", "Entered by hand"
    CSV = "csv", "Imported from CSV"
    API = "api", "Posted to the API"
    SWAP = "swap", "A swap"


class DayEntry(models.Model):
    """A one-off entry for a person over a run of days; it overrides the arrangement."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    source = models.CharField(max_length=8, choices=EntrySource.choices, default=EntrySource.HAND)
    note = models.CharField(max_length=200, blank=True)
    # The two entries of one swap (home -> office, office -> home) share a group.
    swap_group = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start_date", "id"]
        indexes = [models.Index(fields=["person", "start_date"], name="dayentry_person_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="dayentry_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {self.start_date}..{self.end_date}"


class PlannedDay(models.Model):
    """A home day picked for a flexible ("n of a set") arrangement: by the person for a
    coming week, or (later) by the week planner. The one place such a choice is written."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="planned_days"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="planned_days")
    day = models.DateField()
    chosen_by = models.CharField(max_length=10, default="person")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="planned_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: home {self.day}"
