"""Shared steps of the schedule's tests."""

from __future__ import annotations

from datetime import date, timedelta

from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.proposals.models import Proposal, Status

MON = date(2030, 3, 11)  # a week with no public holiday in England
WED, THU, FRI = MON + timedelta(2), MON + timedelta(3), MON + timedelta(4)


def arrange(person, *, status=ArrangementStatus.STANDING, start=date(2029, 1, 1), **pattern):
    proposal = Proposal.objects.create(
        employee=person,
        decider=person.manager,
        status=Status.APPROVED_TRIAL,
        start_date=start,
        **pattern,
    )
    return Arrangement.objects.create(
        employee=person,
        proposal=proposal,
        approved_by=person.manager,
        status=status,
        start_date=start,
        **pattern,
    )
