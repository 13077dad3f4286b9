"""Proposal pages: the guided builder, the letter, the timeline, and the lists.

Every page works without JavaScript; htmx only swaps in live previews (pattern, dates,
benefits) and the letter in another tone. State changes are POST-only and go through
``actions``; every lookup goes through ``access.get_proposal_for``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.coach.benefits import EMISSION_FACTORS, format_number
from homeward.coach.letter import TONES, format_date
from homeward.coach.patterns import size_warning, suggest_first_step
from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import require_person
from homeward.proposals import hooks, jurisdiction
from homeward.proposals.access import (
    can_write,
    get_proposal_for,
    get_readiness_for,
    visible_proposals,
)
from homeward.proposals.actions import (
    create_draft,
    submit_proposal,
    suggested_values,
    update_draft,
    withdraw_proposal,
)
from homeward.proposals.content import (
    benefits_for,
    compare,
    current_home_days,
    policy_of,
)
from homeward.proposals.forms import (
    BenefitsForm,
    CommitmentsForm,
    DatesForm,
    PatternForm,
    SendForm,
    WithdrawForm,
)
from homeward.proposals.letters import (
    compose_letter,
    content_gaps,
    is_first_request,
    letter_pdf,
    pack_of,
)
from homeward.proposals.letters import missing_for_letter as letter_missing
from homeward.proposals.models import Proposal, Status
from homeward.proposals.validation import pattern_errors


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    form: type[forms.Form]


STEPS = (
    Step("pattern", "Pattern", PatternForm),
    Step("dates", "Start and trial", DatesForm),
    Step("commitments", "Commitments", CommitmentsForm),
    Step("benefits", "Benefits", BenefitsForm),
)
STEP_BY_KEY = {s.key: s for s in STEPS}
LETTER_STEP = {"key": "letter", "title": "Letter"}
# Which step asks for each field, to send the employee back to it.
FIELD_STEP = {name: s.key for s in STEPS for name in s.form.base_fields}


# --- Lists ----------------------------------------------------------------------------------


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    me = require_person(request)
    return render(
        request,
        "proposals/list.html",
        {
            "mine": Proposal.objects.filter(employee=me),
            "awaiting": Proposal.objects.awaiting(me).select_related("employee"),
        },
    )


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    """A manager's list: what awaits them, and every submitted proposal in their line."""
    me = require_person(request)
    others = visible_proposals(request.user).exclude(employee=me).exclude(status=Status.DRAFT)
    return render(
        request,
        "proposals/team.html",
        {
            "awaiting": Proposal.objects.awaiting(me).select_related("employee"),
            "others": others.order_by("-submitted_at")[:200],
        },
    )


# --- The builder ----------------------------------------------------------------------------


def _values_of(p: Proposal) -> dict[str, Any]:
    return {
        "pattern_kind": p.pattern_kind,
        "weekdays": list(p.weekdays or []),
        "n_days": p.n_days,
        "allowed_weekdays": list(p.allowed_weekdays or []),
        "reduced_hours": p.reduced_hours,
    }


def _preview(step: str, p: Proposal) -> dict[str, Any]:
    """What the step shows beside the form: computed from ``p``, which may be unsaved."""
    me = p.employee
    policy = policy_of(p)
    ctx: dict[str, Any] = {"p": p, "policy": policy}
    if step == "pattern":
        ctx["suggestion_reason"] = suggest_first_step().reason
        errors = pattern_errors(_values_of(p), policy)
        ctx["pattern_errors"] = errors
        if not errors:
            first = is_first_request(p) if p.pk else True
            ctx["warning"] = size_warning(
                p.pattern(), is_first_request=first, current_home_days=current_home_days(me)
            )
            ctx["benefits"] = benefits_for(p)
    elif step == "dates":
        today = jurisdiction.today_for(me)
        ctx["earliest"] = jurisdiction.earliest_start(me, policy, today=today)
        if p.start_date:
            ctx["start_errors"] = jurisdiction.start_date_errors(
                me, policy, p.start_date, today=today
            )
            ctx["start_warnings"] = jurisdiction.start_date_warnings(me, p.start_date, today=today)
            if not ctx["start_errors"]:
                ctx["assessment"] = jurisdiction.assess(
                    me, start=p.start_date, today=today, exclude=p.pk
                )
    elif step == "benefits":
        benefits = benefits_for(p)
        ctx["benefits"] = benefits
        if benefits is not None:
            ctx["figures"] = {
                "hours_month": format_number(benefits.hours_saved_per_month),
                "hours_year": format_number(benefits.hours_saved_per_year),
                "km": format_number(benefits.km_saved_per_year),
                "co2": format_number(benefits.co2_kg_per_year),
            }
    return ctx


