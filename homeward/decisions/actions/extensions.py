"""Extending the decision deadline, by agreement or as the pack allows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.audit.actions import record
from homeward.decisions import access, applied_rules
from homeward.decisions.actions import steps
from homeward.decisions.models import (
    DeadlineExtension,
)
from homeward.notify.actions import notify_from
from homeward.policy import rules
from homeward.proposals import jurisdiction
from homeward.proposals.models import LIVE, Proposal, Status


def request_extension(
    *, proposal: Proposal, actor: Actor, days: int, reason: str = ""
) -> DeadlineExtension:
    """Extend the decision deadline as the pack allows: GB only by agreement (the employee
    agrees in the app before it takes effect); IE by notice, once, up to 8 weeks; NL never.
    """
    with transaction.atomic():
        p = steps.lock(proposal)
        me = access.require_decider(actor, p)
        if p.status not in (*steps.UNDECIDED, Status.COUNTERED, Status.APPEALED):
            raise steps.state_error("The request has been decided: there is no deadline to extend.")
        pack = jurisdiction.pack_for(p)
        by_agreement = pack.extension_by_agreement_only
        if DeadlineExtension.objects.filter(proposal=p, state=DeadlineExtension.PROPOSED).exists():
            raise steps.state_error("An extension is already waiting for the employee's answer.")
        try:
            days = int(days)
            extended = applied_rules.deadline_for(p, extra=(days, by_agreement))
        except rules.RuleError as exc:  # a ValueError too: first
            raise ValidationError({"days": str(exc)}) from None
        except (TypeError, ValueError):
            raise ValidationError({"days": "Give the number of days."}) from None
        if extended is None:
            raise ValidationError("This request has no decision deadline to extend.")
        ext = DeadlineExtension.objects.create(
            proposal=p,
            days=days,
            by_agreement=by_agreement,
            state=DeadlineExtension.PROPOSED if by_agreement else DeadlineExtension.IN_FORCE,
            reason=(reason or "").strip(),
            requested_by=me,
            requested_on=steps.today(),
            due_before=applied_rules.due_date(p),
            due_after=extended.due,
        )
        if not by_agreement:
            _apply_extension(p, ext, extended, actor)
            notify_from(
                steps.notice("extension_notice"),
                recipient=p.employee,
                context={
                    "by": me.name,
                    "days": days,
                    "due": extended.due,
                    "reason": ext.reason,
                    "citation": pack.extension.citation,
                },
                url=steps.review_url(p),
            )
        else:
            record(
                actor=actor,
                action="decision.extension_proposed",
                obj=p,
                after={"extension": ext.pk, "days": days, "due_after": extended.due},
            )
            notify_from(
                steps.notice("extension_asked"),
                recipient=p.employee,
                context={
                    "by": me.name,
                    "days": days,
                    "due": extended.due,
                    "pack": pack.name,
                    "reason": ext.reason,
                },
                url=steps.review_url(p),
            )
        return ext


def _apply_extension(
    p: Proposal, ext: DeadlineExtension, extended: rules.Deadline, actor: Actor
) -> None:
    before = {"decision_due": p.decision_due}
    p.decision_due = extended.due
    p.save(update_fields=["decision_due", "updated_at"])
    record(
        actor=actor,
        action="decision.deadline_extended",
        obj=p,
        before=before,
        after={
            "decision_due": p.decision_due,
            "extension": ext.pk,
            "days": ext.days,
            "by_agreement": ext.by_agreement,
        },
    )


def answer_extension(
    *, extension: DeadlineExtension, actor: Actor, agree: bool
) -> DeadlineExtension:
    """The employee agrees to (or refuses) an extension proposed under a by-agreement pack."""
    with transaction.atomic():
        p = steps.lock(extension.proposal_id)
        access.require_employee(actor, p)
        ext = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
        if ext.state != DeadlineExtension.PROPOSED or p.status not in LIVE:
            raise steps.state_error("This extension is not waiting for your answer.")
        ext.answered_at = timezone.now()
        if agree:
            try:
                extended = applied_rules.deadline_for(p, extra=(ext.days, True))
            except rules.RuleError as exc:
                raise ValidationError(str(exc)) from None
            if extended is None:  # pragma: no cover - had a deadline when proposed
                raise ValidationError("This request has no decision deadline to extend.")
            ext.state, ext.due_after = DeadlineExtension.IN_FORCE, extended.due
            ext.save()
            _apply_extension(p, ext, extended, actor)
        else:
            ext.state = DeadlineExtension.REFUSED
            ext.save()
            record(
                actor=actor,
                action="decision.extension_refused",
                obj=p,
                after={"extension": ext.pk},
            )
        if p.decider is not None:
            notify_from(
                steps.notice("extension_answered"),
                recipient=p.decider,
                context={"employee": p.employee.name, "agree": agree, "due": p.decision_due},
                url=steps.review_url(p),
            )
        return ext
