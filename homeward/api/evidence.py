"""Trials and evidence over the API: metrics, results in, criteria, reports, reviews, the
team view and the next step. The same actions and access rules as the pages.

``POST /results`` takes one result or ``{"results": [...]}``; the batch is all or nothing
(422 lists every problem with its item number, counting from 1) and idempotent: posting
the same results again reports them unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from homeward.accounts.models import Actor
from homeward.coach.patterns import Pattern
from homeward.evidence import actions, well
from homeward.evidence.access import (
    get_arrangement_for,
    get_metric_for,
    get_result_person_for,
    manageable_teams,
    result_people,
    visible_metrics,
)
from homeward.evidence.actions import set_criteria, write_results
from homeward.evidence.models import Metric, ResultEntry, Source
from homeward.evidence.patterns import pattern_from
from homeward.evidence.reports import group_estimate, trial_report
from homeward.evidence.results import check_rows
from homeward.evidence.team import team_rows
from homeward.people.access import person_of, require_person
from homeward.people.models import Person, Team

router = Router(tags=["evidence"])

MAX_BATCH = 10_000


# --- schemas ---------------------------------------------------------------------------------


class MetricOut(Schema):
    id: int
    name: str
    unit: str
    higher_is_better: bool
    frequency: str
    team_id: int | None
    person_id: int | None
    description: str
    archived: bool

    @staticmethod
    def resolve_archived(m: Metric) -> bool:
        return m.archived_at is not None


class MetricIn(Schema):
    name: str
    unit: str
    higher_is_better: bool = True
    frequency: Literal["daily", "weekly"] = "daily"
    team_id: int | None = None
    person_id: int | None = None
    description: str = ""


class MetricPatch(Schema):
    name: str | None = None
    unit: str | None = None
    higher_is_better: bool | None = None
    description: str | None = None


class ResultIn(Schema):
    """One result. The person is ``person_id`` or ``email`` (default: you); the metric is
    ``metric_id`` or ``metric`` (its name or number)."""

    person_id: int | None = None
    email: str | None = None
    metric_id: int | None = None
    metric: str | None = None
    date: date
    value: float
    day_type: Literal["home", "office", "leave", "holiday"] | None = None


class ResultBatchIn(Schema):
    results: list[ResultIn]


class ResultOut(Schema):
    person_id: int
    metric_id: int
    date: date
    value: float
    day_type: str
    stated: bool
    home_share: float | None
    source: str


class SaveOut(Schema):
    created: int
    updated: int
    unchanged: int
    results: list[ResultOut]


class CriterionIn(Schema):
    metric_id: int
    rule: Literal["no_worse_than_pct", "at_least_baseline"]
    threshold: float = 0


class CriteriaIn(Schema):
    criteria: list[CriterionIn]


class CriterionOut(Schema):
    id: int
    metric_id: int
    rule: str
    threshold: float
    text: str


class ReviewIn(Schema):
    decision: Literal["confirm", "extend", "adjust", "end"]
    review_date: date | None = None
    note: str = ""
    pattern_kind: Literal["weekdays", "n_of_set"] | None = None
    weekdays: list[int] = []
    n_days: int | None = None


class ReviewOut(Schema):
    report_id: int
    decision: str
    overall: str
    arrangement_id: int
    status: str
    successor_id: int | None


class TeamRowOut(Schema):
    arrangement_id: int
    person_id: int
    person: str
    team: str | None
    status: str
    pattern: str
    start_date: date
    review_date: date | None
    review_due: bool
    verdict_now: str
    last_review: str | None
    last_review_verdict: str | None
    metrics: dict[str, str]


class NextStepIn(Schema):
    pattern_kind: Literal["weekdays", "n_of_set"] = "weekdays"
    weekdays: list[int] = []
    n_days: int | None = None
    start_date: date | None = None
    big_step_ok: bool = False


# --- helpers ----------------------------------------------------------------------------------


def _manageable_team(user: Actor, team_id: int) -> Team | None:
    """The team with this id if the user may define metrics for it, else None."""
    return next((t for t in manageable_teams(user) if t.pk == team_id), None)


def _pattern(kind: str | None, weekdays: list[int], n_days: int | None) -> Pattern:
    """A pattern from the API's fields: ``weekdays`` are the home days, or for
    ``n_of_set`` the days to choose from."""
    key = "allowed_weekdays" if kind == "n_of_set" else "weekdays"
    return pattern_from({"kind": kind or "weekdays", key: weekdays, "n_days": n_days})


# --- metrics ---------------------------------------------------------------------------------


@router.get("/metrics", response=list[MetricOut])
def list_metrics(request: HttpRequest, include_archived: bool = False) -> Any:
    """Metrics you manage or are measured by."""
    qs = visible_metrics(request.user)
    if not include_archived:
        qs = qs.current()
    return list(qs)


@router.post("/metrics", response={201: MetricOut})
def create_metric(request: HttpRequest, payload: MetricIn) -> Status:
    """Define a metric for a team (``team_id``) or one person (``person_id``)."""
    team = person = None
    if payload.team_id is not None:
        team = _manageable_team(request.user, payload.team_id)
        if team is None and not Team.objects.filter(pk=payload.team_id).exists():
            raise HttpError(404, "No such team.")
        team = team or Team.objects.get(pk=payload.team_id)
    if payload.person_id is not None:
        person = get_result_person_for(request.user, payload.person_id)
    metric = actions.create_metric(
        actor=request.user,
        name=payload.name,
        unit=payload.unit,
        higher_is_better=payload.higher_is_better,
        frequency=payload.frequency,
        team=team,
        person=person,
        description=payload.description,
    )
    return Status(201, metric)


@router.get("/metrics/{metric_id}", response=MetricOut)
def get_metric(request: HttpRequest, metric_id: int) -> Any:
    return get_metric_for(request.user, metric_id)


@router.patch("/metrics/{metric_id}", response=MetricOut)
def patch_metric(request: HttpRequest, metric_id: int, payload: MetricPatch) -> Any:
    metric = get_metric_for(request.user, metric_id, write=True)
    data = payload.dict(exclude_none=True)
    metric = actions.update_metric(
        actor=request.user,
        metric=metric,
        name=data.get("name", metric.name),
        unit=data.get("unit", metric.unit),
        higher_is_better=data.get("higher_is_better", metric.higher_is_better),
        description=data.get("description", metric.description),
    )
    return metric


@router.post("/metrics/{metric_id}/archive", response=MetricOut)
def archive_metric(request: HttpRequest, metric_id: int) -> Any:
    metric = get_metric_for(request.user, metric_id, write=True)
    return actions.archive_metric(actor=request.user, metric=metric)


# --- results ----------------------------------------------------------------------------------


@router.post("/results", response=SaveOut)
def post_results(request: HttpRequest, payload: ResultBatchIn | ResultIn) -> dict[str, Any]:
    """One result, or ``{"results": [...]}`` (at most 10,000): all or nothing, idempotent."""
    items = payload.results if isinstance(payload, ResultBatchIn) else [payload]
    if len(items) > MAX_BATCH:
        raise HttpError(413, f"At most {MAX_BATCH} results at once.")
    me = person_of(request.user)
    allowed = None
    rows: list[tuple[int, dict[str, Any]]] = []
    for n, item in enumerate(items, start=1):
        email = item.email
        if item.person_id is not None:
            if allowed is None:
                allowed = {p.pk: p.user.email for p in result_people(request.user)}
            email = allowed.get(item.person_id, f"person {item.person_id}")
        elif not email:
            email = me.user.email if me else ""
        metric = item.metric_id if item.metric_id is not None else item.metric
        rows.append(
            (
                n,
                {
                    "email": email,
                    "metric": metric,
                    "date": item.date,
                    "value": item.value,
                    "day_type": item.day_type or "",
                },
            )
        )
    inputs, errors = check_rows(rows, user=request.user)
    if errors:
        # 422 with one message per problem: {"detail": ["item 2: value 'x' is not a number"]}
        raise ValidationError([f"item {n}: {problem}" for n, problem in sorted(errors)])
    outcome = write_results(inputs, actor=request.user, source=Source.API)
    return {
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "results": list(outcome.entries),
    }


@router.get("/results", response=list[ResultOut])
def list_results(
    request: HttpRequest,
    person_id: int | None = None,
    metric_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 1000,
) -> Any:
    """Results of one person (default: you) you may see, oldest first; ``limit`` at most 10,000."""
    person = (
        get_result_person_for(request.user, person_id)
        if person_id is not None
        else require_person(request)
    )
    qs = ResultEntry.objects.filter(person=person).order_by("date", "metric_id")
    if metric_id is not None:
        qs = qs.filter(metric_id=metric_id)
    if since is not None:
        qs = qs.filter(date__gte=since)
    if until is not None:
        qs = qs.filter(date__lte=until)
    limit = max(1, min(limit, MAX_BATCH))
    return list(qs[:limit])


# --- trials ---------------------------------------------------------------------------------------


@router.get("/trials/{arrangement_id}/criteria", response=list[CriterionOut])
def get_criteria(request: HttpRequest, arrangement_id: int) -> list[dict[str, Any]]:
    arrangement = get_arrangement_for(request.user, arrangement_id)
    return [
        {
            "id": c.pk,
            "metric_id": c.metric_id,
            "rule": c.rule,
            "threshold": c.threshold,
            "text": c.describe(),
        }
        for c in arrangement.success_criteria.select_related("metric")
    ]


@router.put("/trials/{arrangement_id}/criteria", response=list[CriterionOut])
def put_criteria(
    request: HttpRequest, arrangement_id: int, payload: CriteriaIn
) -> list[dict[str, Any]]:
    """Replace the trial's success criteria (the manager line or HR, before the review)."""
    arrangement = get_arrangement_for(request.user, arrangement_id, decide=True)
    set_criteria(
        arrangement=arrangement,
        criteria=[c.dict() for c in payload.criteria],
        actor=request.user,
    )
    return get_criteria(request, arrangement_id)