def _with(p: Proposal, data: dict[str, Any]) -> Proposal:
    """An unsaved copy of ``p`` with ``data`` applied, for previews."""
    shadow = copy.copy(p)
    for name, value in data.items():
        setattr(shadow, name, value)
    return shadow


def _on_other_step(field: str, message: str) -> str:
    """A message about a field of another step, saying which (on top of this step's form)."""
    step = FIELD_STEP.get(field)
    where = f" (step “{STEP_BY_KEY[step].title}”)" if step else ""
    label = field.replace("_", " ").capitalize() if field != "__all__" else ""
    return f"{label}{where}: {message}" if label else message


def _step_context(step: Step, p: Proposal, form: forms.Form, *, new: bool) -> dict[str, Any]:
    return {
        "step": step,
        "steps": STEPS,
        "proposal": p,
        "form": form,
        "new": new,
        "preview_template": f"proposals/_preview_{step.key}.html",
        "factors": EMISSION_FACTORS.values(),
        **_preview(step.key, p),
    }


def _render_step(
    request: HttpRequest,
    step: Step,
    p: Proposal,
    form: forms.Form,
    *,
    new: bool,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    ctx = {**_step_context(step, p, form, new=new), **(extra or {})}
    if is_htmx(request) and request.method == "GET":
        return render(request, ctx["preview_template"], ctx)
    return render(request, f"proposals/step_{step.key}.html", ctx, status=status)


def _preview_form(request: HttpRequest, step: Step, p: Proposal) -> tuple[forms.Form, Proposal]:
    """On an htmx GET the form's current (unsaved) values drive the preview."""
    if is_htmx(request) and request.GET:
        form = step.form(request.GET)
        form.is_valid()
        return form, _with(p, getattr(form, "cleaned_data", {}))
    initial = {name: getattr(p, name) for name in step.form.base_fields}
    return step.form(initial=initial), p


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """Step one for a proposal that does not exist yet: POST creates the draft."""
    me = require_person(request)
    step = STEPS[0]
    readiness = _own_readiness(
        request, request.GET.get("readiness") or request.POST.get("readiness")
    )
    blank = Proposal(employee=me, **_model_values(suggested_values(me)))
    if request.method == "POST":
        form = step.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if readiness is not None:
                data["readiness"] = readiness
            try:
                proposal = create_draft(actor=request.user, data=data)
            except ValidationError as exc:
                add_errors(form, exc, elsewhere=_on_other_step)
            else:
                messages.success(request, "Draft saved. Next: when would you like to start?")
                return redirect("proposals:edit", pk=proposal.pk, step=STEPS[1].key)
        shown = _with(blank, getattr(form, "cleaned_data", {}))
        extra = {"readiness": readiness}
        return _render_step(request, step, shown, form, new=True, status=400, extra=extra)
    form, shown = _preview_form(request, step, blank)
    return _render_step(request, step, shown, form, new=True, extra={"readiness": readiness})


def _model_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in {f.name for f in Proposal._meta.fields}}


def _own_readiness(request: HttpRequest, raw: str | None) -> Any:
    """The caller's own readiness check named in the request, or None (404 for others')."""
    if not raw:
        return None
    check = get_readiness_for(request.user, raw)
    me = require_person(request)
    if check.person_id != me.pk:
        raise Http404("No such readiness check.")
    return check


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEP_BY_KEY:
        raise Http404("No such step.")
    the_step = STEP_BY_KEY[step]
    proposal = get_proposal_for(request.user, pk, write=True)
    if not proposal.is_editable:
        messages.error(
            request, f"This proposal is {proposal.get_status_display().lower()}: it cannot change."
        )
        return redirect("proposals:detail", pk=proposal.pk)
    if request.method == "POST":
        form = the_step.form(request.POST)
        if form.is_valid():
            try:
                saved = update_draft(
                    actor=request.user, proposal=proposal, changes=form.cleaned_data
                )
            except ValidationError as exc:
                add_errors(form, exc, elsewhere=_on_other_step)
            else:
                return _after_save(request, saved, the_step)
        shown = _with(proposal, getattr(form, "cleaned_data", {}))
        return _render_step(request, the_step, shown, form, new=False, status=400)
    form, shown = _preview_form(request, the_step, proposal)
    return _render_step(request, the_step, shown, form, new=False)


