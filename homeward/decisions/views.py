"""The decision pages: the review page (one URL, a page per role, and an htmx fragment for
the coverage preview) and one POST view per verb, each calling one action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from homeward.decisions import actions, coverage, review_page
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
    ExtensionAnswerForm,
    ExtensionForm,
    HrForm,
    MeetingForm,
    RespondForm,
)
from homeward.decisions.models import (
    Appeal,
    Decision,
    Meeting,
    Outcome,
)
from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import is_hr, require_person
from homeward.proposals import jurisdiction
from homeward.proposals.access import get_proposal_for
from homeward.proposals.models import Proposal, Status, pattern_of

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
            "mine": [
                {"proposal": p, "days_left": review_page.days_left(p.decision_due)} for p in mine
            ],
            "appeals": appeals,
            "hr_rows": [
                {"proposal": p, "days_left": review_page.days_left(p.decision_due)} for p in hr_rows
            ],
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
    ctx = review_page.page_context(request, proposal)
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
    return coverage.team_coverage(proposal, after=pattern_of(values))


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
    ctx = review_page.page_context(request, proposal, **{form_key: form}, **extra)
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
    form = review_page.decide_form(proposal, request.POST, section=review_page.section_of(outcome))

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
    form = MeetingForm(request.POST, people=review_page.meeting_people(proposal))

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
    by_agreement = jurisdiction.pack_for(proposal).extension_by_agreement_only
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
    form = AssignAppealForm(request.POST, people=review_page.appeal_managers(appeal))
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