@router.get("/trials/{arrangement_id}/evidence")
def get_evidence(request: HttpRequest, arrangement_id: int) -> dict[str, Any]:
    """The evidence now: per metric the points, means, estimate, interval and verdicts."""
    arrangement = get_arrangement_for(request.user, arrangement_id)
    report = trial_report(arrangement)
    return {"status": arrangement.status, **report.to_dict()}


@router.post("/trials/{arrangement_id}/review", response=ReviewOut)
def post_review(request: HttpRequest, arrangement_id: int, payload: ReviewIn) -> dict[str, Any]:
    """Confirm, extend (``review_date``), adjust (a new pattern) or end the trial."""
    arrangement = get_arrangement_for(request.user, arrangement_id, decide=True)
    pattern = None
    if payload.decision == "adjust":
        pattern = _pattern(payload.pattern_kind, payload.weekdays, payload.n_days)
    saved = actions.review_trial(
        arrangement_id=arrangement.pk,
        decision=payload.decision,
        actor=request.user,
        note=payload.note,
        review_date=payload.review_date,
        pattern=pattern,
    )
    arrangement.refresh_from_db()
    return {
        "report_id": saved.pk,
        "decision": saved.decision,
        "overall": saved.overall,
        "arrangement_id": arrangement.pk,
        "status": arrangement.status,
        "successor_id": saved.successor_id,
    }