def _after_save(request: HttpRequest, proposal: Proposal, step: Step) -> HttpResponse:
    if not proposal.is_draft:
        messages.success(
            request,
            f"Saved. {proposal.decider} can now see revision {proposal.revision} "
            "and compare it with the last one.",
        )
        return redirect("proposals:detail", pk=proposal.pk)
    index = STEPS.index(step)
    if "save_stay" in request.POST:
        messages.success(request, "Saved.")
        return redirect("proposals:edit", pk=proposal.pk, step=step.key)
    if index + 1 < len(STEPS):
        return redirect("proposals:edit", pk=proposal.pk, step=STEPS[index + 1].key)
    return redirect("proposals:letter", pk=proposal.pk)


# --- The proposal and its timeline -----------------------------------------------------------


def timeline(proposal: Proposal) -> list[dict[str, str]]:
    """What has happened and what happens next, in order; features built on proposals add
    their steps between "sent" and the decision (``hooks.timeline_step``)."""
    received = proposal.received_on
    sent = received is not None
    decided = proposal.status not in (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.INFO_REQUESTED,
    )
    deadline = (proposal.rules or {}).get("deadline") or {}
    events = [
        {
            "title": "Prepared",
            "when": format_date(timezone.localdate(proposal.created_at)),
            "text": "You built the proposal and its letter.",
            "state": "done",
        },
        {
            "title": f"Sent to {proposal.decider}" if sent else "Send it to your manager",
            "when": format_date(received) if received else "",
            "text": (
                f"Received on {format_date(received)} under the "
                f"{(proposal.rules.get('pack') or {}).get('name', proposal.jurisdiction)} rules."
                if received
                else "When you send it, the date received starts the decision deadline."
            ),
            "state": "done" if sent else "current",
        },
    ]
    events.extend(hooks.timeline_steps(proposal))
    due = proposal.decision_due
    if proposal.status == Status.WITHDRAWN:
        text = "The proposal was withdrawn before a decision."
    elif decided:
        text = f"Decided: {proposal.get_status_display().lower()}."
    elif due:
        text = f"Due by {format_date(due)}. {deadline.get('basis', '')}"
    else:
        text = "A decision on time, under the rules of your jurisdiction."
    events.append(
        {
            "title": proposal.get_status_display() if decided else "Decision",
            "when": format_date(due) if due and not decided else "",
            "text": text,
            "state": "done" if decided else ("current" if sent else "next"),
        }
    )
    if proposal.start_date:
        review = proposal.review_date
        events.append(
            {
                "title": "Trial",
                "when": format_date(proposal.start_date),
                "text": (
                    f"{proposal.trial_weeks} weeks from {format_date(proposal.start_date)}, "
                    f"reviewed on {format_date(review)}: judged on results."
                    if review
                    else ""
                ),
                "state": "next",
            }
        )
    return events


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    mine = can_write(request.user, proposal)
    latest = proposal.latest_revision()
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "mine": mine,
            "steps": STEPS,
            "timeline": timeline(proposal),
            "benefits": benefits_for(proposal),
            "policy": policy_of(proposal),
            "missing": letter_missing(proposal) if proposal.is_draft else {},
            "warning": size_warning(
                proposal.pattern(),
                is_first_request=is_first_request(proposal),
                current_home_days=current_home_days(proposal.employee),
            )
            if not pattern_errors(_values_of(proposal), policy_of(proposal))
            else None,
            "latest": latest,
            "rule_warnings": (proposal.rules or {}).get("warnings", []),
            "withdraw_form": WithdrawForm(),
        },
    )


