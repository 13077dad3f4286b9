"""Pages for the concern catalogue, the policy editor, concern threads and the safety check.

Every state change is a POST calling one function in ``actions.py``; htmx requests get the
fragment back (always 200, so htmx swaps it in, with any refusal shown inside it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.lib.forms import add_errors
from homeward.people.access import is_hr, person_of
from homeward.policy import actions
from homeward.policy.access import (
    get_concern_for,
    get_policy_for,
    get_version_for,
    require_hr,
    visible_policies,
    visible_versions,
)
from homeward.policy.diff import diff_versions
from homeward.policy.forms import (
    ConcernForm,
    NewConcernForm,
    PolicyForm,
    VersionForm,
)
from homeward.policy.models import (
    Concern,
    PolicyVersion,
)


def _refusal(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "You may not do that."


# --- Catalogue ------------------------------------------------------------------------------


def _catalogue_context(request: HttpRequest, form: NewConcernForm | None = None) -> dict[str, Any]:
    concerns = list(Concern.objects.all())
    groups: dict[str, list[Concern]] = {}
    for c in concerns:
        if c.retired_at is None:
            groups.setdefault(c.category, []).append(c)
    return {
        "groups": list(groups.items()),
        "retired": [c for c in concerns if c.retired_at],
        "form": form if form is not None else NewConcernForm() if is_hr(request.user) else None,
    }


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The concern catalogue by category; everyone signed in may read it."""
    if person_of(request.user) is None and not is_hr(request.user):
        raise PermissionDenied("This account has no employee record.")
    return render(request, "policy/catalogue.html", _catalogue_context(request))


@require_POST
def concern_add(request: HttpRequest) -> HttpResponse:
    require_hr(request.user, "add concerns to the catalogue")
    form = NewConcernForm(request.POST)
    if form.is_valid():
        try:
            concern = actions.add_concern(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Added: {concern.question}")
            return redirect("policy:catalogue")
    return render(request, "policy/catalogue.html", _catalogue_context(request, form), status=400)


@require_http_methods(["GET", "POST"])
def concern_edit(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request.user, pk)
    require_hr(request.user, "change the concern catalogue")
    initial = {
        "question": concern.question,
        "category": concern.category,
        "resolver": concern.resolver,
        "blocking": concern.blocking,
    }
    form = ConcernForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_concern(actor=request.user, concern=concern, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"Saved: {concern.key}")
                return redirect("policy:catalogue")
        status = 400
    return render(
        request, "policy/concern_edit.html", {"concern": concern, "form": form}, status=status
    )


@require_POST
def concern_retire(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request.user, pk)
    try:
        actions.retire_concern(actor=request.user, concern=concern)
        messages.success(request, f"Retired: {concern.question} (old proposals keep it).")
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
    return redirect("policy:catalogue")


@require_POST
def concern_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request.user, pk)
    try:
        actions.reinstate_concern(actor=request.user, concern=concern)
        messages.success(request, f"Reinstated: {concern.question}")
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
    return redirect("policy:catalogue")


# --- Policies -------------------------------------------------------------------------------


@require_GET
def policy_list(request: HttpRequest) -> HttpResponse:
    """Every policy and where it applies; HR also sees drafts."""
    if person_of(request.user) is None and not is_hr(request.user):
        raise PermissionDenied("This account has no employee record.")
    policies = list(visible_policies(request.user).prefetch_related("versions"))
    rows = []
    for p in policies:
        versions = sorted(p.versions.all(), key=lambda v: -v.number)
        rows.append(
            {
                "policy": p,
                "published": next(
                    (v for v in versions if v.status == PolicyVersion.PUBLISHED), None
                ),
                "draft": next((v for v in versions if v.status == PolicyVersion.DRAFT), None),
            }
        )
    return render(request, "policy/policy_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def policy_new(request: HttpRequest) -> HttpResponse:
    require_hr(request.user, "create policies")
    form = PolicyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                policy = actions.create_policy(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"Created {policy.name}: fill in its first draft.")
                draft = policy.versions.get(number=1)
                return redirect("policy:version_edit", pk=draft.pk)
        status = 400
    return render(request, "policy/policy_new.html", {"form": form}, status=status)


@require_GET
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A policy's version history (newest first) with links to each diff."""
    policy = get_policy_for(request.user, pk)
    versions = list(visible_versions(request.user).filter(policy=policy).order_by("-number"))
    pairs = [
        (v, versions[i + 1] if i + 1 < len(versions) else None) for i, v in enumerate(versions)
    ]
    return render(
        request,
        "policy/policy_detail.html",
        {
            "policy": policy,
            "pairs": pairs,
            "has_draft": any(v.status == PolicyVersion.DRAFT for v in versions),
        },
    )


@require_POST
def policy_start_draft(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_policy_for(request.user, pk)
    try:
        version = actions.start_draft(actor=request.user, policy=policy)
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
        return redirect("policy:detail", pk=policy.pk)
    return redirect("policy:version_edit", pk=version.pk)


def _answers_table(version: PolicyVersion) -> list[tuple[str, list[tuple[Concern, str]]]]:
    groups: dict[str, list[tuple[Concern, str]]] = {}
    answers = version.answers or {}
    for c in Concern.objects.all():
        if c.retired_at is None or answers.get(c.key):
            groups.setdefault(c.category, []).append((c, answers.get(c.key, "")))
    return list(groups.items())


@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for(request.user, pk)
    previous = (
        visible_versions(request.user)
        .filter(policy=version.policy, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    answered = sum(1 for v in (version.answers or {}).values() if v.strip())
    return render(
        request,
        "policy/version_detail.html",
        {
            "version": version,
            "previous": previous,
            "groups": _answers_table(version),
            "answered": answered,
            "concern_count": Concern.objects.current().count(),
            "teams": list(version.excluded_teams.all()),
            "proposals": version.proposals.count(),
        },
    )


@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The policy editor: a draft's rules, one answer per current concern, excluded teams
    and roles."""
    require_hr(request.user, "edit policies")
    version = get_version_for(request.user, pk)
    if version.status != PolicyVersion.DRAFT:
        messages.error(
            request, f"{version} is {version.get_status_display().lower()}: start a new draft."
        )
        return redirect("policy:version", pk=version.pk)
    concerns = list(Concern.objects.current())
    form = VersionForm(
        request.POST or None, concerns=concerns, initial=VersionForm.initial_for(version)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_draft(
                    actor=request.user,
                    version=version,
                    values=form.values(),
                    answers=form.answers(),
                    excluded_teams=form.cleaned_data["excluded_teams"],
                    excluded_roles=form.cleaned_data["excluded_roles"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if "publish" in request.POST:
                    return _publish(request, version)
                messages.success(request, f"Saved the draft {version}.")
                return redirect("policy:version_edit", pk=version.pk)
        status = 400
    return render(
        request, "policy/version_edit.html", {"version": version, "form": form}, status=status
    )


def _publish(request: HttpRequest, version: PolicyVersion) -> HttpResponse:
    try:
        actions.publish_version(actor=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
        return redirect("policy:version_edit", pk=version.pk)
    messages.success(
        request, f"Published {version}. Proposals already submitted keep their version."
    )
    return redirect("policy:version", pk=version.pk)


@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for(request.user, pk)
    require_hr(request.user, "publish policies")
    return _publish(request, version)


@require_GET
def version_diff(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    """Changes from version ``other`` to version ``pk`` (they may belong to different policies)."""
    new = get_version_for(request.user, pk)
    old = get_version_for(request.user, other)
    return render(
        request,
        "policy/version_diff.html",
        {"old": old, "new": new, "changes": diff_versions(old, new)},
    )
