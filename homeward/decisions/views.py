"""The decision pages: the review page (one URL, a page per role, and an htmx fragment for
the coverage preview) and one POST view per verb, each calling one action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from homeward.arrangements.models import Arrangement
from homeward.audit.models import AuditEvent
from homeward.concerns.queries import open_items, summary
from homeward.decisions import actions, advice, applied_rules, coverage
from homeward.decisions.access import (
    appeals_heard_by,
    get_appeal_for,
    get_extension_for,
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
from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import is_hr, person_of, require_person
from homeward.people.models import Person
from homeward.proposals.access import get_proposal_for
from homeward.proposals.content import compare
from homeward.proposals.models import Proposal, Status

# --- Building the page ------------------------------------------------------------------------


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


def _decide_form(
    proposal: Proposal,
    data: Any = None,
    *,
    section: str = "",
    shared: dict[str, Any] | None = None,
) -> DecideForm:
    kwargs = shared if shared is not None else _decide_form_kwargs(proposal)
    return DecideForm(data, auto_id=f"id_{section}_%s" if section else "id_%s", **kwargs)


SECTIONS = ("approve_trial", "approve", "counter", "decline", "ask")


def _section(outcome: str) -> str:
    return "ask" if outcome in (Outcome.REQUEST_INFO, Outcome.MEETING) else outcome


def _decide_forms(proposal: Proposal, bound: DecideForm | None, outcome: str) -> dict[str, Any]:
    """One form per outcome section (distinct ids on one page); the bound one keeps its
    errors."""
    shared = _decide_form_kwargs(proposal)
    forms = {s: _decide_form(proposal, section=s, shared=shared) for s in SECTIONS}
    if bound is not None and _section(outcome) in forms:
        forms[_section(outcome)] = bound
    return forms


def _meeting_people(proposal: Proposal) -> Any:
    return (
        Person.objects.active()
        .filter(
            Q(team_id=proposal.employee.team_id)
            | Q(is_hr=True)
            | Q(pk=proposal.employee.manager_id)
        )
        .exclude(pk=proposal.employee_id)
    )


def _appeal_managers(appeal: Appeal) -> Any:
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


def _days_left(due: date | None) -> int | None:
    return None if due is None else (due - timezone.localdate()).days


def _context(request: HttpRequest, proposal: Proposal, **forms: Any) -> dict[str, Any]:
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
        "days_left": _days_left(summary.due),
        "days_late": -(_days_left(summary.due) or 0),
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
        ctx["decide_forms"] = _decide_forms(proposal, forms.get("decide_form"), ctx["open_outcome"])
    if role == "decider" and proposal.status in (*actions.UNDECIDED, Status.COUNTERED):
        ctx["extension_form"] = forms.get("extension_form") or ExtensionForm()
        ctx["extension_rule"] = summary.pack.extension
    acting = person_of(request.user) is not None  # accounts without a person only read
    if acting and role in ("decider", "appeal", "hr") and proposal.status != Status.WITHDRAWN:
        ctx["meeting_form"] = forms.get("meeting_form") or MeetingForm(
            people=_meeting_people(proposal),
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
                people=_appeal_managers(appeal),
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
        decided_on = timezone.localdate(proposal.decided_at) if proposal.decided_at else today
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


# --- Pages --------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The decider's queue and the appeals they hear; for HR, everything pending."""
    me = require_person(request)
    mine = (
        Proposal.objects.filter(decider=me, status__in=[*actions.UNDECIDED, Status.COUNTERED])
        .exclude(employee=me)
        .select_related("employee")
        .order_by("decision_due")
    )
    appeals = appeals_heard_by(me).select_related("proposal", "appellant")
    hr_rows: Any = []
    if is_hr(request.user):
        hr_rows = (
            Proposal.objects.filter(
                status__in=[*actions.UNDECIDED, Status.COUNTERED, Status.APPEALED]
            )
            .exclude(employee=me)
            .select_related("employee", "decider")
            .order_by("decision_due")[:200]
        )
    today = timezone.localdate()
    return render(
        request,
        "decisions/index.html",
        {
            "mine": [{"proposal": p, "days_left": _days_left(p.decision_due)} for p in mine],
            "appeals": appeals,
            "hr_rows": [{"proposal": p, "days_left": _days_left(p.decision_due)} for p in hr_rows],
            "today": today,
        },
    )


