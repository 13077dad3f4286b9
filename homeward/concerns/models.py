"""Concerns on a proposal: one small thread per practical question, and the safety self-check.

The catalogue of standard questions (``Concern``) is the policy's; the items here are the
questions asked of one proposal. The tables were made by the policy app (where the threads
began) and keep their names; ``migrations/0001`` took them over without moving a row.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.people.models import Person
from homeward.policy.models import Concern
from homeward.policy.safety import needing_action


class ItemState(models.TextChoices):
    RESOLVED_BY_POLICY = "resolved_by_policy", "Answered by policy"
    AWAITING_EMPLOYEE = "awaiting_employee", "Awaiting the employee"
    AWAITING_MANAGER = "awaiting_manager", "Awaiting the manager"
    AWAITING_HR = "awaiting_hr", "Awaiting HR"
    AWAITING_IT = "awaiting_it", "Awaiting IT"
    RESOLVED = "resolved", "Resolved"
    REOPENED = "reopened", "Reopened"


CLOSED_STATES = (ItemState.RESOLVED_BY_POLICY, ItemState.RESOLVED)
AWAITING_BY_RESOLVER = {
    "employee": ItemState.AWAITING_EMPLOYEE,
    "manager": ItemState.AWAITING_MANAGER,
    "hr": ItemState.AWAITING_HR,
    "it": ItemState.AWAITING_IT,
    # A concern policy usually answers, left open by this policy version: HR answers it
    # (and may fix the policy for next time).
    "policy": ItemState.AWAITING_HR,
}


class ConcernItemQuerySet(models.QuerySet["ConcernItem"]):
    def open(self) -> ConcernItemQuerySet:
        return self.exclude(state__in=CLOSED_STATES)

    def blocking_open(self) -> ConcernItemQuerySet:
        return self.open().filter(blocking=True)


class ConcernItem(models.Model):
    """One concern on one proposal: a small thread that is open until someone resolves it.

    ``concern`` is null for a question a manager raised in their own words (``question``).
    ``blocking`` is copied from the catalogue at creation, so a later catalogue change never
    changes an old proposal.
    """

    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.CASCADE, related_name="concern_items"
    )
    concern = models.ForeignKey(
        Concern, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    question = models.CharField(
        max_length=500,
        blank=True,
        help_text="The question as asked: the catalogue's wording when the item was made, "
        "or the manager's own words for a concern they raised.",
    )
    state = models.CharField(max_length=20, choices=ItemState.choices)
    blocking = models.BooleanField(default=True)
    policy_answer = models.TextField(
        blank=True, help_text="The policy's answer at creation, kept as it was judged."
    )
    raised_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConcernItemQuerySet.as_manager()

    class Meta:
        db_table = "policy_concernitem"  # made by the policy app, where concerns began
        ordering = ["proposal", "concern__position", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "concern"],
                condition=Q(concern__isnull=False),
                name="one_item_per_concern_per_proposal",
            ),
            models.CheckConstraint(
                condition=Q(concern__isnull=False) | ~Q(question=""),
                name="custom_item_has_question",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.question or (self.concern.question if self.concern else "")

    @property
    def key(self) -> str:
        return self.concern.key if self.concern else f"custom-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES

    @property
    def is_custom(self) -> bool:
        return self.concern_id is None

    def state_tone(self) -> str:
        if not self.is_open:
            return "good"
        return "bad" if self.blocking else "warn"


class ConcernMessage(models.Model):
    """One entry in a concern's thread: a question, an answer, or a note on resolve/reopen."""

    QUESTION, ANSWER, RESOLVE, REOPEN = "question", "answer", "resolve", "reopen"
    KINDS = [
        (QUESTION, "Question"),
        (ANSWER, "Answer"),
        (RESOLVE, "Resolved"),
        (REOPEN, "Reopened"),
    ]

    item = models.ForeignKey(ConcernItem, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KINDS, default=ANSWER)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "policy_concernmessage"
        ordering = ["item", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.item_id}"


class SafetyCheck(models.Model):
    """A completed home-workstation safety self-check for one proposal (latest one counts)."""

    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.CASCADE, related_name="safety_checks"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict)
    notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "policy_safetycheck"
        ordering = ["proposal", "-completed_at", "-pk"]

    def __str__(self) -> str:
        return f"Safety self-check for {self.proposal}"

    def problems(self) -> list[str]:
        """The texts of the items answered "no"."""
        return [i.text for i in needing_action(self.answers or {})]
