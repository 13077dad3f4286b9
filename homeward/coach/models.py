"""Readiness self-checks: private to the employee unless attached to a proposal."""

from django.db import models
from django.utils import timezone

from homeward.people.models import Person


class ReadinessCheck(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="readiness_checks")
    answers = models.JSONField()
    scores = models.JSONField(help_text="Score per dimension, 0-100.")
    recommendation = models.CharField(max_length=20)
    advice = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Readiness of {self.person} on {self.created_at:%Y-%m-%d}"
