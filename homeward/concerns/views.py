"""Pages for a proposal's concern threads and its safety self-check.

Every state change is a POST calling one function in ``actions.py``; htmx requests get the
fragment back (always 200, so htmx swaps it in, with any refusal shown inside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.accounts.models import Actor
from homeward.concerns import actions
from homeward.concerns.access import can_raise, get_item_for, resolve_check
from homeward.concerns.forms import MessageForm, RaiseForm, ReopenForm, ResolveForm, SafetyCheckForm
from homeward.concerns.models import ConcernItem, ItemState, SafetyCheck
from homeward.concerns.queries import count_items
from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import person_of
from homeward.policy import safety
from homeward.proposals.access import get_proposal_for
from homeward.proposals.models import Proposal, Status


def _refusal(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "You may not do that."


@dataclass(frozen=True)
class ItemRow:
    """One concern item as the panel shows it, with what the viewer may do to it."""

    item: ConcernItem
    retired: bool
    can_post: bool
    can_resolve: bool
    can_reopen: bool
    error: str


def panel_context(
    user: Actor, proposal: Proposal, *, errors: dict[int | str, str] | None = None
) -> dict[str, Any]:
    """Everything ``concerns/_concerns.html`` needs; the proposals page may include it."""
    me = person_of(user)
    live = proposal.is_live
    items = list(
        ConcernItem.objects.filter(proposal=proposal)
        .select_related("concern", "raised_by", "resolved_by")
        .prefetch_related("messages__author")
    )
    is_reviewer = can_raise(user, proposal)
    may_resolve = resolve_check(user, proposal)
    rows = []
    for item in items:
        retired = bool(item.concern and item.concern.retired_at)
        rows.append(
            ItemRow(
                item=item,
                retired=retired,
                can_post=live and item.is_open and not retired,
                can_resolve=live and item.is_open and may_resolve(item),
                can_reopen=live and not item.is_open and is_reviewer and not retired,
                error=(errors or {}).get(item.pk, ""),
            )
        )
    # Open and blocking first, then open, then closed; catalogue order within each
    # (concerns raised on the proposal last).
    rows.sort(
        key=lambda r: (
            not r.item.is_open,
            r.item.is_open and not r.item.blocking,
            r.item.concern.position if r.item.concern else 10_000,
            r.item.pk,
        )
    )
    version = proposal.policy_version
    check = SafetyCheck.objects.filter(proposal=proposal).order_by("-completed_at", "-pk").first()
    return {
        "proposal": proposal,
        "rows": [r for r in rows if r.item.is_open],
        "closed_rows": [r for r in rows if not r.item.is_open],
        "counts": count_items([(i.state, i.blocking) for i in items]),
        "blocking_titles": [r.item.title for r in rows if r.item.is_open and r.item.blocking],
        "version": version,
        "can_raise": live and is_reviewer,
        "is_employee": me is not None and me.pk == proposal.employee_id,
        # The decider, while the request waits for a decision: the page links to the decision.
        "decides_now": me is not None
        and me.pk == proposal.decider_id
        and proposal.status in (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED),
        "live": live,
        "safety_required": bool(version and version.ergonomics_check_required),
        "safety_check": check,
        "raise_form": RaiseForm(),
        "message_form": MessageForm(),
        "errors": errors or {},
        "states": ItemState,
    }


def _panel_response(
    request: HttpRequest, proposal: Proposal, *, errors: dict[int | str, str] | None = None
) -> HttpResponse:
    context = panel_context(request.user, proposal, errors=errors)
    if is_htmx(request):
        return render(request, "concerns/_concerns.html", context)
    return render(request, "concerns/proposal_concerns.html", context)


@require_GET
def proposal_concerns(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal's concerns at a glance, each with its thread; htmx gets the fragment."""
    proposal = get_proposal_for(request.user, pk)
    return _panel_response(request, proposal)


