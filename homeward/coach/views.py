"""The readiness self-check pages: the questions and the employee's history.

The result page and attaching a check to a proposal are the proposals' (a check attached to
a proposal is readable by whoever may see the proposal): ``homeward.proposals.readiness``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from homeward.coach.actions import record_readiness
from homeward.coach.forms import ReadinessForm
from homeward.coach.models import ReadinessCheck
from homeward.coach.readiness import DIMENSIONS
from homeward.lib.forms import add_errors
from homeward.people.access import require_person

RECOMMENDATION_LABELS = {
    "ask_now": "Ask now",
    "build_trust": "Build trust first",
    "reconsider": "Reconsider asking",
}


@require_http_methods(["GET", "POST"])
def readiness_check(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = record_readiness(actor=request.user, answers=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("coach:readiness_result", pk=check.pk)
    status = 400 if form.is_bound else 200
    return render(request, "coach/readiness_form.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def readiness_list(request: HttpRequest) -> HttpResponse:
    me = require_person(request)
    rows = [
        {
            "check": c,
            "label": RECOMMENDATION_LABELS.get(c.recommendation, c.recommendation),
            "scores": [(d.label, c.scores.get(d.key, 0)) for d in DIMENSIONS],
        }
        for c in ReadinessCheck.objects.filter(person=me)
    ]
    return render(request, "coach/readiness_list.html", {"rows": rows})
