"""Evidence reports: the engine run on stored results, for one trial or for a group.

A trial report covers the arrangement from ``BASELINE_WEEKS`` before it started (office
days to compare with) up to its end or today. Per metric it gives the points for the charts,
the raw home and office means, the engine's estimate of home minus office (one person:
weekday and trend controls; a group: person and period fixed effects, clustered by person)
and the verdict on each success criterion. Day types are recomputed from the current
schedule unless the entry stated them, so a result entered before its arrangement was
approved still counts as the home day it was.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
from django.utils import timezone

from homeward.arrangements.models import Arrangement
from homeward.evidence import charts, engine
from homeward.evidence.days import DayClassifier
from homeward.evidence.models import Metric, Overall, ResultEntry, SuccessCriterion
from homeward.people.models import Person

BASELINE_WEEKS = 8


@dataclass(frozen=True)
class Point:
    day: date
    value: float
    day_type: str
    share: float | None


@dataclass
class CriterionVerdict:
    criterion_id: int | None
    metric_id: int
    rule: str
    threshold: float
    text: str
    status: str
    explanation: str
    limit: float | None = None  # the worst acceptable home-minus-office difference


@dataclass
class MetricFinding:
    metric_id: int
    name: str
    unit: str
    higher_is_better: bool
    frequency: str
    points: list[Point]
    summary: engine.GroupSummary
    estimate: engine.Estimate | None
    problem: str = ""
    verdicts: list[CriterionVerdict] = field(default_factory=list)

    @property
    def per(self) -> str:
        return "week" if self.frequency == "weekly" else "day"

    @property
    def direction(self) -> str:
        """better / worse / unclear (interval spans zero) / unknown (no estimate)."""
        e = self.estimate
        if e is None or not (math.isfinite(e.ci_low) and math.isfinite(e.ci_high)):
            return "unknown"
        if e.ci_low > 0:
            return "better" if self.higher_is_better else "worse"
        if e.ci_high < 0:
            return "worse" if self.higher_is_better else "better"
        return "unclear"

    @property
    def uid(self) -> str:
        return f"m{self.metric_id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric_id": self.metric_id,
            "name": self.name,
            "unit": self.unit,
            "higher_is_better": self.higher_is_better,
            "frequency": self.frequency,
            "points": [[p.day.isoformat(), p.value, p.day_type, p.share] for p in self.points],
            "summary": self.summary.to_dict(),
            "estimate": None if self.estimate is None else self.estimate.to_dict(),
            "problem": self.problem,
            "direction": self.direction,
            "verdicts": [asdict(v) for v in self.verdicts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MetricFinding:
        return cls(
            metric_id=data["metric_id"],
            name=data["name"],
            unit=data["unit"],
            higher_is_better=data["higher_is_better"],
            frequency=data["frequency"],
            points=[Point(date.fromisoformat(d), v, t, s) for d, v, t, s in data["points"]],
            summary=engine.GroupSummary(**data["summary"]),
            estimate=None if data["estimate"] is None else engine.Estimate(**data["estimate"]),
            problem=data.get("problem", ""),
            verdicts=[CriterionVerdict(**v) for v in data.get("verdicts", [])],
        )


@dataclass
class TrialReport:
    arrangement_id: int
    employee: str
    since: date
    until: date
    start: date
    review: date | None
    findings: list[MetricFinding]

    @property
    def verdicts(self) -> list[CriterionVerdict]:
        return [v for f in self.findings for v in f.verdicts]

    @property
    def overall(self) -> str:
        return overall_of(self.verdicts)

    @property
    def non_negative(self) -> bool:
        """No criterion failed and no metric is clearly worse at home; needs some estimate."""
        if not any(f.estimate is not None for f in self.findings):
            return False
        if any(v.status == "fail" for v in self.verdicts):
            return False
        return not any(f.direction == "worse" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "arrangement_id": self.arrangement_id,
            "employee": self.employee,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "start": self.start.isoformat(),
            "review": None if self.review is None else self.review.isoformat(),
            "overall": self.overall,
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrialReport:
        return cls(
            arrangement_id=data["arrangement_id"],
            employee=data["employee"],
            since=date.fromisoformat(data["since"]),
            until=date.fromisoformat(data["until"]),
            start=date.fromisoformat(data["start"]),
            review=None if data["review"] is None else date.fromisoformat(data["review"]),
            findings=[MetricFinding.from_dict(f) for f in data["findings"]],
        )


def overall_of(verdicts: Sequence[CriterionVerdict]) -> str:
    if not verdicts:
        return Overall.NONE
    statuses = {v.status for v in verdicts}
    if "fail" in statuses:
        return Overall.FAIL
    if statuses == {"pass"}:
        return Overall.PASS
    return Overall.INCONCLUSIVE


# --- loading results ----------------------------------------------------------------------


def load_points(
    person: Person,
    metric: Metric,
    since: date,
    until: date,
    classifier: DayClassifier | None = None,
) -> list[Point]:
    """The person's results of a metric in the window, day types from the current schedule."""
    classifier = classifier or DayClassifier(person)
    rows = ResultEntry.objects.filter(person=person, metric=metric).between(since, until)
    return [_point(r, metric, classifier) for r in rows.order_by("date")]


