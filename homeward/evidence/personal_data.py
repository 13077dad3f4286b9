"""The personal data in results and reviews: a person's measured results, their metrics,
and the evidence reports on their trials."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from homeward.evidence.models import EvidenceReport, Metric, ResultEntry, SuccessCriterion
from homeward.lib.personal_data import ABOUT, BY, ErasurePlan, Provider, Section, Subject

RESULT, METRIC, CRITERION, REPORT = (
    "evidence.resultentry",
    "evidence.metric",
    "evidence.successcriterion",
    "evidence.evidencereport",
)


def export(subject: Subject) -> list[Section]:
    person = subject.person
    results_by = ResultEntry.objects.filter(entered_by=subject.user)
    if person is None:
        by_rows = results_by.values("metric__name", "date", "created_at")
        return [Section(RESULT, BY, list(by_rows))]
    results = ResultEntry.objects.filter(person=person).values(
        "metric__name", "metric__unit", "date", "value", "day_type", "source", "created_at"
    )
    metrics = Metric.objects.filter(person=person).values(
        "name", "unit", "description", "frequency", "created_at", "archived_at"
    )
    criteria = SuccessCriterion.objects.filter(arrangement__employee=person).values(
        "arrangement_id", "metric__name", "rule", "threshold", "set_at"
    )
    reports = EvidenceReport.objects.filter(arrangement__employee=person).values(
        "arrangement_id", "decision", "note", "overall", "figures", "review_date", "created_at"
    )
    decided = EvidenceReport.objects.filter(decided_by=person).exclude(arrangement__employee=person)
    return [
        Section(RESULT, ABOUT, list(results)),
        Section(METRIC, ABOUT, list(metrics)),
        Section(CRITERION, ABOUT, list(criteria)),
        Section(REPORT, ABOUT, list(reports)),
        Section(
            RESULT,
            BY,
            list(results_by.exclude(person=person).values("metric__name", "date", "created_at")),
        ),
        Section(REPORT, BY, list(decided.values("arrangement_id", "decision", "created_at"))),
    ]


def _reports(subject: Subject, plan: ErasurePlan) -> Any:
    return EvidenceReport.objects.filter(arrangement__employee=subject.person).exclude(
        pk__in=plan.kept_ids(REPORT)
    )


def _metrics(subject: Subject, plan: ErasurePlan) -> Any:
    return Metric.objects.filter(person=subject.person).exclude(pk__in=plan.kept_ids(METRIC))


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """Their measured results are deleted (a kept review keeps the figures it was decided
    on); their own metrics lose their description; evidence reports on their trials (unless
    kept) lose the reviewer's note, their name and the day-by-day values, keeping the
    estimates. Results they entered for others stay."""
    if subject.person is None:
        return {}
    results, _ = ResultEntry.objects.filter(person=subject.person).delete()
    metrics = _metrics(subject, plan).exclude(description="").update(description="")
    reports = 0
    for report in _reports(subject, plan).iterator(chunk_size=200):
        figures = dict(report.figures or {})
        if "employee" in figures:
            figures["employee"] = plan.pseudonym
        figures["findings"] = [
            {**f, "points": []} for f in figures.get("findings", []) if isinstance(f, dict)
        ]
        report.figures, report.note = figures, ""
        report.save(update_fields=["figures", "note"])
        reports += 1
    return {RESULT: results, METRIC: metrics, REPORT: reports}


def kept(subject: Subject, proposals: frozenset[int]) -> dict[str, Any]:
    own = Q(arrangement__proposal_id__in=proposals)
    criteria = SuccessCriterion.objects.filter(own)
    return {
        REPORT: EvidenceReport.objects.filter(own).values_list("pk", flat=True),
        CRITERION: criteria.values_list("pk", flat=True),
        METRIC: criteria.values_list("metric_id", flat=True),
    }


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    if subject.person is None:
        return {}
    criteria = SuccessCriterion.objects.filter(arrangement__employee=subject.person).exclude(
        pk__in=plan.kept_ids(CRITERION)
    )
    return {
        METRIC: list(_metrics(subject, plan).values_list("pk", flat=True)),
        REPORT: list(_reports(subject, plan).values_list("pk", flat=True)),
        CRITERION: list(criteria.values_list("pk", flat=True)),
    }


PROVIDER = Provider(
    app="evidence",
    models=(Metric, SuccessCriterion, ResultEntry, EvidenceReport),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
    kept=kept,
)
