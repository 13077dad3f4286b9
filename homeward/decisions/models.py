"""Decisions on proposals, the meetings before them, HR's second approval, appeals, deadline
extensions and the deadline notices the worker has sent.

Only ``actions.py`` creates or changes these rows (and the proposal's status).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.people.models import Person
from homeward.proposals.models import PATTERN_KINDS, Proposal


class Outcome(models.TextChoices):
    APPROVE_TRIAL = "approve_trial", "Approve as a trial"
    APPROVE = "approve", "Approve as a standing arrangement"
    COUNTER = "counter", "Counter-propose"
    DECLINE = "decline", "Decline"
    REQUEST_INFO = "request_info", "Ask for more information"
    MEETING = "meeting", "Ask for a meeting"


# Outcomes that settle the request at their stage; the others keep it in review.
FINAL_OUTCOMES = (Outcome.APPROVE_TRIAL, Outcome.APPROVE, Outcome.COUNTER, Outcome.DECLINE)
APPROVALS = (Outcome.APPROVE_TRIAL, Outcome.APPROVE)


class CounterResponse(models.TextChoices):
    NONE = "", "No answer yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def final(self) -> DecisionQuerySet:
        return self.filter(outcome__in=FINAL_OUTCOMES)

    def standing(self) -> DecisionQuerySet:
        """Final decisions still in force (not set aside by HR or a declined counter)."""
        return self.final().filter(superseded_at__isnull=True)


class Decision(models.Model):
    """One decision (or request for information or a meeting) on a proposal.

    ``stage`` counts final decisions on the proposal: a second one is only possible after
    the first was set aside (HR refused the approval, or the employee declined a counter),
    and the database allows one final decision per stage, so two deciders racing leave one.
    ``decider`` is None for a decision the law made (NL deemed granted).
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    decider = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions_made"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    stage = models.PositiveSmallIntegerField(default=1)
    revision = models.PositiveIntegerField(default=0, help_text="The proposal revision decided.")
    grounds = models.JSONField(default=list, blank=True, help_text="Refusal ground keys.")
    explanation = models.TextField(blank=True)
    deemed = models.BooleanField(default=False, help_text="Granted by law: no timely decision.")

    # Approvals: when the arrangement starts, when a trial is reviewed, and what counts.
    start_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    criteria = models.JSONField(default=list, blank=True, help_text="Trial success criteria.")

    # A counter-proposal: the pattern offered instead, and whether as a trial.
    counter_pattern_kind = models.CharField(max_length=20, choices=PATTERN_KINDS, blank=True)
    counter_weekdays = models.JSONField(default=list, blank=True)
    counter_n_days = models.PositiveSmallIntegerField(null=True, blank=True)
    counter_allowed_weekdays = models.JSONField(default=list, blank=True)
    counter_reduced_hours = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    counter_trial = models.BooleanField(default=True)
    counter_response = models.CharField(
        max_length=10, choices=CounterResponse.choices, blank=True, default=""
    )
    counter_responded_at = models.DateTimeField(null=True, blank=True)

    # Requests for information or a meeting: the employee's answer.
    meeting_proposed_for = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    superseded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "stage"],
                condition=Q(outcome__in=FINAL_OUTCOMES),
                name="one_final_decision_per_stage",
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(outcome__in=FINAL_OUTCOMES, superseded_at__isnull=True),
                name="one_standing_final_decision",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="decline") | ~Q(explanation=""),
                name="decline_has_explanation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.proposal}"

    @property
    def is_final(self) -> bool:
        return self.outcome in FINAL_OUTCOMES

    @property
    def is_approval(self) -> bool:
        return self.outcome in APPROVALS

    def counter_pattern(self) -> dict[str, object]:
        """The counter pattern in Arrangement/Proposal field names."""
        return {
            "pattern_kind": self.counter_pattern_kind or "weekdays",
            "weekdays": list(self.counter_weekdays or []),
            "n_days": self.counter_n_days,
            "allowed_weekdays": list(self.counter_allowed_weekdays or []),
            "reduced_hours": self.counter_reduced_hours,
        }