def _point(entry: ResultEntry, metric: Metric, classifier: DayClassifier) -> Point:
    stated = entry.day_type if entry.stated else None
    if metric.is_weekly:
        kind, share = classifier.week(entry.date, stated)
    else:
        kind, share = classifier.day(entry.date, stated)
    return Point(entry.date, entry.value, kind, share)


def _summary(points: Sequence[Point]) -> engine.GroupSummary:
    return engine.summarise_groups(
        [p.value for p in points if p.share is not None and p.share > 0],
        [p.value for p in points if p.share == 0],
    )


def outcome_label(name: str) -> str:
    """The metric's name as the engine's reading says it ("tickets resolved")."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def estimate_points(
    points: Sequence[Point], *, outcome: str = "the result"
) -> tuple[engine.Estimate | None, str]:
    """The one-person estimate, or None and the engine's reason. ``outcome`` names the
    metric in the engine's plain-language reading."""
    usable = [p for p in points if p.share is not None]
    frame = pd.DataFrame(
        {
            "date": [p.day.isoformat() for p in usable],
            outcome: [p.value for p in usable],
            "home": [p.share for p in usable],
        }
    )
    try:
        return engine.estimate_person(frame, outcome=outcome, date="date", treatment="home"), ""
    except engine.EvidenceError as exc:
        return None, str(exc)


# --- judging criteria -----------------------------------------------------------------------


def judge(criterion: SuccessCriterion, finding: MetricFinding) -> CriterionVerdict:
    """The engine's verdict on one criterion; inconclusive (with the reason) without data."""

    def made(status: str, explanation: str, limit: float | None = None) -> CriterionVerdict:
        return CriterionVerdict(
            criterion_id=criterion.pk,
            metric_id=criterion.metric_id,
            rule=criterion.rule,
            threshold=criterion.threshold,
            text=criterion.describe(),
            status=status,
            explanation=explanation,
            limit=limit,
        )

    if finding.estimate is None:
        return made("inconclusive", f"No estimate yet: {finding.problem}")
    office_mean = finding.summary.office_mean
    if criterion.rule == "no_worse_than_pct" and office_mean is None:
        return made("inconclusive", "No office days to compare with.")
    try:
        v = engine.verdict(
            finding.estimate,
            rule=criterion.rule,  # type: ignore[arg-type]
            threshold=criterion.threshold,
            higher_is_better=finding.higher_is_better,
            baseline=office_mean,
        )
    except engine.EvidenceError as exc:
        return made("inconclusive", str(exc))
    return made(v.status, v.explanation, limit_of(criterion, finding))


def limit_of(criterion: SuccessCriterion, finding: MetricFinding) -> float | None:
    """The worst acceptable home-minus-office difference, in the metric's unit (for charts)."""
    sign = -1 if finding.higher_is_better else 1
    if criterion.rule == "no_worse_than_pct":
        office = finding.summary.office_mean
        return None if office is None else sign * criterion.threshold / 100 * abs(office)
    return sign * -criterion.threshold


# --- the trial report -------------------------------------------------------------------------


