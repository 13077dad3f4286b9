"""The personal data in notifications: the person's own, and their name in other people's."""

from __future__ import annotations

import re

from django.db.models import Q

from homeward.lib.personal_data import ABOUT, ErasurePlan, Provider, Section, Subject
from homeward.notify.models import Notification


def export(subject: Subject) -> list[Section]:
    if subject.person is None:
        return []
    rows = Notification.objects.filter(recipient=subject.person).values(
        "subject", "body", "url", "created_at", "read_at"
    )
    return [Section("notify.notification", ABOUT, list(rows))]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Their notifications are deleted; in other people's, their name becomes the pseudonym
    (notifications name the colleague whose request is waiting, for instance)."""
    if subject.person is None:
        return {}
    deleted, _ = Notification.objects.filter(recipient=subject.person).delete()
    renamed = 0
    if plan.name.strip():
        # Whole words only: "Al" is a name in "Al's request" but not in "Already".
        name = re.compile(rf"(?<!\w){re.escape(plan.name)}(?!\w)")
        mentions = Notification.objects.filter(
            Q(subject__contains=plan.name) | Q(body__contains=plan.name)
        )
        for note in mentions.iterator(chunk_size=1000):
            title = name.sub(plan.pseudonym, note.subject)
            body = name.sub(plan.pseudonym, note.body)
            if (title, body) != (note.subject, note.body):
                note.subject, note.body = title[:200], body
                note.save(update_fields=["subject", "body"])
                renamed += 1
    return {"notify.notification": deleted + renamed}


PROVIDER = Provider(
    app="notify",
    models=(Notification,),
    export=export,
    erase=erase,
)
