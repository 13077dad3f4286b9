"""The worker's part in erasure: kept records are erased once their retention has ended."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from homeward.jobs import job
from homeward.privacy.actions import continue_due_erasures


@job("privacy.retention_ended")
def retention_ended(now: datetime) -> int:
    return continue_due_erasures(timezone.localdate(now))