@require_GET
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every frozen revision, each compared with the one before."""
    proposal = get_proposal_for(request.user, pk)
    rows = []
    previous = None
    for rev in proposal.revisions.order_by("number"):
        rows.append({"revision": rev, "changes": compare(previous, rev.fields)})
        previous = rev.fields
    rows.reverse()
    return render(request, "proposals/revisions.html", {"proposal": proposal, "rows": rows})


# --- The letter -----------------------------------------------------------------------------


def _tone(request: HttpRequest, proposal: Proposal) -> str:
    tone = request.GET.get("tone", "")
    return tone if tone in TONES else proposal.letter_tone


@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    tone = _tone(request, proposal)
    missing = letter_missing(proposal)
    ctx = {
        "proposal": proposal,
        "tone": tone,
        "tones": TONES,
        "missing": [(FIELD_STEP.get(f, "pattern"), m) for f, m in missing.items()],
        "letter": None if missing else compose_letter(proposal, tone),
        "mine": can_write(request.user, proposal),
        "gaps": content_gaps(proposal),
        "pack": pack_of(proposal),
        "steps": STEPS,
        "letter_step": LETTER_STEP,
        "send_errors": [],
    }
    if is_htmx(request):
        return render(request, "proposals/_letter.html", ctx)
    return render(request, "proposals/letter.html", ctx)


def _letter_or_400(request: HttpRequest, proposal: Proposal) -> Any:
    missing = letter_missing(proposal)
    if missing:
        return None
    return compose_letter(proposal, _tone(request, proposal))


@require_GET
def letter_text(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    composed = _letter_or_400(request, proposal)
    if composed is None:
        return HttpResponse("The proposal is not complete yet.", status=400)
    return HttpResponse(
        f"Subject: {composed.subject}\n\n{composed.text}", content_type="text/plain; charset=utf-8"
    )


@require_GET
def letter_html(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    composed = _letter_or_400(request, proposal)
    if composed is None:
        return HttpResponse("The proposal is not complete yet.", status=400)
    return render(
        request, "proposals/letter_print.html", {"proposal": proposal, "letter": composed}
    )


@require_GET
def letter_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    composed = _letter_or_400(request, proposal)
    if composed is None:
        return HttpResponse("The proposal is not complete yet.", status=400)
    response = HttpResponse(letter_pdf(proposal, composed), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="proposal-{proposal.pk}-letter.pdf"'
    return response


@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send through Homeward: submit the proposal and email the manager the letter."""
    proposal = get_proposal_for(request.user, pk, write=True)
    form = SendForm(request.POST)
    tone = form.cleaned_data["tone"] if form.is_valid() else proposal.letter_tone
    try:
        sent = submit_proposal(actor=request.user, proposal=proposal, tone=tone)
    except ValidationError as exc:
        errors = exc.messages
        missing = letter_missing(proposal)
        ctx = {
            "proposal": proposal,
            "tone": tone,
            "tones": TONES,
            "missing": [(FIELD_STEP.get(f, "pattern"), m) for f, m in missing.items()],
            "letter": None if missing else compose_letter(proposal, tone),
            "mine": True,
            "gaps": content_gaps(proposal),
            "pack": pack_of(proposal),
            "steps": STEPS,
            "letter_step": LETTER_STEP,
            "send_errors": _labelled(exc) if hasattr(exc, "error_dict") else errors,
        }
        return render(request, "proposals/letter.html", ctx, status=400)
    messages.success(
        request,
        f"Sent to {sent.decider}. The decision is due by {format_date(sent.decision_due)}."
        if sent.decision_due
        else f"Sent to {sent.decider}.",
    )
    return redirect("proposals:detail", pk=sent.pk)


def _labelled(exc: ValidationError) -> list[str]:
    out: list[str] = []
    for field, msgs in exc.message_dict.items():
        step = FIELD_STEP.get(field)
        prefix = f"{STEP_BY_KEY[step].title}: " if step else ""
        out.extend(f"{prefix}{m}" for m in msgs)
    return out


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk, write=True)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        withdraw_proposal(actor=request.user, proposal=proposal, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your proposal is withdrawn.")
    return redirect("proposals:detail", pk=proposal.pk)


@require_POST
def attach_readiness(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach one of the employee's readiness checks to their proposal, or detach it."""
    proposal = get_proposal_for(request.user, pk, write=True)
    check = _own_readiness(request, request.POST.get("readiness"))
    try:
        update_draft(actor=request.user, proposal=proposal, changes={"readiness": check})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "Readiness check attached: whoever decides can now read it."
            if check
            else "Readiness check detached: it is private again.",
        )
    return redirect("proposals:detail", pk=proposal.pk)
