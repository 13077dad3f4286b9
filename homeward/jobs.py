"""Background jobs run by `homeward worker`: each one idempotent, safe to run twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

log = logging.getLogger(__name__)
Job = Callable[[datetime], int]
JOBS: dict[str, Job] = {}


def job(name: str) -> Callable[[Job], Job]:
    """Register a job. It receives 'now' and returns how many things it acted on."""

    def register(fn: Job) -> Job:
        JOBS[name] = fn
        return fn

    return register


def run_due_jobs(now: datetime | None = None) -> dict[str, int]:
    """Run every registered job once; one job failing never stops the others."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    for name, fn in JOBS.items():
        try:
            done[name] = fn(now)
        except Exception:
            log.exception("job %s failed", name)
            done[name] = -1
    return done
