"""Proposals to work from home, their frozen revisions, and decisions on them.

States (product design): draft -> submitted -> in_review (<-> info_requested) ->
approved_trial | approved | countered | declined | withdrawn; declined -> appealed ->
upheld | overturned. Only the functions in ``actions.py`` change a status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.coach.letter import TONES
from homeward.coach.patterns import Pattern, describe
from homeward.people.models import COMMUTE_MODES, JURISDICTIONS, Person
from homeward.policy.models import PolicyVersion


def _weekday_list(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ValueError("Weekdays are numbers from 0 (Monday) to 6 (Sunday).")
    return tuple(value)


def pattern_of(values: Any) -> Pattern:
    """The one reading of a working pattern: from a Proposal, an Arrangement (same field
    names) or a mapping of those fields (form or API values). Raises ValueError when a list
    of weekdays is not a list of weekday numbers."""

    def get(name: str) -> Any:
        if isinstance(values, Mapping):
            return values.get(name)
        return getattr(values, name, None)

    hours = get("reduced_hours")
    return Pattern(
        kind=get("pattern_kind") or "weekdays",
        weekdays=_weekday_list(get("weekdays")),
        n_days=get("n_days") or 0,
        allowed_weekdays=_weekday_list(get("allowed_weekdays")),
        reduced_hours_per_day=float(hours) if hours is not None else 0.0,
    )


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    INFO_REQUESTED = "info_requested", "More information requested"
    APPROVED_TRIAL = "approved_trial", "Approved as a trial"
    APPROVED = "approved", "Approved"
    COUNTERED = "countered", "Counter-proposal made"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    APPEALED = "appealed", "Appealed"
    UPHELD = "upheld", "Decline upheld on appeal"
    OVERTURNED = "overturned", "Overturned on appeal"


LIVE = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.INFO_REQUESTED,
    Status.COUNTERED,
    Status.APPEALED,
)
DECIDED = (
    Status.APPROVED_TRIAL,
    Status.APPROVED,
    Status.DECLINED,
    Status.UPHELD,
    Status.OVERTURNED,
)

# The employee may still change the content (each change after submission is a new revision).
EDITABLE = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)
# Before a decision: the employee may withdraw.
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED)

TONE_CHOICES = [(t, t.capitalize()) for t in TONES]

PATTERN_KINDS = [
    ("weekdays", "Specific weekdays"),
    ("n_of_set", "A number of days from a set of weekdays"),
    ("short_office_days", "Shorter office days"),
]


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def live(self) -> ProposalQuerySet:
        return self.filter(status__in=LIVE)

    def awaiting(self, manager: Person) -> ProposalQuerySet:
        """Live proposals this manager must act on (never their own)."""
        return self.live().filter(decider=manager).exclude(employee=manager)


class Proposal(models.Model):
    employee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposals")
    decider = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_to_decide",
        help_text="The manager who decides; fixed at submission.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=200, blank=True)

    # The ask.
    pattern_kind = models.CharField(max_length=20, choices=PATTERN_KINDS, default="weekdays")
    weekdays = models.JSONField(default=list, blank=True, help_text="0 = Monday.")
    n_days = models.PositiveSmallIntegerField(null=True, blank=True)
    allowed_weekdays = models.JSONField(default=list, blank=True)
    reduced_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    trial_weeks = models.PositiveSmallIntegerField(null=True, blank=True)

    # Commitments.
    core_hours = models.CharField(max_length=50, blank=True, default="10:00-16:00")
    response_minutes = models.PositiveIntegerField(default=30)
    recall_accepted = models.BooleanField(default=True)
    outage_plan = models.TextField(blank=True)
    own_benefits = models.TextField(blank=True, help_text="One per line.")
    # The commute the benefits are computed from: copied from the person when the draft is
    # made, editable by the employee (the HR record may be out of date).
    commute_km = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    commute_minutes = models.PositiveIntegerField(null=True, blank=True)
    commute_mode = models.CharField(max_length=20, choices=COMMUTE_MODES, blank=True)
    letter_tone = models.CharField(max_length=10, choices=TONE_CHOICES, default="formal")
    readiness = models.ForeignKey(
        "coach.ReadinessCheck",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Attached only if the employee chooses to share it.",
    )
    precedent = models.TextField(blank=True, help_text="Evidence cited from an earlier trial.")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )

    # Fixed at submission.
    revision = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    decision_due = models.DateField(null=True, blank=True)
    deemed_granted_on = models.DateField(null=True, blank=True)
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTIONS, blank=True)
    rules = models.JSONField(default=dict, blank=True, help_text="The rule pack as applied.")
    policy_version = models.ForeignKey(
        PolicyVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the employee withdrew it: a withdrawn request stops being live that day (GB s.80F(4B)).
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # One index per filter and ordering the lists use: the decision queues (status and
        # due date, the decider's queue), the employee's own list, submission order.
        indexes = [
            models.Index(fields=["status", "decision_due"], name="proposal_status_due"),
            models.Index(fields=["decider", "status"], name="proposal_decider_status"),
            models.Index(fields=["employee", "-created_at"], name="proposal_employee_recent"),
            models.Index(fields=["-created_at"], name="proposal_recent"),
            models.Index(fields=["submitted_at"], name="proposal_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decider=models.F("employee")), name="nobody_decides_own_proposal"
            ),
            models.CheckConstraint(
                condition=Q(commute_km__isnull=True) | Q(commute_km__gte=0),
                name="proposal_commute_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Proposal #{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_live(self) -> bool:
        return self.status in LIVE

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def can_withdraw(self) -> bool:
        return self.status in WITHDRAWABLE

    def pattern(self) -> Pattern:
        """The ask as the pure patterns module sees it."""
        return pattern_of(self)

    def pattern_text(self) -> str:
        """ "every Wednesday"; a best effort for an incomplete draft."""
        try:
            return describe(self.pattern())
        except (ValueError, IndexError):
            return "(pattern not chosen yet)"

    @property
    def review_date(self) -> date | None:
        """The end of the trial, when the arrangement is reviewed."""
        if self.start_date is None or not self.trial_weeks:
            return None
        try:
            return self.start_date + timedelta(weeks=self.trial_weeks)
        except OverflowError:  # only for dates the checks refuse (near the year 9999)
            return None

    def own_benefit_lines(self) -> list[str]:
        return [line.strip() for line in (self.own_benefits or "").splitlines() if line.strip()]

    def latest_revision(self) -> ProposalRevision | None:
        return self.revisions.order_by("-number").first()

    def status_tone(self) -> str:
        if self.status in (Status.APPROVED, Status.APPROVED_TRIAL, Status.OVERTURNED):
            return "good"
        if self.status in (Status.DECLINED, Status.UPHELD):
            return "bad"
        return "warn" if self.is_live else ""


class ProposalRevision(models.Model):
    """The proposal's content as submitted; later edits make a new revision."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="unique_revision")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} r{self.number}"

    @property
    def fields(self) -> dict[str, Any]:
        """The frozen proposal fields (see ``homeward.proposals.content``)."""
        return dict(self.content.get("proposal", {}))