# --- the team and groups -------------------------------------------------------------------------------


@router.get("/team/trials", response=list[TeamRowOut])
def team_trials(request: HttpRequest, team_id: int | None = None) -> list[dict[str, Any]]:
    """Trials and arrangements of the people you look after, with their verdicts."""
    team = None
    if team_id is not None:
        team = _manageable_team(request.user, team_id)
        if team is None:
            raise HttpError(404, "No such team.")
    out = []
    for r in team_rows(request.user, team=team):
        a = r.arrangement
        out.append(
            {
                "arrangement_id": a.pk,
                "person_id": a.employee_id,
                "person": a.employee.name,
                "team": a.employee.team.name if a.employee.team else None,
                "status": a.status,
                "pattern": r.pattern,
                "start_date": a.start_date,
                "review_date": a.review_date,
                "review_due": r.due,
                "verdict_now": r.current,
                "last_review": r.latest.decision if r.latest else None,
                "last_review_verdict": r.latest.overall if r.latest else None,
                "metrics": dict(r.directions),
            }
        )
    return out


@router.get("/evidence/group")
def group(
    request: HttpRequest,
    metric_id: int,
    team_id: int | None = None,
    person_ids: str = "",
    weeks: int = 26,
) -> dict[str, Any]:
    """The panel estimate for a team (default: the metric's team) or for ``person_ids``
    (comma-separated): person and period effects, errors clustered by person. Only people
    whose results you may see are included."""
    metric = get_metric_for(request.user, metric_id)
    people = list(result_people(request.user))
    if person_ids.strip():
        try:
            wanted = {int(x) for x in person_ids.split(",") if x.strip()}
        except ValueError:
            raise HttpError(422, "person_ids are numbers separated by commas.") from None
        chosen: list[Person] = [p for p in people if p.pk in wanted]
    else:
        tid = team_id if team_id is not None else metric.team_id
        chosen = [p for p in people if p.team_id == tid]
    until = timezone.localdate()
    weeks = max(1, min(weeks, 156))
    result = group_estimate(chosen, metric, since=until - timedelta(weeks=weeks), until=until)
    return {
        "metric_id": metric.pk,
        "people": [p.pk for p in chosen],
        "since": result.since,
        "until": result.until,
        "n_rows": result.n_rows,
        "summary": result.summary.to_dict(),
        "estimate": result.estimate.to_dict() if result.estimate else None,
        "problem": result.problem,
    }


