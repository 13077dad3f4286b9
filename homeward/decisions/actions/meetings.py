"""Meetings: the consultation before a decline, and the meeting that answers a request
to meet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.decisions import access
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    Meeting,
    Outcome,
)
from homeward.notify.actions import notify_from
from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status


def record_meeting(
    *,
    proposal: Proposal,
    actor: Actor,
    held_on: date,
    notes: str,
    attendees: Sequence[Person] = (),
    other_attendees: str = "",
    kind: str = Meeting.CONSULTATION,
) -> Meeting:
    """Record a meeting held with the employee (the consultation GB, NI and NL require
    before a refusal; or an appeal hearing). By the decider, the appeal manager or HR;
    never by the employee. The employee and the recorder are attendees. A meeting the
    decider asked for answers that request (back in review)."""
    notes = (notes or "").strip()
    with transaction.atomic():
        p = steps.lock(proposal)
        me = access.acting_person(actor)
        access.not_own(me, p)
        role = access.role_on(actor, p)
        if role not in ("decider", "appeal", "hr"):
            raise PermissionDenied("Only the decider, the appeal manager or HR record meetings.")
        if p.status in (Status.DRAFT, Status.WITHDRAWN):
            raise steps.state_error("This request is not being decided.")
        if kind not in dict(Meeting.KINDS):
            raise ValidationError({"kind": "Unknown kind of meeting."})
        if held_on > steps.today():
            raise ValidationError({"held_on": "Record a meeting once it has taken place."})
        if p.received_on and held_on < p.received_on:
            raise ValidationError({"held_on": "The meeting cannot precede the request."})
        if not notes:
            raise ValidationError({"notes": "Note what was discussed."})
        meeting = Meeting.objects.create(
            proposal=p,
            kind=kind,
            held_on=held_on,
            other_attendees=(other_attendees or "").strip(),
            notes=notes,
            recorded_by=me,
        )
        meeting.attendees.set({p.employee_id, me.pk, *(a.pk for a in attendees)})
        before: dict[str, Any] | None = None
        ask = steps.open_ask(p) if p.status == Status.INFO_REQUESTED else None
        if ask is not None and ask.outcome == Outcome.MEETING:
            ask.response, ask.responded_at = f"Meeting held on {held_on}.", timezone.now()
            ask.save(update_fields=["response", "responded_at"])
            before = steps.set_status(p, Status.IN_REVIEW)
        record(
            actor=actor,
            action="decision.meeting_recorded",
            obj=p,
            before=before,
            after={"meeting": meeting.pk, "kind": kind, "held_on": held_on, "status": p.status},
        )
        notify_from(
            steps.notice("meeting_recorded"),
            recipient=p.employee,
            context={"held_on": held_on, "by": me.name, "notes": notes},
            url=steps.review_url(p),
        )
        return meeting
