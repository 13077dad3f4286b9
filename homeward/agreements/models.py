"""Agreements: the written telework agreement an approval generates.

``AgreementTemplate``: one per jurisdiction, edited by HR (the language is ``language``).
``Agreement``: one version of an arrangement's agreement, its exact text and that text's
SHA-256. Only ``actions.py`` changes a status.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.people.models import JURISDICTIONS, Person


class AgreementTemplate(models.Model):
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTIONS, unique=True)
    body = models.TextField()
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["jurisdiction"]

    def __str__(self) -> str:
        return f"Agreement template ({self.jurisdiction})"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft: required contents missing"
    ISSUED = "issued", "Issued, to sign"
    SIGNED = "signed", "Signed by everyone"
    SUPERSEDED = "superseded", "Superseded by a later version"


class Agreement(models.Model):
    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.PROTECT, related_name="agreements"
    )
    version = models.PositiveSmallIntegerField(default=1)
    jurisdiction = models.CharField(max_length=10, choices=JURISDICTIONS)
    status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    # The pack's required content keys this version does not cover (blocks issuing).
    missing = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    issued_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True, help_text="The last signature.")
    # US federal (5 USC 6503(a)): the employee's interactive telework training, before signing.
    training_completed_on = models.DateField(null=True, blank=True)
    # Spain (Ley 10/2021 art. 6.2): the copy given to the workers' representatives.
    reps_copy_sent_on = models.DateField(null=True, blank=True)
    reps_copy_to = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["arrangement", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "version"], name="agreement_one_row_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} for {self.arrangement.employee}"

    @staticmethod
    def hash_of(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SignerRole(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    MANAGER = "manager", "Manager"
    HR = "hr", "HR"


class Signature(models.Model):
    """One signature: who, as what, when, how they re-authenticated, and the SHA-256 of the
    exact text they signed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=10, choices=SignerRole.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    text_sha256 = models.CharField(max_length=64)
    method = models.CharField(max_length=20, help_text="How the signer re-authenticated.")

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "role"], name="signature_one_per_role"),
            models.UniqueConstraint(
                fields=["agreement", "person"], name="signature_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} signature on {self.agreement}"
