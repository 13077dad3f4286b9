"""The readiness check's result page and attaching a check to a proposal.

They sit with the proposals, not in the coach app below them, because a check attached to
a submitted proposal is readable by whoever may see that proposal (``get_readiness_for``),
and attaching one changes the proposal. Their addresses are the coach's (/coach/readiness/…,
names ``coach:…``): the project's urls.py puts them together.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import DIMENSIONS, ReadinessError, ReadinessResult, score
from homeward.coach.views import RECOMMENDATION_LABELS
from homeward.people.access import person_of, require_person
from homeward.proposals.access import get_proposal_for, get_readiness_for
from homeward.proposals.actions import update_draft
from homeward.proposals.models import EDITABLE, Proposal


def _result(check: ReadinessCheck) -> ReadinessResult | None:
    """The full result (explanation, first steps) recomputed from the stored answers.

    None when the questions have changed since: the stored scores are then shown alone.
    """
    try:
        return score(check.answers)
    except ReadinessError:
        return None


@require_http_methods(["GET"])
def readiness_result(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_readiness_for(request.user, pk)
    # Not require_person: HR without an employee record may read a check attached to a
    # proposal they can see.
    me = person_of(request.user)
    mine = me is not None and check.person_id == me.pk
    proposals = (
        Proposal.objects.filter(employee=me, status__in=EDITABLE).order_by("-created_at")
        if mine
        else Proposal.objects.none()
    )
    dimensions = [
        {"key": d.key, "label": d.label, "score": check.scores.get(d.key, 0), "advice": d.advice}
        for d in DIMENSIONS
    ]
    return render(
        request,
        "coach/readiness_result.html",
        {
            "check": check,
            "result": _result(check),
            "dimensions": dimensions,
            "label": RECOMMENDATION_LABELS.get(check.recommendation, check.recommendation),
            "mine": mine,
            "proposals": proposals,
        },
    )


@require_POST
def readiness_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the employee's own check to one of their proposals (chosen in the form)."""
    me = require_person(request)
    check = get_readiness_for(request.user, pk)
    if check.person_id != me.pk:
        raise Http404("No such readiness check.")
    proposal = get_proposal_for(request.user, request.POST.get("proposal"), write=True)
    try:
        update_draft(actor=request.user, proposal=proposal, changes={"readiness": check})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Readiness check attached: whoever decides can now read it.")
    return redirect("proposals:detail", pk=proposal.pk)


urlpatterns = [
    path("readiness/<int:pk>/", readiness_result, name="readiness_result"),
    path("readiness/<int:pk>/attach/", readiness_attach, name="readiness_attach"),
]
