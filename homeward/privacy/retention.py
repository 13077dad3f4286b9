"""What an erasure must keep: the requests a person's rule pack says to keep, until when.

A request is kept when its jurisdiction's pack has a record-retention rule (Ireland's
Work Life Balance Act 2023 s.28: records of requests and decisions for 3 years) and that
period, counted from the request's last activity, has not ended. Drafts never sent are not
records of a request. The jurisdiction is the one fixed when the request was sent.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone

from homeward.decisions.models import Appeal, HrApproval
from homeward.lib.personal_data import (
    ErasurePlan,
    KeptRecord,
    Subject,
    erased_email,
    pseudonym,
)
from homeward.people.models import Person
from homeward.policy.rules import GENERIC, RuleError, add_months, get_pack
from homeward.privacy.registry import PROVIDERS
from homeward.proposals.models import Proposal, Status


def _local(moment: datetime, person: Person) -> date:
    """The date of ``moment`` in the person's office's time zone (else the installation's)."""
    try:
        zone = zoneinfo.ZoneInfo(person.office.timezone) if person.office else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localtime(moment, zone).date()


def kept_records(person: Person, today: date) -> tuple[KeptRecord, ...]:
    """The person's requests still within their pack's retention period on ``today``."""
    records: list[KeptRecord] = []
    sent = Proposal.objects.filter(employee=person, submitted_at__isnull=False).order_by("pk")
    for proposal in sent:
        try:
            pack = get_pack(proposal.jurisdiction or person.jurisdiction or GENERIC.code)
        except RuleError:
            continue
        rule = max(pack.records, key=lambda r: r.years, default=None)
        if rule is None:
            continue
        last = _last_activity(proposal)
        until = add_months(_local(last, person), 12 * rule.years)
        if until > today:
            records.append(KeptRecord(proposal.pk, until, rule.what, rule.citation))
    return tuple(records)


def _last_activity(proposal: Proposal) -> datetime:
    """The latest moment the request was sent, decided, appealed or approved by HR (for a
    withdrawn request, when it was withdrawn)."""
    moments = [proposal.submitted_at, proposal.decided_at]
    if proposal.status == Status.WITHDRAWN:
        moments.append(proposal.updated_at)
    appeals = Appeal.objects.filter(proposal=proposal).aggregate(
        lodged=Max("lodged_at"), decided=Max("decided_at")
    )
    moments += [appeals["lodged"], appeals["decided"]]
    moments.append(HrApproval.objects.filter(proposal=proposal).aggregate(m=Max("decided_at"))["m"])
    return max(m for m in moments if m is not None)


def build_plan(subject: Subject, today: date, *, name: str, email: str) -> ErasurePlan:
    """The plan for erasing ``subject`` on ``today``: which requests are kept, and every row
    that is kept with them (each app says which of its rows belong to a kept request)."""
    person = subject.person
    records = kept_records(person, today) if person is not None else ()
    proposals = frozenset(r.proposal_id for r in records)
    kept: dict[str, set[int]] = {}
    if proposals:
        for provider in PROVIDERS:
            for label, ids in provider.kept(subject, proposals).items():
                kept.setdefault(label, set()).update(ids)
    return ErasurePlan(
        today=today,
        name=name,
        email=email,
        pseudonym=pseudonym(person.pk if person is not None else None, subject.user.pk),
        erased_email=erased_email(subject.user.pk),
        records=records,
        kept={label: frozenset(ids) for label, ids in kept.items()},
    )