def _after_item_action(
    request: HttpRequest, proposal: Proposal, key: int | str, exc: Exception | None, done: str
) -> HttpResponse:
    if is_htmx(request):
        errors = {key: _refusal(exc)} if exc is not None else None  # type: ignore[arg-type]
        return _panel_response(request, proposal, errors=errors)
    if exc is not None:
        messages.error(request, _refusal(exc))  # type: ignore[arg-type]
    else:
        messages.success(request, done)
    anchor = f"#concern-{key}" if isinstance(key, int) else ""
    return redirect(reverse("concerns:proposal_concerns", args=[proposal.pk]) + anchor)


@require_POST
def item_message(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request.user, pk)
    form = MessageForm(request.POST)
    exc: Exception | None = None
    if not form.is_valid():
        exc = ValidationError("Write a message.")
    else:
        try:
            actions.post_message(
                actor=request.user,
                item=item,
                body=form.cleaned_data["body"],
                kind=form.cleaned_data["kind"] or "answer",
            )
        except (ValidationError, PermissionDenied) as e:
            exc = e
    return _after_item_action(request, item.proposal, item.pk, exc, "Message sent.")


@require_POST
def item_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request.user, pk)
    form = ResolveForm(request.POST)
    form.is_valid()
    exc: Exception | None = None
    try:
        actions.resolve_item(actor=request.user, item=item, note=form.cleaned_data.get("note", ""))
    except (ValidationError, PermissionDenied) as e:
        exc = e
    return _after_item_action(request, item.proposal, item.pk, exc, f"Resolved: {item.title}")


@require_POST
def item_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request.user, pk)
    form = ReopenForm(request.POST)
    exc: Exception | None = None
    if not form.is_valid():
        exc = ValidationError("Say why you reopen it.")
    else:
        try:
            actions.reopen_item(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as e:
            exc = e
    return _after_item_action(request, item.proposal, item.pk, exc, f"Reopened: {item.title}")


@require_POST
def concern_raise(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    form = RaiseForm(request.POST)
    exc: Exception | None = None
    if not form.is_valid():
        exc = ValidationError("Write the question in your own words.")
    else:
        try:
            item = actions.raise_concern(actor=request.user, proposal=proposal, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as e:
            exc = e
        else:
            return _after_item_action(request, proposal, item.pk, None, "Concern raised.")
    return _after_item_action(request, proposal, "raise", exc, "")


@require_http_methods(["GET", "POST"])
def safety_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The home-workstation safety self-check: the employee fills it in, reviewers read it."""
    proposal = get_proposal_for(request.user, pk)
    me = person_of(request.user)
    is_employee = me is not None and me.pk == proposal.employee_id
    latest = SafetyCheck.objects.filter(proposal=proposal).order_by("-completed_at", "-pk").first()
    initial = dict(latest.answers) if latest else {}
    form = SafetyCheckForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not is_employee:
            raise PermissionDenied(
                "Only the employee completes the safety self-check for their home."
            )
        if form.is_valid():
            try:
                check = actions.submit_safety_check(
                    actor=request.user,
                    proposal=proposal,
                    answers=form.answers(),
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                problems = check.problems()
                if problems:
                    messages.error(
                        request,
                        f"{len(problems)} item(s) need action: they are now a blocking concern "
                        "on your proposal.",
                    )
                else:
                    messages.success(request, "Thank you: every item is in order.")
                return redirect("concerns:proposal_concerns", pk=proposal.pk)
        status = 400
    rows = []
    if latest is not None:
        labels = dict(safety.ANSWERS)
        rows = [(i, labels.get(latest.answers.get(i.key, ""), "—")) for i in safety.ITEMS]
    return render(
        request,
        "concerns/safety_check.html",
        {
            "proposal": proposal,
            "form": form,
            "latest": latest,
            "rows": rows,
            "is_employee": is_employee,
            "open": proposal.is_draft or proposal.is_live,
        },
        status=status,
    )
