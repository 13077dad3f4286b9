"""Company telework policy (versioned) and the concern catalogue it answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.people.models import JURISDICTIONS, Office, Person, Team
from homeward.policy.catalogue import RESOLVERS

# The roles (see Person.roles) a policy version may exclude, with the names people read.
# "employee" is not here: everyone has it, so excluding it would exclude everyone.
EXCLUDABLE_ROLES = {"manager": "manager", "hr": "HR"}


class ConcernQuerySet(models.QuerySet["Concern"]):
    def current(self) -> ConcernQuerySet:
        return self.filter(retired_at__isnull=True)


class Concern(models.Model):
    """One practical question a manager needs answered. Retired, never deleted."""

    key = models.SlugField(max_length=60, unique=True)
    category = models.CharField(max_length=40)
    question = models.CharField(max_length=300)
    resolver = models.CharField(max_length=20, choices=RESOLVERS)
    blocking = models.BooleanField(default=True, help_text="Approval waits until it is resolved.")
    standard = models.BooleanField(default=False, help_text="Part of the shipped catalogue.")
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.question


class Policy(models.Model):
    """A telework policy and where it applies: an office, a jurisdiction, or everywhere."""

    name = models.CharField(max_length=100)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT)
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTIONS, blank=True)

    class Meta:
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(
                fields=["office"], condition=Q(office__isnull=False), name="one_policy_per_office"
            ),
            models.UniqueConstraint(
                fields=["jurisdiction"],
                condition=Q(office__isnull=True) & ~Q(jurisdiction=""),
                name="one_policy_per_jurisdiction",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(office__isnull=True, jurisdiction=""),
                name="one_default_policy_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scope(self) -> str:
        if self.office_id:
            return f"office: {self.office}"
        if self.jurisdiction:
            return f"jurisdiction: {self.get_jurisdiction_display()}"
        return "everyone else (default)"

    def published(self) -> PolicyVersion | None:
        return self.versions.filter(status=PolicyVersion.PUBLISHED).order_by("-number").first()


class PolicyVersion(models.Model):
    """One version of a policy. Draft until published; published versions never change."""

    DRAFT, PUBLISHED, SUPERSEDED = "draft", "published", "superseded"
    STATUSES = [(DRAFT, "Draft"), (PUBLISHED, "Published"), (SUPERSEDED, "Superseded")]

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=STATUSES, default=DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(blank=True, help_text="What changed in this version.")

    # Eligibility and limits.
    min_tenure_days = models.PositiveIntegerField(default=0)
    excluded_teams = models.ManyToManyField(Team, blank=True, related_name="+")
    excluded_roles = models.JSONField(
        default=list, blank=True, help_text="Role keys (manager, hr) whose proposals are refused."
    )
    max_home_days_per_week = models.PositiveSmallIntegerField(default=2)
    default_trial_weeks = models.PositiveSmallIntegerField(default=12)
    cooldown_weeks = models.PositiveSmallIntegerField(
        default=12, help_text="How long an arrangement runs before asking for more."
    )
    hr_approval_above_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="HR gives a second approval above this many days a week."
    )
    # Practical answers that drive behaviour.
    recall_notice_hours = models.PositiveIntegerField(default=24)
    recall_override_by = models.CharField(
        max_length=200, blank=True, default="Head of department, in an emergency"
    )
    internet_stipend_monthly = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    phone_stipend_monthly = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    ergonomics_check_required = models.BooleanField(default=True)
    outage_rule = models.CharField(
        max_length=20,
        choices=[
            ("come_in", "Come in to the office"),
            ("make_up", "Make up the time"),
            ("leave", "Take leave"),
            ("manager", "Agree with the manager"),
        ],
        default="manager",
    )
    # Free-text answers to concerns, by concern key.
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="unique_policy_version"),
            models.CheckConstraint(
                condition=Q(max_home_days_per_week__lte=7), name="home_days_at_most_a_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy.name} v{self.number}"

    @property
    def label(self) -> str:
        return str(self)

    def answer_for(self, key: str) -> str:
        return (self.answers or {}).get(key, "").strip()

    def excluded_role_names(self) -> list[str]:
        """The excluded roles as people read them, in a fixed order ("manager", "HR")."""
        roles = set(self.excluded_roles or [])
        return [name for key, name in EXCLUDABLE_ROLES.items() if key in roles]

    def exclusion_for(self, person: Person) -> str | None:
        """Why this version refuses ``person``'s proposals, or None if it does not.

        The one eligibility check on who may ask: their team, else any of their roles
        (a manager who is also HR is named by the first excluded role). Tenure is a date
        rule, checked on the start date instead.
        """
        if person.team_id and self.excluded_teams.filter(pk=person.team_id).exists():
            return f"The policy ({self.label}) excludes the {person.team} team."
        excluded = set(self.excluded_roles or [])
        for role in person.roles():
            if role in excluded:
                name = EXCLUDABLE_ROLES.get(role, role)
                return f"The policy ({self.label}) excludes the {name} role."
        return None

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.max_home_days_per_week > 5:
            errors["max_home_days_per_week"] = "At most 5: there are five working days in a week."
        if self.default_trial_weeks < 1:
            errors["default_trial_weeks"] = "A trial lasts at least one week."
        if errors:
            raise ValidationError(errors)


def policy_for(person: Person) -> PolicyVersion | None:
    """The published policy version that applies to a person: their office's, else their
    jurisdiction's, else the default one; None when HR has published nothing."""
    base = PolicyVersion.objects.filter(status=PolicyVersion.PUBLISHED).select_related("policy")
    if person.office_id:
        v = base.filter(policy__office_id=person.office_id).order_by("-number").first()
        if v:
            return v
    v = (
        base.filter(policy__office__isnull=True, policy__jurisdiction=person.jurisdiction)
        .order_by("-number")
        .first()
    )
    if v:
        return v
    return (
        base.filter(policy__office__isnull=True, policy__jurisdiction="")
        .order_by("-published_at", "-number")
        .first()
    )