def window(arrangement: Arrangement, today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    since = arrangement.start_date - timedelta(weeks=BASELINE_WEEKS)
    until = min(arrangement.end_date or today, today)
    return since, max(until, since)


def trial_report(arrangement: Arrangement, *, today: date | None = None) -> TrialReport:
    """Every metric with a criterion or with results in the window, criteria metrics first."""
    person = arrangement.employee
    since, until = window(arrangement, today)
    criteria = list(arrangement.success_criteria.select_related("metric").order_by("pk"))
    metric_ids = [c.metric_id for c in criteria]
    with_results = (
        ResultEntry.objects.filter(person=person)
        .between(since, until)
        .values_list("metric_id", flat=True)
        .distinct()
    )
    metric_ids += [m for m in with_results if m not in metric_ids]
    metrics = {m.pk: m for m in Metric.objects.filter(pk__in=metric_ids)}
    classifier = DayClassifier(person)
    by_metric: dict[int, list[SuccessCriterion]] = defaultdict(list)
    for c in criteria:
        by_metric[c.metric_id].append(c)
    findings = []
    for metric_id in dict.fromkeys(metric_ids):
        metric = metrics[metric_id]
        points = load_points(person, metric, since, until, classifier)
        estimate, problem = estimate_points(points, outcome=outcome_label(metric.name))
        finding = MetricFinding(
            metric_id=metric.pk,
            name=metric.name,
            unit=metric.unit,
            higher_is_better=metric.higher_is_better,
            frequency=metric.frequency,
            points=points,
            summary=_summary(points),
            estimate=estimate,
            problem=problem,
        )
        finding.verdicts = [judge(c, finding) for c in by_metric[metric_id]]
        findings.append(finding)
    return TrialReport(
        arrangement_id=arrangement.pk,
        employee=person.name,
        since=since,
        until=until,
        start=arrangement.start_date,
        review=arrangement.review_date,
        findings=findings,
    )


# --- groups ------------------------------------------------------------------------------------


@dataclass
class GroupFinding:
    metric: Metric
    people: list[Person]
    since: date
    until: date
    n_rows: int
    summary: engine.GroupSummary
    estimate: engine.Estimate | None
    problem: str = ""
    points: list[Point] = field(default_factory=list)


MIN_GROUP_SWITCHERS = 3


def _switchers(frame: pd.DataFrame) -> int:
    """People with more than one home share among their rows (home and office days)."""
    if frame.empty:
        return 0
    return int((frame.groupby("person")["home"].nunique() > 1).sum())


def group_estimate(
    people: Iterable[Person], metric: Metric, *, since: date, until: date
) -> GroupFinding:
    """The panel estimate for a group: person and period (day or week) fixed effects,
    errors clustered by person. Needs at least 3 people who worked both at home and in the
    office (``MIN_GROUP_SWITCHERS``)."""
    people = list(people)
    rows: list[tuple[int, str, float, float]] = []
    points: list[Point] = []
    entries = (
        ResultEntry.objects.filter(metric=metric, person__in=people)
        .between(since, until)
        .order_by("person_id", "date")
    )
    grouped: dict[int, list[ResultEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.person_id].append(entry)
    for person in people:
        classifier = DayClassifier(person)
        for entry in grouped.get(person.pk, []):
            p = _point(entry, metric, classifier)
            points.append(p)
            if p.share is not None:
                rows.append((person.pk, p.day.isoformat(), p.value, p.share))
    outcome = outcome_label(metric.name)
    frame = pd.DataFrame(rows, columns=["person", "period", outcome, "home"])
    estimate: engine.Estimate | None = None
    problem = ""
    switchers = _switchers(frame)
    if frame.empty:
        problem = "No results from these people in this period."
    elif switchers < MIN_GROUP_SWITCHERS:
        # With two clusters the clustered standard error collapses to zero (each person's
        # residuals mirror the other's), which would print a falsely exact interval.
        problem = (
            f"Only {switchers} of these people worked both at home and in the office in this "
            f"period; a group comparison needs at least {MIN_GROUP_SWITCHERS}."
        )
    else:
        try:
            estimate = engine.estimate_panel(
                frame, outcome=outcome, unit="person", period="period", treatment="home"
            )
        except engine.EvidenceError as exc:
            problem = str(exc)
    return GroupFinding(
        metric=metric,
        people=people,
        since=since,
        until=until,
        n_rows=len(frame),
        summary=_summary(points),
        estimate=estimate,
        problem=problem,
        points=points,
    )


# --- pictures ------------------------------------------------------------------------------------


def finding_charts(finding: MetricFinding, *, start: date | None = None) -> dict[str, str]:
    """The three SVG charts of a finding (time series, distributions, interval)."""
    per = f"{finding.unit} per {finding.per}"
    series = charts.timeseries_svg(
        [charts.SeriesPoint(p.day, p.value, p.day_type) for p in finding.points],
        title=f"{finding.name} over time",
        unit=per,
        marks=[(start, "Trial starts")] if start else [],
        uid=f"{finding.uid}-series",
    )
    dist = charts.distribution_svg(
        [p.value for p in finding.points if p.share is not None and p.share > 0],
        [p.value for p in finding.points if p.share == 0],
        title=f"{finding.name}: office and home",
        unit=per,
        uid=f"{finding.uid}-dist",
    )
    out = {"series": series, "distribution": dist, "interval": ""}
    e = finding.estimate
    if e is not None:
        limits = [v.limit for v in finding.verdicts if v.limit is not None]
        out["interval"] = charts.interval_svg(
            estimate=e.estimate,
            low=e.ci_low,
            high=e.ci_high,
            title=f"Home minus office, {per}",
            unit=per,
            limit=limits[0] if limits else None,
            limit_label="criterion limit",
            uid=f"{finding.uid}-interval",
        )
    return out


def fmt(value: float | None) -> str:
    return "—" if value is None else charts.fmt(value)
