"""Agreement templates and generated agreements; each change is atomic and audited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import Actor
from homeward.agreements import language
from homeward.agreements.actions.signing import hold_if_required
from homeward.agreements.defaults import default_template
from homeward.agreements.models import Agreement, AgreementStatus, AgreementTemplate
from homeward.arrangements import hooks
from homeward.arrangements.models import Arrangement
from homeward.audit.actions import record, snapshot
from homeward.coach.patterns import Pattern, describe
from homeward.concerns.models import CLOSED_STATES, ConcernItem
from homeward.lib.errors import StateConflict
from homeward.people.access import is_hr, person_of
from homeward.people.models import JURISDICTION_CODES
from homeward.policy.rules import get_pack


def template_for(jurisdiction: str) -> str:
    """The jurisdiction's template as HR saved it, or the pack's default."""
    row = AgreementTemplate.objects.filter(jurisdiction=jurisdiction).first()
    return row.body if row else default_template(jurisdiction)


def required_contents(jurisdiction: str) -> list[str]:
    """The pack's required agreement contents (keys), in the pack's order."""
    return [item.key for item in get_pack(jurisdiction).agreement_contents]


def save_template(*, jurisdiction: str, body: str, actor: Actor) -> AgreementTemplate:
    """HR saves a jurisdiction's template; an unsafe or unknown placeholder is refused."""
    if not is_hr(actor):
        raise PermissionDenied("Only HR edits agreement templates.")
    if jurisdiction not in JURISDICTION_CODES:
        raise ValidationError({"jurisdiction": f"Unknown jurisdiction {jurisdiction!r}."})
    body = body.replace("\r\n", "\n")
    errors = language.check(body)
    if errors:
        raise ValidationError({"body": errors})
    with transaction.atomic():
        row = AgreementTemplate.objects.select_for_update().filter(jurisdiction=jurisdiction)
        template = row.first() or AgreementTemplate(jurisdiction=jurisdiction)
        before = {"body": template.body} if template.pk else None
        template.body = body
        template.updated_by = person_of(actor)
        template.updated_at = timezone.now()
        template.save()
        record(
            actor=actor,
            action="agreement_template.saved",
            obj=template,
            before=before,
            after=snapshot(template, ["jurisdiction", "body"]),
        )
    return template


def _pattern_text(arrangement: Arrangement) -> str:
    try:
        return describe(
            Pattern(
                kind=arrangement.pattern_kind,
                weekdays=tuple(arrangement.weekdays or ()),
                n_days=arrangement.n_days or 0,
                allowed_weekdays=tuple(arrangement.allowed_weekdays or ()),
                reduced_hours_per_day=float(arrangement.reduced_hours or 0),
            )
        )
    except (ValueError, IndexError):
        return ""


def _concern_answers(arrangement: Arrangement) -> str:
    items = ConcernItem.objects.filter(
        proposal_id=arrangement.proposal_id, state__in=CLOSED_STATES
    ).select_related("concern")
    lines = []
    for item in items.prefetch_related("messages"):
        last = [m.body for m in item.messages.all() if m.body.strip()]
        answer = item.policy_answer.strip() or (last[-1].strip() if last else "")
        if answer:
            lines.append(f"- {item.title}: {answer}")
    return "\n".join(lines) or "No concerns were raised."


def values_for(arrangement: Arrangement, *, version: int) -> dict[str, str]:
    """The placeholders' values for one arrangement."""
    employee = arrangement.employee
    pack = get_pack(employee.jurisdiction)
    hours = (
        f"reduced to {arrangement.reduced_hours} hours a day"
        if arrangement.reduced_hours
        else "the employee's contractual hours, unchanged"
    )
    return {
        "employee_name": employee.name,
        "manager_name": arrangement.approved_by.name,
        "employer_name": settings.EMPLOYER_NAME,
        "office_name": employee.office.name if employee.office else "",
        "jurisdiction": pack.name,
        "pattern": _pattern_text(arrangement),
        "home_days_per_week": f"{arrangement.home_days_per_week():g}",
        "hours": hours,
        "start_date": arrangement.start_date.isoformat(),
        "review_date": arrangement.review_date.isoformat() if arrangement.review_date else "",
        "end_date": arrangement.end_date.isoformat() if arrangement.end_date else "",
        "concern_answers": _concern_answers(arrangement),
        "version": str(version),
        "issued_on": timezone.localdate().isoformat(),
    }


