"""Metrics, success criteria, results and evidence reports: how a trial proves itself.

Only the functions in ``actions/`` write these rows; the statistics
live in the pure ``engine.py`` and the pictures in the pure ``charts.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.people.models import Person, Team


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class DayType(models.TextChoices):
    HOME = "home", "Home"
    OFFICE = "office", "Office"
    LEAVE = "leave", "Leave"
    HOLIDAY = "holiday", "Public holiday"


class Source(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    CSV = "csv", "CSV import"
    API = "api", "API"


class Rule(models.TextChoices):
    NO_WORSE_THAN_PCT = "no_worse_than_pct", "Home days no worse than office days by more than X%"
    AT_LEAST_BASELINE = "at_least_baseline", "Home days at least as good as office days"


class MetricQuerySet(models.QuerySet["Metric"]):
    def current(self) -> MetricQuerySet:
        return self.filter(archived_at__isnull=True)

    def applying_to(self, person: Person) -> MetricQuerySet:
        """Metrics that measure this person: their own, and their team's."""
        scope = Q(person=person)
        if person.team_id is not None:
            scope |= Q(team_id=person.team_id)
        return self.filter(scope)


class Metric(models.Model):
    """A result that matters, for a whole team or for one person. Archived, never deleted."""

    name = models.CharField(max_length=100)
    unit = models.CharField(max_length=40, help_text="What one is counted in, e.g. tickets, %.")
    higher_is_better = models.BooleanField(
        default=True, help_text="Untick for results such as errors or handling time."
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="metrics"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="own_metrics"
    )
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = MetricQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(team__isnull=False) & Q(person__isnull=True))
                | (Q(team__isnull=True) & Q(person__isnull=False)),
                name="metric_for_a_team_or_a_person",
            ),
            models.UniqueConstraint(
                fields=["team", "name"],
                condition=Q(team__isnull=False, archived_at__isnull=True),
                name="unique_current_team_metric_name",
            ),
            models.UniqueConstraint(
                fields=["person", "name"],
                condition=Q(person__isnull=False, archived_at__isnull=True),
                name="unique_current_person_metric_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def scope_label(self) -> str:
        return f"team {self.team}" if self.team_id else f"{self.person}"

    @property
    def is_weekly(self) -> bool:
        return self.frequency == Frequency.WEEKLY

    @property
    def per(self) -> str:
        return "week" if self.is_weekly else "day"

    def applies_to(self, person: Person) -> bool:
        if self.person_id is not None:
            return self.person_id == person.pk
        return self.team_id is not None and self.team_id == person.team_id


class SuccessCriterion(models.Model):
    """How a trial is judged on one metric, set at approval and editable until the review.

    ``threshold`` is a percentage for ``no_worse_than_pct`` (home may fall short of the
    office mean by at most this share) and a margin in the metric's unit for
    ``at_least_baseline`` (0: home at least as good as office; negative tolerates a gap).
    """

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="success_criteria"
    )
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="criteria")
    rule = models.CharField(max_length=20, choices=Rule.choices)
    threshold = models.FloatField(default=0)
    set_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["arrangement", "metric__name", "rule"]
        verbose_name_plural = "success criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "metric", "rule"], name="one_rule_per_metric_per_trial"
            )
        ]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        name = self.metric.name
        better, worse = ("higher", "lower") if self.metric.higher_is_better else ("lower", "higher")
        if self.rule == Rule.NO_WORSE_THAN_PCT:
            return (
                f"{name}: home days no worse than office days by more than "
                f"{self.threshold:g}% ({worse} is worse)"
            )
        if self.threshold > 0:
            return f"{name}: home days better than office days by at least {self.threshold:g} {self.metric.unit}"
        if self.threshold < 0:
            return f"{name}: home days short of office days by at most {-self.threshold:g} {self.metric.unit}"
        return f"{name}: home days at least as good as office days ({better} is better)"


class ResultEntryQuerySet(models.QuerySet["ResultEntry"]):
    def between(self, since: object, until: object) -> ResultEntryQuerySet:
        return self.filter(date__gte=since, date__lte=until)


class ResultEntry(models.Model):
    """One measured result: a person's value of a metric on a day (or in the week from a Monday).

    ``day_type`` comes from the schedule (the arrangement's pattern and the office's public
    holidays) unless the entry stated it (``stated``): leave is only ever stated. ``home_share``
    is what the engine uses: 1 or 0 for a home or office day, the share of home working days
    for a weekly result, and null for leave and holidays (left out of comparisons).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="results")
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="results")
    date = models.DateField(help_text="The day, or the Monday starting the week.")
    value = models.FloatField()
    day_type = models.CharField(max_length=10, choices=DayType.choices)
    stated = models.BooleanField(default=False, help_text="The day type was given, not computed.")
    home_share = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ResultEntryQuerySet.as_manager()

    class Meta:
        ordering = ["person", "metric", "date"]
        verbose_name_plural = "result entries"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "metric", "date"], name="one_result_per_person_metric_date"
            ),
            models.CheckConstraint(
                condition=Q(home_share__isnull=True)
                | (Q(home_share__gte=0) & Q(home_share__lte=1)),
                name="home_share_between_0_and_1",
            ),
        ]
        indexes = [models.Index(fields=["metric", "date"], name="result_metric_date")]

    def __str__(self) -> str:
        return f"{self.person} {self.metric.name} {self.date}: {self.value:g}"


class Overall(models.TextChoices):
    PASS = "pass", "Criteria met"
    FAIL = "fail", "Criteria not met"
    INCONCLUSIVE = "inconclusive", "Not yet clear"
    NONE = "none", "No verdict"


class Decision(models.TextChoices):
    CONFIRM = "confirm", "Confirm: make it a standing arrangement"
    EXTEND = "extend", "Extend the trial"
    ADJUST = "adjust", "Adjust the pattern"
    END = "end", "End the arrangement"


class EvidenceReport(models.Model):
    """The figures as the reviewer saw them when deciding, kept unchanged afterwards."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.PROTECT, related_name="reports")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    note = models.TextField(blank=True)
    overall = models.CharField(max_length=15, choices=Overall.choices, default=Overall.NONE)
    figures = models.JSONField(default=dict)
    review_date = models.DateField(null=True, blank=True, help_text="The new one, if extended.")
    successor = models.ForeignKey(
        Arrangement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The adjusted arrangement that replaced this one.",
    )
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.arrangement}: {self.get_decision_display()}"
