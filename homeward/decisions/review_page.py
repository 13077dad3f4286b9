"""What the review page shows: the decision forms for each outcome, the history, the
revisions, the concerns, the coverage and, for the employee, their side of it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.audit.models import AuditEvent
from homeward.concerns.queries import open_items, summary
from homeward.decisions import actions, advice, applied_rules, coverage
from homeward.decisions.access import (
    role_on,
)
from homeward.decisions.forms import (
    AppealDecisionForm,
    AppealForm,
    AssignAppealForm,
    CounterResponseForm,
    DecideForm,
    ExtensionAnswerForm,
    ExtensionForm,
    HrForm,
    MeetingForm,
    RespondForm,
)
from homeward.decisions.models import (
    Appeal,
    DeadlineExtension,
    Decision,
    HrApproval,
    Meeting,
    Outcome,
)
from homeward.evidence.criteria import metric_choices_for, rule_choices
from homeward.people.access import person_of
from homeward.people.models import Person
from homeward.proposals import jurisdiction
from homeward.proposals.content import compare
from homeward.proposals.models import Proposal, Status


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _metric_choices(proposal: Proposal) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    return metric_choices_for(proposal.employee), rule_choices()


def _decide_form_kwargs(proposal: Proposal) -> dict[str, Any]:
    """What every decide form for ``proposal`` shares (read once for the page's sections)."""
    metrics, rules = _metric_choices(proposal)
    first = actions.is_first_request(proposal)
    trial_weeks = proposal.trial_weeks or (
        proposal.policy_version.default_trial_weeks if proposal.policy_version else 12
    )
    start = max(proposal.start_date or timezone.localdate(), timezone.localdate())
    return {
        "grounds": [(g.key, g.label) for g in applied_rules.grounds_for(proposal)],
        "metrics": metrics,
        "rules": rules,
        "initial": {
            "outcome": Outcome.APPROVE_TRIAL if first else Outcome.APPROVE,
            "start_date": start,
            "review_date": start + timedelta(weeks=trial_weeks),
            "counter_pattern_kind": "weekdays",
            "counter_trial": True,
        },
    }


def decide_form(
    proposal: Proposal,
    data: Any = None,
    *,
    section: str = "",
    shared: dict[str, Any] | None = None,
) -> DecideForm:
    kwargs = shared if shared is not None else _decide_form_kwargs(proposal)
    return DecideForm(data, auto_id=f"id_{section}_%s" if section else "id_%s", **kwargs)


SECTIONS = ("approve_trial", "approve", "counter", "decline", "ask")


def section_of(outcome: str) -> str:
    return "ask" if outcome in (Outcome.REQUEST_INFO, Outcome.MEETING) else outcome


def decide_forms(proposal: Proposal, bound: DecideForm | None, outcome: str) -> dict[str, Any]:
    """One form per outcome section (distinct ids on one page); the bound one keeps its
    errors."""
    shared = _decide_form_kwargs(proposal)
    forms = {s: decide_form(proposal, section=s, shared=shared) for s in SECTIONS}
    if bound is not None and section_of(outcome) in forms:
        forms[section_of(outcome)] = bound
    return forms


# "Also present" offers the request's own people, never a whole team or every HR person
# (thousands in a large organisation): the manager line above the employee, the decider, and
# the colleagues who share the employee's manager. Anyone else goes under "Others present".
MEETING_PEERS = 30


def meeting_people(proposal: Proposal) -> Any:
    employee = proposal.employee
    line = [m.pk for m in employee.manager_chain()]
    peers = list(
        Person.objects.active()
        .filter(manager_id=employee.manager_id)
        .exclude(pk=employee.pk)
        .order_by("name")
        .values_list("pk", flat=True)[:MEETING_PEERS]
        if employee.manager_id is not None
        else []
    )
    ids = {*line, *peers, *([proposal.decider_id] if proposal.decider_id else [])}
    return Person.objects.active().filter(pk__in=ids).exclude(pk=employee.pk).order_by("name")


def appeal_managers(appeal: Appeal) -> Any:
    return (
        Person.objects.active()
        .filter(reports__active=True)
        .exclude(pk__in=[appeal.appellant_id, appeal.original_decider_id])
        .distinct()
    )


def _history(proposal: Proposal) -> list[AuditEvent]:
    arrangement_ids = [
        str(pk) for pk in Arrangement.objects.filter(proposal=proposal).values_list("pk", flat=True)
    ]
    return list(
        AuditEvent.objects.filter(
            Q(object_type=proposal._meta.label_lower, object_id=str(proposal.pk))
            | Q(object_type=Arrangement._meta.label_lower, object_id__in=arrangement_ids)
        ).order_by("seq")
    )


def _revisions(proposal: Proposal) -> list[dict[str, Any]]:
    """Each revision with what changed since the one before (the proposals' comparison)."""
    out: list[dict[str, Any]] = []
    previous = None
    for rev in proposal.revisions.order_by("number"):
        fields = dict((rev.content or {}).get("proposal", {}))
        changes: list[dict[str, str]] = compare(previous, fields) if previous is not None else []
        out.append({"revision": rev, "changes": changes, "reason": rev.content.get("reason", "")})
        previous = fields
    return out


def _concerns(proposal: Proposal) -> dict[str, Any] | None:
    return {"counts": summary(proposal), "open": list(open_items(proposal)[:20])}


def days_left(due: date | None) -> int | None:
    return None if due is None else (due - timezone.localdate()).days


def page_context(request: HttpRequest, proposal: Proposal, **forms: Any) -> dict[str, Any]:
    role = role_on(request.user, proposal)
    summary = applied_rules.summary(proposal)
    decisions = list(
        Decision.objects.filter(proposal=proposal)
        .select_related("decider", "hr_approval", "hr_approval__decided_by")
        .order_by("created_at", "pk")
    )
    for d in decisions:
        # For the record: grounds and counter offers in words.
        d.ground_labels = applied_rules.ground_labels(  # type: ignore[attr-defined]
            proposal, list(d.grounds or [])
        )
        d.counter_text = (  # type: ignore[attr-defined]
            applied_rules.describe_pattern(d.counter_pattern())
            if d.outcome == Outcome.COUNTER
            else ""
        )
    standing = next((d for d in reversed(decisions) if d.is_final and not d.superseded_at), None)
    pending_hr = (
        HrApproval.objects.filter(proposal=proposal, state=HrApproval.PENDING)
        .select_related("decision", "decision__decider")
        .first()
    )
    appeal = (
        Appeal.objects.filter(proposal=proposal)
        .select_related("assigned_to", "appellant", "original_decider", "decided_by")
        .first()
    )
    extensions = list(DeadlineExtension.objects.filter(proposal=proposal).order_by("created_at"))
    meetings = list(
        Meeting.objects.filter(proposal=proposal).prefetch_related("attendees").order_by("held_on")
    )
    today = timezone.localdate()
    undecided = proposal.status in actions.UNDECIDED and standing is None
    ctx: dict[str, Any] = {
        "proposal": proposal,
        "role": role,
        "rules": summary,
        "pack": summary.pack,
        "days_left": days_left(summary.due),
        "days_late": -(days_left(summary.due) or 0),
        "decisions": decisions,
        "standing": standing,
        # Waiting for HR: a manager's decision (in review) or an overturn on appeal.
        "pending_hr": pending_hr
        if proposal.status in (Status.IN_REVIEW, Status.APPEALED)
        else None,
        "appeal": appeal,
        "extensions": extensions,
        "open_extension": next((e for e in extensions if e.state == e.PROPOSED), None)
        if proposal.is_live
        else None,
        "meetings": meetings,
        "consulted": any(m.kind == Meeting.CONSULTATION and m.held_on <= today for m in meetings),
        "undecided": undecided,
        "ask": applied_rules.describe_pattern(proposal),
        "home_days": applied_rules.home_days(proposal),
        "hr_threshold": actions.hr_threshold(proposal),
        "first_request": actions.is_first_request(proposal),
        "arrangement": Arrangement.objects.filter(proposal=proposal).order_by("-pk").first(),
        "links": {
            "proposal": _url("proposals:detail", proposal.pk),
            "letter": _url("proposals:letter", proposal.pk),
            "revisions": _url("proposals:revisions", proposal.pk),
            "concerns": _url("concerns:proposal_concerns", proposal.pk),
        },
        "today": today,
    }
    if role == "employee":
        ctx.update(_employee_context(proposal, standing, appeal, today, **forms))
        return ctx
    ctx.update(
        {
            "coverage": coverage.team_coverage(proposal),
            "revisions": _revisions(proposal),
            "concerns": _concerns(proposal),
            "readiness": proposal.readiness,
            "history": _history(proposal),
            "arrangements": list(Arrangement.objects.filter(proposal=proposal)),
        }
    )
    if role == "decider" and undecided:
        ctx["open_outcome"] = forms.get("open_outcome", "")
        ctx["decide_forms"] = decide_forms(proposal, forms.get("decide_form"), ctx["open_outcome"])
    if role == "decider" and proposal.status in (*actions.UNDECIDED, Status.COUNTERED):
        ctx["extension_form"] = forms.get("extension_form") or ExtensionForm()
        ctx["extension_rule"] = summary.pack.extension
    acting = person_of(request.user) is not None  # accounts without a person only read
    if acting and role in ("decider", "appeal", "hr") and proposal.status != Status.WITHDRAWN:
        ctx["meeting_form"] = forms.get("meeting_form") or MeetingForm(
            people=meeting_people(proposal),
            initial={
                "held_on": today,
                "kind": Meeting.APPEAL if role == "appeal" else Meeting.CONSULTATION,
            },
        )
    if acting and ctx["pending_hr"] is not None and role == "hr":
        ctx["hr_form"] = forms.get("hr_form") or HrForm()
    if appeal is not None and appeal.is_open:
        if role == "appeal":
            ctx["appeal_form"] = forms.get("appeal_form") or AppealDecisionForm(
                initial={"trial": True}
            )
        if acting and role == "hr":
            ctx["assign_form"] = forms.get("assign_form") or AssignAppealForm(
                people=appeal_managers(appeal),
                initial={"assigned_to": appeal.assigned_to_id},
            )
    return ctx


def _employee_context(
    proposal: Proposal,
    standing: Decision | None,
    appeal: Appeal | None,
    today: date,
    **forms: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if proposal.status == Status.INFO_REQUESTED:
        out["ask_open"] = (
            Decision.objects.filter(
                proposal=proposal,
                outcome__in=[Outcome.REQUEST_INFO, Outcome.MEETING],
                responded_at__isnull=True,
            )
            .order_by("-pk")
            .first()
        )
        out["respond_form"] = forms.get("respond_form") or RespondForm()
    if proposal.status == Status.COUNTERED and standing is not None:
        out["counter_offer"] = applied_rules.describe_pattern(standing.counter_pattern())
        out["counter_form"] = forms.get("counter_form") or CounterResponseForm()
    decline = next(
        (
            d
            for d in Decision.objects.filter(proposal=proposal, outcome=Outcome.DECLINE)
            .select_related("decider")
            .order_by("-pk")
        ),
        None,
    )
    if decline is not None and proposal.status in (Status.DECLINED, Status.APPEALED, Status.UPHELD):
        decided_on = jurisdiction.local_date(proposal.decided_at, proposal.employee) or today
        window = applied_rules.appeal_window_ends(proposal, decided_on)
        next_on = applied_rules.next_request_on(proposal)
        out.update(
            {
                "decline": decline,
                "ground_labels": applied_rules.ground_labels(proposal, decline.grounds),
                "appeal_window": window,
                "can_appeal": proposal.status == Status.DECLINED
                and appeal is None
                and window is not None
                and today <= window,
                "appeal_to": actions.appeal_manager_for(proposal, decline.decider),
                "next_request_on": next_on,
                "advice": advice.advice_for(decline.grounds, next_request_on=next_on, today=today),
            }
        )
        if out["can_appeal"]:
            out["lodge_form"] = forms.get("lodge_form") or AppealForm()
    out["extension_answer_form"] = ExtensionAnswerForm()
    return out
