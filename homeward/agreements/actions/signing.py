"""Signing an issued agreement, and the steps the law puts around it (US federal telework
training before signing; Spain's copy to the workers' representatives)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.agreements.models import Agreement, AgreementStatus, Signature, SignerRole
from homeward.arrangements.actions import activate_arrangement, hold_for_agreement
from homeward.arrangements.models import Arrangement, ArrangementStatus
from homeward.audit.actions import record, snapshot
from homeward.lib.errors import StateConflict
from homeward.people.access import is_hr, person_of
from homeward.people.models import Person
from homeward.policy.rules import agreement_required, get_pack


def needs_signed_agreement(arrangement: Arrangement) -> bool:
    """Whether the pack makes the signed agreement a condition of the arrangement (IE, ES,
    PT, US federal; Spain only for regular remote work, 30% of the time or more)."""
    pack = get_pack(arrangement.employee.jurisdiction)
    return agreement_required(pack, home_share=arrangement.home_days_per_week() / 5)


def required_roles(agreement: Agreement) -> list[str]:
    """The employee and the manager always sign; HR too where the pack requires the
    agreement (the organisation's policy for the statutory packs)."""
    roles = [SignerRole.EMPLOYEE.value, SignerRole.MANAGER.value]
    if get_pack(agreement.jurisdiction).agreement is not None:
        roles.append(SignerRole.HR.value)
    return roles


def needs_training(agreement: Agreement) -> bool:
    pack = get_pack(agreement.jurisdiction)
    rule = pack.agreement
    return rule is not None and any(i.key == "telework_training" for i in rule.before_signing)


def role_of(person: Person | None, agreement: Agreement, user: Actor) -> str | None:
    """The role ``person`` may sign in, or None (someone else's agreement)."""
    if person is None:
        return None
    arrangement = agreement.arrangement
    if person.pk == arrangement.employee_id:
        return SignerRole.EMPLOYEE
    if person.pk == arrangement.approved_by_id or person.is_above(arrangement.employee):
        return SignerRole.MANAGER
    if is_hr(user):
        return SignerRole.HR
    return None


def hold_if_required(*, arrangement: Arrangement, actor: Actor | None) -> None:
    """Keep a new arrangement pending until its agreement is signed, where the pack says so."""
    if needs_signed_agreement(arrangement) and arrangement.status in (
        ArrangementStatus.TRIAL,
        ArrangementStatus.STANDING,
    ):
        hold_for_agreement(arrangement=arrangement, actor=actor)


def sign_agreement(*, agreement_id: int, actor: Actor, text_sha256: str, method: str) -> Signature:
    """Sign the agreement as the actor's role. The caller has re-authenticated the actor
    (``method`` says how). ``text_sha256`` is the hash of the text the signer was shown: a
    different one (the text changed, or an older version) is refused."""
    me = person_of(actor)
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update()
            .select_related("arrangement", "arrangement__employee")
            .get(pk=agreement_id)
        )
        role = role_of(me, agreement, actor)
        if role is None or me is None:
            raise PermissionDenied("This is not your agreement to sign.")
        if agreement.status == AgreementStatus.SUPERSEDED:
            raise StateConflict("This version is outdated: sign the latest version.")
        if agreement.status == AgreementStatus.DRAFT:
            raise StateConflict("A draft cannot be signed: required contents are missing.")
        if text_sha256 != agreement.text_sha256:
            raise ValidationError(
                "The text has changed since you read it: read it again before signing."
            )
        done = {s.role: s for s in agreement.signatures.all()}
        if role in done or any(s.person_id == me.pk for s in done.values()):
            raise StateConflict("You have already signed this agreement.")
        untrained = needs_training(agreement) and agreement.training_completed_on is None
        if role == SignerRole.EMPLOYEE and untrained:
            raise ValidationError(
                "Record the date of the telework training before signing (5 USC 6503)."
            )
        signature = Signature.objects.create(
            agreement=agreement,
            role=role,
            person=me,
            text_sha256=agreement.text_sha256,
            method=method,
        )
        record(
            actor=actor,
            action="agreement.signed",
            obj=agreement,
            after={"role": role, "text_sha256": agreement.text_sha256, "method": method},
        )
        if set(required_roles(agreement)) <= {*done, role}:
            _complete(agreement, actor)
    return signature


def _complete(agreement: Agreement, actor: Actor) -> None:
    before = snapshot(agreement, ["status"])
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_at = timezone.now()
    agreement.save(update_fields=["status", "signed_at"])
    record(
        actor=actor,
        action="agreement.completed",
        obj=agreement,
        before=before,
        after=snapshot(agreement, ["status", "signed_at"]),
    )
    activate_arrangement(arrangement_id=agreement.arrangement_id, actor=actor)


def record_training(*, agreement_id: int, on: date, actor: Actor) -> Agreement:
    """The employee (or HR) records the telework training date, before the employee signs."""
    me = person_of(actor)
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update().select_related("arrangement").get(pk=agreement_id)
        )
        own = me is not None and me.pk == agreement.arrangement.employee_id
        if not (own or is_hr(actor)):
            raise PermissionDenied("Only the employee or HR records the training.")
        if on > timezone.localdate():
            raise ValidationError({"on": "The training date cannot be in the future."})
        before = snapshot(agreement, ["training_completed_on"])
        agreement.training_completed_on = on
        agreement.save(update_fields=["training_completed_on"])
        record(
            actor=actor,
            action="agreement.training_recorded",
            obj=agreement,
            before=before,
            after=snapshot(agreement, ["training_completed_on"]),
        )
    return agreement


def record_reps_copy(*, agreement_id: int, sent_on: date, to: str, actor: Actor) -> Agreement:
    """HR records the copy given to the workers' representatives (Spain)."""
    if not is_hr(actor):
        raise PermissionDenied("Only HR records the copy to the representatives.")
    to = to.strip()
    if not to:
        raise ValidationError({"to": "Say to whom the copy was given."})
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date cannot be in the future."})
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
        if agreement.status != AgreementStatus.SIGNED:
            raise StateConflict("The copy goes to the representatives once it is signed.")
        before = snapshot(agreement, ["reps_copy_sent_on", "reps_copy_to"])
        agreement.reps_copy_sent_on, agreement.reps_copy_to = sent_on, to
        agreement.save(update_fields=["reps_copy_sent_on", "reps_copy_to"])
        record(
            actor=actor,
            action="agreement.reps_copy_recorded",
            obj=agreement,
            before=before,
            after=snapshot(agreement, ["reps_copy_sent_on", "reps_copy_to"]),
        )
    return agreement