@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page; an htmx request for ``part=coverage`` gets the coverage fragment for
    the pattern in the query (the counter-proposal being drafted)."""
    proposal = get_proposal_for(request.user, pk, submitted=True)
    if is_htmx(request) and request.GET.get("part") == "coverage":
        if role_on(request.user, proposal) == "employee":
            raise Http404("No such page.")
        return render(
            request,
            "decisions/_coverage.html",
            {"coverage": _preview(proposal, request.GET), "preview": True, "proposal": proposal},
        )
    ctx = _context(request, proposal)
    template = "decisions/employee.html" if ctx["role"] == "employee" else "decisions/review.html"
    return render(request, template, ctx)


def _preview(proposal: Proposal, query: Any) -> coverage.Coverage:
    kind = query.get("counter_pattern_kind") or "weekdays"
    try:
        values = {
            "pattern_kind": kind,
            "weekdays": [int(x) for x in query.getlist("counter_weekdays")],
            "n_days": int(query.get("counter_n_days") or 0),
            "allowed_weekdays": [int(x) for x in query.getlist("counter_allowed_weekdays")],
        }
    except ValueError:
        return coverage.team_coverage(proposal)
    return coverage.team_coverage(proposal, after=applied_rules.pattern_of(values))


# --- Acting ---------------------------------------------------------------------------------


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
        return " ".join(exc.messages)
    return str(exc)


def _act(
    request: HttpRequest,
    proposal: Proposal,
    form: Any,
    form_key: str,
    run: Callable[[], Any],
    done: str | Callable[[Any], str],
    **extra: Any,
) -> HttpResponse:
    """Run an action for a valid form: redirect with a message, or show the page again with
    the errors (400). A PermissionDenied from the action is a 403."""
    if form.is_valid():
        try:
            result = run()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect("decisions:review", pk=proposal.pk)
    proposal.refresh_from_db()
    ctx = _context(request, proposal, **{form_key: form}, **extra)
    template = "decisions/employee.html" if ctx["role"] == "employee" else "decisions/review.html"
    messages.error(request, "Nothing was changed: see the messages below.")
    return render(request, template, ctx, status=400)


DONE = {
    Outcome.APPROVE_TRIAL: "Approved as a trial.",
    Outcome.APPROVE: "Approved as a standing arrangement.",
    Outcome.COUNTER: "Counter-proposal sent.",
    Outcome.DECLINE: "Declined. The employee has been told the grounds and the reasons.",
    Outcome.REQUEST_INFO: "Question sent to the employee.",
    Outcome.MEETING: "Meeting request sent to the employee.",
}


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    outcome = request.POST.get("outcome", "")
    form = _decide_form(proposal, request.POST, section=_section(outcome))

    def run() -> Decision:
        d = form.cleaned_data
        return actions.decide_proposal(
            proposal=proposal,
            actor=request.user,
            outcome=d["outcome"],
            grounds=d["grounds"],
            explanation=d["explanation"],
            start_date=d["start_date"],
            review_date=d["review_date"],
            counter=form.counter() if d["outcome"] == Outcome.COUNTER else None,
            counter_trial=d["counter_trial"],
            criteria=form.criteria(),
            meeting_proposed_for=d["meeting_proposed_for"],
        )

    def done(decision: Decision) -> str:
        if actions.pending_hr(decision):
            return "Decided; waiting for HR's second approval, as the policy asks."
        return DONE.get(Outcome(decision.outcome), "Done.")

    return _act(request, proposal, form, "decide_form", run, done, open_outcome=outcome)


@require_POST
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = MeetingForm(request.POST, people=_meeting_people(proposal))

    def run() -> Meeting:
        d = form.cleaned_data
        return actions.record_meeting(
            proposal=proposal,
            actor=request.user,
            held_on=d["held_on"],
            notes=d["notes"],
            attendees=list(d["attendees"]),
            other_attendees=d["other_attendees"],
            kind=d["kind"],
        )

    return _act(request, proposal, form, "meeting_form", run, "Meeting recorded.")


@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = RespondForm(request.POST)
    return _act(
        request,
        proposal,
        form,
        "respond_form",
        lambda: actions.respond_to_request(
            proposal=proposal, actor=request.user, response=form.cleaned_data["response"]
        ),
        "Your answer was sent; the request is back with your manager.",
    )


@require_POST
def counter_response(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = CounterResponseForm(request.POST)
    accept = request.POST.get("answer") == "accept"
    return _act(
        request,
        proposal,
        form,
        "counter_form",
        lambda: actions.respond_to_counter(
            proposal=proposal, actor=request.user, accept=accept, note=form.cleaned_data["note"]
        ),
        "Offer accepted: your arrangement is set up."
        if accept
        else "Offer declined: your manager decides on your original request.",
    )


@require_POST
def extension(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = ExtensionForm(request.POST)
    by_agreement = applied_rules.pack_for(proposal).extension_by_agreement_only
    return _act(
        request,
        proposal,
        form,
        "extension_form",
        lambda: actions.request_extension(
            proposal=proposal,
            actor=request.user,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        ),
        "Extension proposed: it takes effect when the employee agrees."
        if by_agreement
        else "Extension notified to the employee.",
    )


@require_POST
def extension_answer(request: HttpRequest, pk: int) -> HttpResponse:
    ext = get_extension_for(request.user, pk)
    proposal = ext.proposal
    form = ExtensionAnswerForm(request.POST)
    agree = request.POST.get("answer") == "agree"
    return _act(
        request,
        proposal,
        form,
        "extension_answer_form",
        lambda: actions.answer_extension(extension=ext, actor=request.user, agree=agree),
        "Extension agreed." if agree else "Extension not agreed: the original deadline stands.",
    )


@require_POST
def hr_approval(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = HrForm(request.POST)
    approve = request.POST.get("answer") == "approve"
    return _act(
        request,
        proposal,
        form,
        "hr_form",
        lambda: actions.decide_hr_approval(
            proposal=proposal, actor=request.user, approve=approve, note=form.cleaned_data["note"]
        ),
        "Second approval given." if approve else "Not approved: the manager decides again.",
    )


@require_POST
def lodge_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, submitted=True)
    form = AppealForm(request.POST)
    return _act(
        request,
        proposal,
        form,
        "lodge_form",
        lambda: actions.lodge_appeal(
            proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        "Appeal lodged: a different manager will hear it.",
    )


def _appeal_for(request: HttpRequest, pk: int) -> tuple[Appeal, Proposal]:
    appeal = get_appeal_for(request.user, pk)
    return appeal, appeal.proposal


@require_POST
def appeal_assign(request: HttpRequest, pk: int) -> HttpResponse:
    appeal, proposal = _appeal_for(request, pk)
    form = AssignAppealForm(request.POST, people=_appeal_managers(appeal))
    return _act(
        request,
        proposal,
        form,
        "assign_form",
        lambda: actions.assign_appeal(
            appeal=appeal, actor=request.user, to=form.cleaned_data["assigned_to"]
        ),
        "Appeal assigned.",
    )


@require_POST
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appeal, proposal = _appeal_for(request, pk)
    form = AppealDecisionForm(request.POST)

    def run() -> Appeal:
        d = form.cleaned_data
        return actions.decide_appeal(
            appeal=appeal,
            actor=request.user,
            outcome=d["outcome"],
            explanation=d["explanation"],
            trial=d["trial"],
            start_date=d["start_date"],
            review_date=d["review_date"],
        )

    return _act(request, proposal, form, "appeal_form", run, "Appeal decided.")
