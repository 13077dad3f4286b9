"""Evidence pages: metrics, trial reviews, the team view and the next step (entering results
is in ``entry.py``).

Every page goes through the access helpers (404 for what the user may not see) and every
change through an action; for htmx requests the same URL returns only the fragment.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement
from homeward.coach.patterns import describe
from homeward.evidence import actions, well
from homeward.evidence import charts as svg
from homeward.evidence.access import (
    can_decide_for,
    can_manage_metric,
    get_arrangement_for,
    get_metric_for,
    manageable_teams,
    result_people,
    visible_metrics,
)
from homeward.evidence.actions import set_criteria
from homeward.evidence.forms import (
    MetricEditForm,
    MetricForm,
    NextStepForm,
    ReviewForm,
)
from homeward.evidence.models import (
    EvidenceReport,
    Metric,
    Rule,
)
from homeward.evidence.patterns import pattern_from
from homeward.evidence.pdf import render_pdf
from homeward.evidence.reports import (
    BASELINE_WEEKS,
    TrialReport,
    finding_charts,
    group_estimate,
    trial_report,
)
from homeward.evidence.team import team_rows
from homeward.lib.forms import add_errors
from homeward.lib.http import is_htmx
from homeward.people.access import is_hr, person_of, require_person
from homeward.people.models import Person, Team
from homeward.proposals.models import pattern_of


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


# --- the hub ---------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    mine = (
        Arrangement.objects.active().filter(employee=me).order_by("-start_date").first()
        if me
        else None
    )
    return render(
        request,
        "evidence/index.html",
        {
            "arrangement": mine,
            "can_manage": bool(manageable_teams(request.user)) or is_hr(request.user),
            "metrics": list(visible_metrics(request.user).current()[:50]),
        },
    )


# --- metrics -------------------------------------------------------------------------------


def _scopes(user: Actor) -> list[tuple[str, str]]:
    teams = [(f"team:{t.pk}", f"Team: {t.name}") for t in manageable_teams(user)]
    people = [
        (f"person:{p.pk}", f"Person: {p.name}")
        for p in result_people(user)
        if can_decide_for(user, p)
    ]
    return teams + people


def _scope_objects(scope: str) -> tuple[Team | None, Person | None]:
    kind, _, pk = scope.partition(":")
    if kind == "team":
        return Team.objects.get(pk=pk), None
    return None, Person.objects.get(pk=pk)


@require_http_methods(["GET", "POST"])
def metrics_page(request: HttpRequest) -> HttpResponse:
    scopes = _scopes(request.user)
    form = MetricForm(request.POST or None, scopes=scopes) if scopes else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("You may not define metrics.")
        if form.is_valid():
            team, person = _scope_objects(form.cleaned_data["scope"])
            try:
                metric = actions.create_metric(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    unit=form.cleaned_data["unit"],
                    higher_is_better=form.cleaned_data["higher_is_better"],
                    frequency=form.cleaned_data["frequency"],
                    team=team,
                    person=person,
                    description=form.cleaned_data["description"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request, f"Metric “{metric.name}” defined for {metric.scope_label}."
                )
                return redirect("evidence:metrics")
        status = 400
    metrics = list(visible_metrics(request.user).order_by("archived_at", "name"))
    rows = [(m, can_manage_metric(request.user, m)) for m in metrics]
    return render(request, "evidence/metrics.html", {"form": form, "rows": rows}, status=status)


@require_http_methods(["GET", "POST"])
def metric_edit(request: HttpRequest, pk: int) -> HttpResponse:
    metric = get_metric_for(request.user, pk, write=True)
    form = MetricEditForm.for_metric(metric, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_metric(actor=request.user, metric=metric, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Metric saved.")
            return redirect("evidence:metrics")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "evidence/metric_edit.html", {"form": form, "metric": metric}, status=status
    )


@require_POST
def metric_archive(request: HttpRequest, pk: int) -> HttpResponse:
    metric = get_metric_for(request.user, pk, write=True)
    actions.archive_metric(actor=request.user, metric=metric)
    messages.success(request, f"“{metric.name}” archived; its results are kept.")
    return redirect("evidence:metrics")


# --- trials ----------------------------------------------------------------------------------


def _findings_with_charts(report: TrialReport) -> list[dict[str, Any]]:
    return [{"f": f, "charts": finding_charts(f, start=report.start)} for f in report.findings]


def _trial_context(request: HttpRequest, arrangement: Arrangement) -> dict[str, Any]:
    report = trial_report(arrangement)
    decide = can_decide_for(request.user, arrangement.employee) and arrangement.is_trial
    return {
        "arrangement": arrangement,
        "pattern": describe(pattern_of(arrangement)),
        "report": report,
        "findings": _findings_with_charts(report),
        "criteria": list(arrangement.success_criteria.select_related("metric")),
        "can_decide": decide,
        "metric_choices": _metric_choices(arrangement),
        "rules": Rule.choices,
        "past": list(arrangement.reports.select_related("decided_by")),
        "today": timezone.localdate(),
        "baseline_weeks": BASELINE_WEEKS,
        "is_mine": (me := person_of(request.user)) is not None and me.pk == arrangement.employee_id,
    }


@require_GET
def trial(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = get_arrangement_for(request.user, pk)
    context = _trial_context(request, arrangement)
    context["form"] = ReviewForm(initial={"decision": "confirm", **_pattern_initial(arrangement)})
    return render(request, "evidence/trial.html", context)


def _pattern_initial(arrangement: Arrangement) -> dict[str, Any]:
    if arrangement.pattern_kind == "n_of_set":
        return {
            "kind": "n_of_set",
            "n_days": arrangement.n_days,
            "weekdays": [str(d) for d in arrangement.allowed_weekdays],
        }
    return {"kind": "weekdays", "weekdays": [str(d) for d in arrangement.weekdays]}


@require_GET
def trial_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = get_arrangement_for(request.user, pk)
    context = _trial_context(request, arrangement)
    html = render_to_string("evidence/report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html, request), content_type="application/pdf")
    name = f"trial-{arrangement.pk}-evidence.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
def trial_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = get_arrangement_for(request.user, pk, decide=True)
    criteria = []
    for n in range(20):
        metric = request.POST.get(f"metric-{n}")
        if metric is None:
            break
        if metric == "":
            continue
        criteria.append(
            {
                "metric_id": metric,
                "rule": request.POST.get(f"rule-{n}", ""),
                "threshold": request.POST.get(f"threshold-{n}", "0"),
            }
        )
    try:
        set_criteria(arrangement=arrangement, criteria=criteria, actor=request.user)
    except ValidationError as exc:
        if is_htmx(request):
            return _criteria_fragment(request, arrangement, errors=_errors(exc), status=400)
        for msg in _errors(exc):
            messages.error(request, msg)
        return redirect("evidence:trial", pk=pk)
    if is_htmx(request):
        return _criteria_fragment(request, arrangement)
    messages.success(request, "Success criteria saved.")
    return redirect("evidence:trial", pk=pk)


def _criteria_fragment(
    request: HttpRequest,
    arrangement: Arrangement,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "arrangement": arrangement,
        "criteria": list(arrangement.success_criteria.select_related("metric")),
        "can_decide": can_decide_for(request.user, arrangement.employee) and arrangement.is_trial,
        "metric_choices": _metric_choices(arrangement),
        "rules": Rule.choices,
        "criteria_errors": errors or [],
    }
    return render(request, "evidence/_criteria.html", context, status=status)


def _metric_choices(arrangement: Arrangement) -> list[tuple[int, str]]:
    return [(m.pk, m.name) for m in Metric.objects.current().applying_to(arrangement.employee)]


@require_POST
def trial_review(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = get_arrangement_for(request.user, pk, decide=True)
    form = ReviewForm(request.POST)
    problems: list[str] = []
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        pattern = None
        if decision == "adjust":
            pattern = pattern_from(form.pattern_data())
        try:
            saved = actions.review_trial(
                arrangement_id=arrangement.pk,
                decision=decision,
                actor=request.user,
                note=form.cleaned_data["note"],
                review_date=form.cleaned_data["review_date"],
                pattern=pattern,
            )
        except ValidationError as exc:
            problems = _errors(exc)
        else:
            messages.success(request, f"Review recorded: {saved.get_decision_display()}.")
            target = saved.successor or arrangement
            return redirect("evidence:trial", pk=target.pk)
    context = _trial_context(request, arrangement)
    context["form"] = form
    context["review_problems"] = problems
    return render(request, "evidence/trial.html", context, status=400)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        saved = EvidenceReport.objects.select_related("arrangement", "decided_by").get(pk=pk)
    except EvidenceReport.DoesNotExist:
        raise Http404("No such report.") from None
    get_arrangement_for(request.user, saved.arrangement_id)
    report = TrialReport.from_dict(saved.figures)
    return render(
        request,
        "evidence/report.html",
        {"saved": saved, "report": report, "findings": _findings_with_charts(report)},
    )


# --- the team and groups --------------------------------------------------------------------------


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    teams = manageable_teams(request.user)
    chosen = request.GET.get("team") or ""
    team_obj = next((t for t in teams if str(t.pk) == chosen), None)
    rows = team_rows(request.user, team=team_obj)
    context = {"rows": rows, "teams": teams, "chosen": team_obj, "today": timezone.localdate()}
    template = "evidence/_team_rows.html" if is_htmx(request) else "evidence/team.html"
    return render(request, template, context)


# The group page never lists everyone one may see (all 50,000 people for HR): it shows the
# chosen people and at most this many matches of a name search.
GROUP_MATCHES = 20
GROUP_CHOSEN_MAX = 500


def _chosen_ids(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.GET.getlist("people") if v.isdigit()][:GROUP_CHOSEN_MAX]


def _group_matches(user: Actor, q: str, chosen: list[int]) -> list[Any]:
    q = q.strip()
    if not q:
        return []
    qs = result_people(user).filter(name__icontains=q[:100]).exclude(pk__in=chosen)
    return list(qs.order_by("name")[:GROUP_MATCHES])


@require_GET
def group_people(request: HttpRequest) -> HttpResponse:
    """The name search of the group page (an htmx fragment): a few matches to tick."""
    chosen = _chosen_ids(request)
    q = request.GET.get("q", "")
    return render(
        request,
        "evidence/_group_matches.html",
        {"matches": _group_matches(request.user, q, chosen), "q": q, "limit": GROUP_MATCHES},
    )


@require_GET
def group(request: HttpRequest) -> HttpResponse:
    visible = result_people(request.user)
    metrics = [m for m in visible_metrics(request.user).current() if m.team_id]
    teams = list(Team.objects.filter(pk__in=visible.values("team_id")).order_by("name"))
    chosen_ids = _chosen_ids(request)
    chosen = list(visible.filter(pk__in=chosen_ids).order_by("name")) if chosen_ids else []
    q = request.GET.get("q", "")
    team_id = request.GET.get("team", "")
    metric = next((m for m in metrics if str(m.pk) == request.GET.get("metric")), None)
    try:
        weeks = max(1, min(int(request.GET.get("weeks") or 26), 156))
    except ValueError:
        weeks = 26
    result = None
    charts: dict[str, str] = {}
    if metric is not None:
        if chosen:
            group_people = chosen
        else:
            tid = team_id or str(metric.team_id)
            group_people = list(visible.filter(team_id=tid)) if tid.isdigit() else []
        until = timezone.localdate()
        result = group_estimate(
            group_people, metric, since=until - timedelta(weeks=weeks), until=until
        )
        charts["distribution"] = svg.distribution_svg(
            [p.value for p in result.points if p.share is not None and p.share > 0],
            [p.value for p in result.points if p.share == 0],
            title=f"{metric.name}: office and home, {len(group_people)} people",
            unit=f"{metric.unit} per {metric.per}",
            uid="group-dist",
        )
        if result.estimate is not None:
            e = result.estimate
            charts["interval"] = svg.interval_svg(
                estimate=e.estimate,
                low=e.ci_low,
                high=e.ci_high,
                title=f"Home minus office, {metric.unit} per {metric.per}",
                unit=metric.unit,
                uid="group-interval",
            )
    return render(
        request,
        "evidence/group.html",
        {
            "chosen": chosen,
            "matches": _group_matches(request.user, q, chosen_ids),
            "q": q,
            "limit": GROUP_MATCHES,
            "metrics": metrics,
            "teams": teams,
            "metric": metric,
            "team_id": team_id,
            "weeks": weeks,
            "result": result,
            "charts": charts,
        },
    )


# --- the next step -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def well_page(request: HttpRequest) -> HttpResponse:
    me = require_person(request)
    offer = well.well_offer(me)
    initial: dict[str, Any] = {"start_date": well.default_start(me, timezone.localdate())}
    if offer.suggested is not None:
        s = offer.suggested
        if s.kind == "n_of_set":
            initial |= {
                "kind": "n_of_set",
                "n_days": s.n_days,
                "weekdays": [str(d) for d in s.allowed_weekdays],
            }
        else:
            initial |= {"kind": "weekdays", "weekdays": [str(d) for d in s.weekdays]}
    form = NextStepForm(request.POST or None, initial=initial)
    status = 200
    warning = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                pattern = pattern_from(form.pattern_data())
                proposal = actions.ask_for_next_step(
                    person=me,
                    actor=request.user,
                    pattern=pattern,
                    start_date=form.cleaned_data["start_date"],
                    big_step_ok=form.cleaned_data["big_step_ok"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "big_step_ok" in exc.error_dict:
                    warning = exc.message_dict["big_step_ok"][0]
                else:
                    for msg in _errors(exc):
                        form.add_error(None, msg)
            else:
                messages.success(request, "Your draft request for the next step is ready.")
                return redirect(reverse("evidence:well") + f"#proposal-{proposal.pk}")
    letter = well.letter_for(offer.draft) if offer.draft else None
    report = offer.report
    return render(
        request,
        "evidence/well.html",
        {
            "offer": offer,
            "form": form,
            "warning": warning,
            "letter": letter,
            "findings": _findings_with_charts(report) if report and offer.available else [],
            "current": describe(offer.current) if offer.current else "",
            "suggested": describe(offer.suggested) if offer.suggested else "",
        },
        status=status,
    )