def _write(arrangement: Arrangement, jurisdiction: str, version: int) -> tuple[str, list[str]]:
    """The agreement's text from the current template, and the required keys it lacks."""
    rendered = language.render(template_for(jurisdiction), values_for(arrangement, version=version))
    return rendered.text, language.missing(required_contents(jurisdiction), rendered.covered)


@hooks.on_start
def generate_agreement(*, arrangement: Arrangement, actor: Actor | None) -> Agreement:
    """Write the arrangement's next agreement version from its jurisdiction's template.

    Runs inside the caller's transaction (the arrangement's start); where the pack makes the
    signed agreement a condition, the new arrangement waits for it. It is issued at once
    when it covers every content the pack requires; otherwise it stays a draft listing
    what is missing, and cannot be issued until the template covers it.
    """
    jurisdiction = arrangement.employee.jurisdiction
    latest = arrangement.agreements.order_by("-version").first()
    version = latest.version + 1 if latest else 1
    text, absent = _write(arrangement, jurisdiction, version)
    agreement = Agreement.objects.create(
        arrangement=arrangement,
        version=version,
        jurisdiction=jurisdiction,
        text=text,
        text_sha256=Agreement.hash_of(text),
        missing=absent,
        status=AgreementStatus.DRAFT if absent else AgreementStatus.ISSUED,
        issued_at=None if absent else timezone.now(),
    )
    if latest is not None:
        Agreement.objects.filter(arrangement=arrangement, version__lt=version).update(
            status=AgreementStatus.SUPERSEDED
        )
    record(
        actor=actor,
        action="agreement.generated",
        obj=agreement,
        after=snapshot(agreement, ["version", "status", "text_sha256", "missing"]),
    )
    if version == 1:
        hold_if_required(arrangement=arrangement, actor=actor)
    return agreement


def missing_labels(jurisdiction: str, keys: list[str]) -> list[str]:
    """The pack's labels of the content keys an agreement lacks."""
    labels = {i.key: i.label for i in get_pack(jurisdiction).agreement_contents}
    return [labels.get(key, key) for key in keys]


def regenerate_agreement(*, agreement_id: int, actor: Actor) -> Agreement:
    """HR writes a draft again from the current template; it is issued if nothing is missing.

    A draft that still lacks a required content is refused, naming what is missing.
    """
    if not is_hr(actor):
        raise PermissionDenied("Only HR issues agreements.")
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update().select_related("arrangement").get(pk=agreement_id)
        )
        if agreement.status != AgreementStatus.DRAFT:
            raise StateConflict("Only a draft agreement is generated again.")
        text, absent = _write(agreement.arrangement, agreement.jurisdiction, agreement.version)
        if absent:
            raise ValidationError(
                "The agreement cannot be issued: the template does not cover "
                + "; ".join(missing_labels(agreement.jurisdiction, absent))
                + "."
            )
        before = snapshot(agreement, ["status", "text_sha256", "missing"])
        agreement.text = text
        agreement.text_sha256 = Agreement.hash_of(text)
        agreement.missing = []
        agreement.status = AgreementStatus.ISSUED
        agreement.issued_at = timezone.now()
        agreement.save()
        record(
            actor=actor,
            action="agreement.issued",
            obj=agreement,
            before=before,
            after=snapshot(agreement, ["status", "text_sha256", "missing"]),
        )
    return agreement
