"""Erasing a person's personal data: checked, atomic, audited, and finished by the worker
once the records their rule pack requires have been kept long enough."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from homeward.audit.actions import record
from homeward.audit.models import AuditEvent
from homeward.audit.redaction import redact
from homeward.decisions.models import Appeal
from homeward.lib.personal_data import ErasurePlan, KeptRecord, Subject
from homeward.people.access import is_admin, is_hr, person_of
from homeward.people.actions import set_active
from homeward.people.models import Person
from homeward.privacy.models import Erasure
from homeward.privacy.registry import PROVIDERS
from homeward.privacy.retention import build_plan
from homeward.proposals.models import LIVE, Proposal


def check_may_erase(actor: Any, person: Person) -> None:
    """Raise PermissionDenied unless ``actor`` may erase ``person``'s personal data.

    HR and administrators may; nobody erases themself this way, HR cannot erase an
    administrator, and nobody acts on someone above them in the reporting line.
    """
    if not is_hr(actor):
        raise PermissionDenied("Only HR and administrators can erase personal data.")
    me = person_of(actor)
    if person.user_id == getattr(actor, "pk", None) or (me is not None and me.pk == person.pk):
        raise PermissionDenied("Nobody can erase their own personal data here; ask HR.")
    if person.user.is_superuser and not is_admin(actor):
        raise PermissionDenied("HR cannot erase an administrator's personal data.")
    if me is not None and person.is_above(me):
        raise PermissionDenied(
            "You cannot erase the personal data of someone above you in the reporting line."
        )


def open_work(person: Person) -> list[str]:
    """What must be handed over or settled before the person's data can be erased."""
    problems: list[str] = []
    reports = person.reports.filter(active=True).count()
    if reports:
        problems.append(f"They manage {reports} active people: give them another manager first.")
    own = list(
        Proposal.objects.filter(employee=person, status__in=LIVE).values_list("pk", flat=True)
    )
    if own:
        ids = ", ".join(f"#{pk}" for pk in own)
        problems.append(f"Their own requests {ids} are still open: decide or withdraw them first.")
    deciding = Proposal.objects.filter(decider=person, status__in=LIVE).count()
    if deciding:
        problems.append(
            f"They are to decide {deciding} open requests: move them to another manager first."
        )
    hearing = Appeal.objects.filter(assigned_to=person, outcome="").count()
    if hearing:
        problems.append(f"They are to hear {hearing} open appeals: reassign them first.")
    return problems


@dataclass(frozen=True)
class Preview:
    """What erasing would do, for the confirmation page and the API."""

    person: Person
    erasure: Erasure | None
    refused: str = ""
    problems: list[str] = field(default_factory=list)
    records: tuple[KeptRecord, ...] = ()
    titles: dict[int, str] = field(default_factory=dict)

    @property
    def possible(self) -> bool:
        return self.erasure is None and not self.refused and not self.problems

    @property
    def keep_until(self) -> date | None:
        return max((r.until for r in self.records), default=None)


def preview(*, actor: Any, person: Person) -> Preview:
    """Read-only: who may erase, what is in the way, and what would be kept until when."""
    erasure = Erasure.objects.filter(person=person).first()
    try:
        check_may_erase(actor, person)
    except PermissionDenied as exc:
        return Preview(person, erasure, refused=str(exc))
    if erasure is not None:
        return Preview(person, erasure)
    plan = _plan(person, timezone.localdate(), name=person.name, email=person.user.email)
    titles = dict(Proposal.objects.filter(pk__in=plan.kept_proposals).values_list("pk", "title"))
    return Preview(person, None, problems=open_work(person), records=plan.records, titles=titles)


def _plan(person: Person, today: date, *, name: str, email: str) -> ErasurePlan:
    return build_plan(Subject(person.user, person), today, name=name, email=email)


def erase_person(*, actor: Any, person: Person) -> Erasure:
    """Erase ``person``'s personal data now, except the requests their rule pack requires to
    be kept (and the identity those need), which the worker erases when their time is up.

    Every app erases what it declared (``homeward.privacy.registry``), the audit entries
    about the erased rows are redacted (the chain still verifies), the account is
    deactivated, and the erasure is audited, all in one transaction. Raises PermissionDenied
    (see ``check_may_erase``) or ValidationError (already erased, or open work).
    """
    check_may_erase(actor, person)
    with transaction.atomic():
        locked = Person.objects.select_for_update().select_related("user").get(pk=person.pk)
        if Erasure.objects.filter(person=locked).exists():
            raise ValidationError("This person's personal data has already been erased.")
        problems = open_work(locked)
        if problems:
            raise ValidationError(problems)
        plan = _plan(locked, timezone.localdate(), name=locked.name, email=locked.user.email)
        start = locked.start_date.isoformat() if locked.start_date else None
        held = {"name": plan.name, "email": plan.email, "start_date": start}
        counts = _erase(actor=actor, subject=Subject(locked.user, locked), plan=plan)
        locked.refresh_from_db()
        set_active(actor=actor, person=locked, active=False)
        erasure = Erasure.objects.create(
            person=locked,
            erased_by=actor if getattr(actor, "pk", None) else None,
            held=held if plan.records else {},
            records=[_record_json(r) for r in plan.records],
            counts=counts,
            completed_at=None if plan.records else timezone.now(),
        )
        record(
            actor=actor,
            action="person.erased",
            obj=locked,
            after={"kept": erasure.records, "counts": counts},
        )
    return erasure


