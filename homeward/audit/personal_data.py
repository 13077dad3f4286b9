"""The audit log's personal data: who acted (their address), and the values recorded about
their records. Erasure redacts entries (``homeward.audit.redaction``) rather than deleting or
rewriting them; the privacy module decides which, from every app's declaration."""

from __future__ import annotations

from homeward.audit.models import AuditEvent
from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject


def export(subject: Subject) -> list[Section]:
    by = AuditEvent.objects.filter(actor=subject.user).values(
        "seq", "at", "action", "object_type", "object_id"
    )
    about = AuditEvent.objects.none()
    if subject.person is not None:
        about = AuditEvent.objects.filter(
            object_type="people.person", object_id=str(subject.person.pk)
        )
    return [
        Section("audit.auditevent", ABOUT, list(about.values("seq", "at", "action", "after"))),
        Section("audit.auditevent", BY, list(by)),
    ]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Redaction happens last, once every app has said which of its rows are the person's
    (see ``homeward.privacy.actions``)."""
    return {}


PROVIDER = Provider(app="audit", models=(AuditEvent,), export=export, erase=erase)
