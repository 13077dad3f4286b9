"""Arrangements: what an approval starts. A trial first, then standing once it has worked.

States (product design): trial -> standing | extended | ended; any -> suspended (recall)
-> resumed. Where the law makes a signed agreement a condition, an approved arrangement
waits as ``pending`` (not active: no home days) until everyone has signed, then becomes the
trial or standing arrangement it was approved as. Only ``actions.py`` changes a status.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.people.models import Person
from homeward.proposals.models import PATTERN_KINDS, Proposal


class ArrangementStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the signed agreement"
    TRIAL = "trial", "Trial"
    EXTENDED = "extended", "Trial extended"
    STANDING = "standing", "Standing arrangement"
    SUSPENDED = "suspended", "Suspended (recalled)"
    ENDED = "ended", "Ended"


ACTIVE = (
    ArrangementStatus.TRIAL,
    ArrangementStatus.EXTENDED,
    ArrangementStatus.STANDING,
    ArrangementStatus.SUSPENDED,
)


class ArrangementQuerySet(models.QuerySet["Arrangement"]):
    def active(self) -> ArrangementQuerySet:
        return self.filter(status__in=ACTIVE)

    def for_team_of(self, manager: Person) -> ArrangementQuerySet:
        return self.filter(employee__manager=manager)


class Arrangement(models.Model):
    employee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="arrangements")
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        related_name="arrangements",
        help_text="The proposal (or counter-proposal) whose approval started it.",
    )
    status = models.CharField(
        max_length=12, choices=ArrangementStatus.choices, default=ArrangementStatus.TRIAL
    )
    approved_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The pattern as approved (which may differ from what was asked, after a counter-proposal).
    pattern_kind = models.CharField(max_length=20, choices=PATTERN_KINDS, default="weekdays")
    weekdays = models.JSONField(default=list, blank=True)
    n_days = models.PositiveSmallIntegerField(null=True, blank=True)
    allowed_weekdays = models.JSONField(default=list, blank=True)
    reduced_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    start_date = models.DateField()
    review_date = models.DateField(null=True, blank=True, help_text="When the trial is reviewed.")
    end_date = models.DateField(null=True, blank=True)
    confirmed_on = models.DateField(null=True, blank=True, help_text="When it became standing.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="arrangement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee}: {self.get_status_display()} from {self.start_date}"

    @property
    def is_trial(self) -> bool:
        return self.status in (ArrangementStatus.TRIAL, ArrangementStatus.EXTENDED)

    def home_days_per_week(self) -> float:
        if self.pattern_kind == "weekdays":
            return float(len(self.weekdays))
        if self.pattern_kind == "n_of_set":
            return float(self.n_days or 0)
        return 0.0

    def is_home_day(self, day: object) -> bool | None:
        """True/False for a fixed-weekday pattern; None when the week's days are flexible."""
        if self.pattern_kind != "weekdays":
            return None
        return getattr(day, "weekday")() in self.weekdays  # noqa: B009