class Meeting(models.Model):
    """A record of a meeting with the employee: the consultation before a refusal (GB, NL),
    or an appeal hearing."""

    CONSULTATION, APPEAL = "consultation", "appeal"
    KINDS = [(CONSULTATION, "Consultation"), (APPEAL, "Appeal hearing")]

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=15, choices=KINDS, default=CONSULTATION)
    held_on = models.DateField()
    attendees = models.ManyToManyField(Person, related_name="+", blank=True)
    other_attendees = models.CharField(max_length=300, blank=True)
    notes = models.TextField()
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class HrApproval(models.Model):
    """HR's second approval of a decision above the policy's threshold."""

    PENDING, APPROVED, REFUSED, CLOSED = "pending", "approved", "refused", "closed"
    STATES = [
        (PENDING, "Waiting for HR"),
        (APPROVED, "Approved by HR"),
        (REFUSED, "Refused by HR"),
        (CLOSED, "Closed without HR's decision"),
    ]

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="hr_approval")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="hr_approvals")
    employee = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    threshold_days = models.PositiveSmallIntegerField()
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("employee")), name="hr_never_approves_own"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.proposal}"

    @property
    def is_pending(self) -> bool:
        return self.state == self.PENDING


class AppealQuerySet(models.QuerySet["Appeal"]):
    def open(self) -> AppealQuerySet:
        """Not decided yet (an overturn waiting for HR counts as decided here)."""
        return self.filter(outcome="")


class Appeal(models.Model):
    """An appeal against a decline, heard by a different manager.

    An overturn above the policy's HR threshold waits for HR's second approval: the
    outcome is recorded as overturned, the proposal stays APPEALED, and an ``HrApproval``
    on the appealed decline (``decision``) is pending. HR's approval sets OVERTURNED and
    starts the arrangement; HR's refusal sets UPHELD (the decline stands).

    ``assigned_to`` is never the employee nor the original decider (database constraints
    over the copies kept here), whatever reporting lines or HR flags say.
    """

    UPHELD, OVERTURNED = "upheld", "overturned"
    OUTCOMES = [(UPHELD, "Decline upheld"), (OVERTURNED, "Decline overturned")]

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="appeal")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    appellant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appeals_made")
    original_decider = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    assigned_to = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals_to_hear"
    )
    lodged_at = models.DateTimeField(default=timezone.now)
    due = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=OUTCOMES, blank=True)
    explanation = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # An overturn's terms, kept so HR's second approval (where the policy asks for one)
    # starts the arrangement the appeal manager decided.
    trial = models.BooleanField(default=True)
    start_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-lodged_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(assigned_to=models.F("appellant")), name="appeal_not_to_appellant"
            ),
            models.CheckConstraint(
                condition=~Q(assigned_to=models.F("original_decider")),
                name="appeal_not_to_original_decider",
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("appellant")), name="appeal_not_decided_by_self"
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("original_decider")),
                name="appeal_not_decided_by_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal on {self.proposal}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


class DeadlineExtension(models.Model):
    """An extension of the decision deadline: agreed with the employee (GB) or notified (IE)."""

    PROPOSED, IN_FORCE, REFUSED = "proposed", "in_force", "refused"
    STATES = [
        (PROPOSED, "Waiting for the employee's agreement"),
        (IN_FORCE, "In force"),
        (REFUSED, "Not agreed"),
    ]

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="extensions")
    days = models.PositiveSmallIntegerField()
    by_agreement = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=STATES, default=PROPOSED)
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    answered_at = models.DateTimeField(null=True, blank=True)
    due_before = models.DateField(null=True, blank=True)
    due_after = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1), name="extension_adds_a_day"),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(state="proposed"),
                name="one_open_extension_request",
            ),
        ]

    def __str__(self) -> str:
        return f"+{self.days} days on {self.proposal}"


class DeadlineNotice(models.Model):
    """A reminder, escalation or automatic outcome the worker has sent, so it is sent once.

    ``due_on`` is part of the key: an extended deadline arms the reminders again.
    """

    REMINDER, FINAL_REMINDER, ESCALATION, DEEMED_GRANTED = (
        "reminder",
        "final_reminder",
        "escalation",
        "deemed_granted",
    )
    HR_REMINDER, HR_ESCALATION = "hr_reminder", "hr_escalation"
    APPEAL_REMINDER, APPEAL_ESCALATION = "appeal_reminder", "appeal_escalation"
    KINDS = [
        (REMINDER, "Reminder"),
        (FINAL_REMINDER, "Final reminder"),
        (ESCALATION, "Escalation"),
        (DEEMED_GRANTED, "Deemed granted"),
        (HR_REMINDER, "HR reminder"),
        (HR_ESCALATION, "HR escalation"),
        (APPEAL_REMINDER, "Appeal reminder"),
        (APPEAL_ESCALATION, "Appeal escalation"),
    ]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=KINDS)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind", "due_on"], name="one_notice_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.proposal} due {self.due_on}"
