"""Telling people about a proposal's concerns: who an item waits on, and one notification each."""

from __future__ import annotations

from django.urls import reverse

from homeward.concerns.access import EMPLOYEE_STATES, HR_STATES
from homeward.concerns.models import ConcernItem, ItemState
from homeward.notify.actions import notify
from homeward.people.models import Person
from homeward.proposals.access import appeal_hearers
from homeward.proposals.models import Proposal


def concerns_url(proposal: Proposal) -> str:
    return reverse("concerns:proposal_concerns", args=[proposal.pk])


def hr_people() -> list[Person]:
    return list(Person.objects.active().filter(is_hr=True).select_related("user"))


def who_must_act(item: ConcernItem) -> list[Person | None]:
    """The people an item now waits on (the employee, the decider, or HR)."""
    proposal = item.proposal
    if item.state in EMPLOYEE_STATES:
        return [proposal.employee]
    if item.state == ItemState.AWAITING_MANAGER:
        return ([proposal.decider] if proposal.decider_id else []) + list(appeal_hearers(proposal))
    if item.state in HR_STATES:
        return [p for p in hr_people() if p.pk != proposal.employee_id]
    return []


def notify_people(
    people: list[Person | None], *, subject: str, body: str, url: str, skip: Person | None = None
) -> int:
    """Notify each person once, leaving out ``skip`` (usually the one who acted)."""
    # A subject is one header line of at most 200 characters (the notification's column):
    # a newline in a question would make the email unsendable, a long name overflow it.
    subject = " ".join(subject.split())[:200]
    seen: set[int] = set()
    for person in people:
        if person is None or person.pk in seen or (skip is not None and person.pk == skip.pk):
            continue
        seen.add(person.pk)
        notify(recipient=person, subject=subject, body=body, url=url)
    return len(seen)