# --- the next step ---------------------------------------------------------------------------------------


@router.get("/well")
def get_well(request: HttpRequest) -> dict[str, Any]:
    """Whether you are offered the next step now, why not, and the suggested pattern."""
    me = require_person(request)
    offer = well.well_offer(me)
    s = offer.suggested
    return {
        "available": offer.available,
        "reasons": offer.reasons,
        "available_on": offer.available_on,
        "arrangement_id": offer.arrangement.pk if offer.arrangement else None,
        "current_home_days": offer.current_days,
        "suggested": None
        if s is None
        else {
            "pattern_kind": s.kind,
            "weekdays": list(s.weekdays),
            "n_days": s.n_days or None,
            "allowed_weekdays": list(s.allowed_weekdays),
        },
        "precedent": offer.precedent,
        "draft_id": offer.draft.pk if offer.draft else None,
    }


@router.post("/well", response={201: dict})
def post_well(request: HttpRequest, payload: NextStepIn) -> Status:
    """Create the draft proposal for the next step, citing the evidence. More than one step
    at once needs ``big_step_ok`` (the warning comes back as a 422 on ``big_step_ok``)."""
    me = require_person(request)
    proposal = actions.ask_for_next_step(
        person=me,
        actor=request.user,
        pattern=_pattern(payload.pattern_kind, payload.weekdays, payload.n_days),
        start_date=payload.start_date,
        big_step_ok=payload.big_step_ok,
    )
    return Status(
        201,
        {
            "proposal_id": proposal.pk,
            "status": proposal.status,
            "title": proposal.title,
            "previous_id": proposal.previous_id,
            "precedent": proposal.precedent,
        },
    )