def _record_json(r: KeptRecord) -> dict[str, Any]:
    return {
        "proposal_id": r.proposal_id,
        "until": r.until.isoformat(),
        "what": r.what,
        "citation": r.citation,
    }


def _erase(
    *, actor: Any, subject: Subject, plan: ErasurePlan, before_seq: int | None = None
) -> dict[str, int]:
    """Every app erases its part; then the audit entries about the erased rows lose their
    values and the entries the person wrote lose their address (entries from ``before_seq``
    on, such as the erasure's own, are left alone)."""
    about: dict[str, set[str]] = {}
    for provider in PROVIDERS:
        for label, ids in provider.audit_objects(subject, plan).items():
            about.setdefault(label, set()).update(str(pk) for pk in ids)
    counts: dict[str, int] = {}
    for provider in PROVIDERS:
        for label, n in provider.erase(subject, plan).items():
            counts[label] = counts.get(label, 0) + n
    # Reloaded: the redaction entries are labelled with the person's name as it is now.
    obj = (
        Person.objects.get(pk=subject.person.pk)
        if subject.person is not None
        else type(subject.user).objects.get(pk=subject.user.pk)
    )
    redacted = 0
    for label, ids in sorted(about.items()):
        if not ids:
            continue
        entries = AuditEvent.objects.filter(object_type=label, object_id__in=sorted(ids))
        if before_seq is not None:
            entries = entries.filter(seq__lt=before_seq)
        own_label = plan.pseudonym if label == "people.person" else ""
        redacted += redact(
            actor=actor, obj=obj, entries=entries, payload=True, object_label=own_label
        )
    by_them = AuditEvent.objects.filter(
        Q(actor_id=subject.user.pk) | Q(actor_label__iexact=plan.email)
    )
    if before_seq is not None:
        by_them = by_them.filter(seq__lt=before_seq)
    redacted += redact(actor=actor, obj=obj, entries=by_them, actor_label=plan.pseudonym)
    counts["audit.auditevent"] = redacted
    return {label: n for label, n in counts.items() if n}


def continue_erasure(*, erasure: Erasure, today: date) -> bool:
    """Erase the kept records whose retention has ended by ``today``; True if any were.

    When the last one goes, the identity held for them goes too and the erasure is complete.
    """
    with transaction.atomic():
        locked = (
            Erasure.objects.select_for_update().select_related("person__user").get(pk=erasure.pk)
        )
        due = locked.next_due
        if locked.completed_at is not None or due is None or due > today:
            return False
        person = locked.person
        name = str(locked.held.get("name") or person.name)
        email = str(locked.held.get("email") or person.user.email)
        plan = _plan(person, today, name=name, email=email)
        erased = AuditEvent.objects.for_object(person).filter(action="person.erased").first()
        counts = _erase(
            actor=None,
            subject=Subject(person.user, person),
            plan=plan,
            before_seq=erased.seq if erased is not None else None,
        )
        still = {r.proposal_id for r in plan.records}
        ended = [r for r in locked.records if r["proposal_id"] not in still]
        locked.records = [r for r in locked.records if r["proposal_id"] in still]
        done = not locked.records
        if done:
            locked.held = {}
            locked.completed_at = timezone.now()
        locked.save(update_fields=["records", "held", "completed_at"])
        record(
            actor=None,
            action="person.erasure_completed" if done else "person.erasure_continued",
            obj=person,
            after={"ended": [r["proposal_id"] for r in ended], "counts": counts},
        )
    return True


def continue_due_erasures(today: date) -> int:
    """The worker's round: every erasure with a kept record whose retention has ended."""
    done = 0
    for erasure in Erasure.objects.filter(completed_at__isnull=True):
        due = erasure.next_due
        if due is not None and due <= today and continue_erasure(erasure=erasure, today=today):
            done += 1
    return done
