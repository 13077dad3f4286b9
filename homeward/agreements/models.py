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
