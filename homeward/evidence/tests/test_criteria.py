"""Success criteria: what the approval hands over, and who may change them until review."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from homeward.arrangements.actions import move_arrangement
from homeward.audit.models import AuditEvent
from homeward.evidence.actions import create_metric, set_criteria
from homeward.evidence.criteria import CriterionSpec, metric_choices_for
from homeward.evidence.models import SuccessCriterion


def test_manager_sets_criteria_at_approval(personas, trial, tickets, errors_metric):
    created = set_criteria(
        arrangement=trial,
        criteria=[
            {"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5},
            CriterionSpec(metric_id=errors_metric.pk, rule="at_least_baseline"),
        ],
        actor=personas.marcus.user,
    )
    assert len(created) == 2
    assert {c.rule for c in trial.success_criteria.all()} == {
        "no_worse_than_pct",
        "at_least_baseline",
    }
    assert "no worse than office days by more than 5%" in created[0].describe()
    assert AuditEvent.objects.for_object(trial).filter(action="evidence.criteria_set").exists()


def test_setting_criteria_again_replaces_them(personas, trial, tickets):
    set_criteria(
        arrangement=trial,
        criteria=[{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 5}],
        actor=personas.marcus.user,
    )
    set_criteria(
        arrangement=trial,
        criteria=[{"metric_id": tickets.pk, "rule": "no_worse_than_pct", "threshold": 10}],
        actor=personas.marcus,
    )
    assert list(trial.success_criteria.values_list("threshold", flat=True)) == [10.0]
    set_criteria(arrangement=trial, criteria=[], actor=personas.hannah.user)
    assert not trial.success_criteria.exists()


@pytest.mark.parametrize(
    ("criterion", "message"),
    [
        ({"metric_id": None, "rule": "no_worse_than_pct"}, "choose a metric"),
        ({"rule": "sometimes", "threshold": 5}, "rule must be one of"),
        ({"rule": "no_worse_than_pct", "threshold": 150}, "between 0 and 100"),
        ({"rule": "no_worse_than_pct", "threshold": -1}, "between 0 and 100"),
        ({"rule": "at_least_baseline", "threshold": "lots"}, "is not a number"),
        ({"rule": "at_least_baseline", "threshold": float("nan")}, "finite"),
    ],
)
def test_criteria_are_validated(personas, trial, tickets, criterion, message):
    criterion = {"metric_id": tickets.pk, **criterion}
    with pytest.raises(ValidationError, match=message):
        set_criteria(arrangement=trial, criteria=[criterion], actor=personas.marcus.user)
    assert not SuccessCriterion.objects.exists()


def test_a_criterion_must_measure_the_employee(personas, trial):
    sales = create_metric(actor=personas.olivia.user, name="Sales", unit="£", team=personas.sales)
    with pytest.raises(ValidationError, match="does not measure Emma"):
        set_criteria(
            arrangement=trial,
            criteria=[{"metric_id": sales.pk, "rule": "at_least_baseline"}],
            actor=personas.marcus.user,
        )


def test_the_same_rule_twice_is_refused_and_nothing_is_written(personas, trial, tickets):
    twice = [{"metric_id": tickets.pk, "rule": "at_least_baseline"}] * 2
    with pytest.raises(ValidationError, match="Criterion 2: the same metric and rule"):
        set_criteria(arrangement=trial, criteria=twice, actor=personas.marcus.user)
    assert not SuccessCriterion.objects.exists()


@pytest.mark.parametrize("who", ["emma", "pete", "olivia", "oscar"])
def test_only_the_manager_line_or_hr_sets_criteria(personas, trial, tickets, who):
    with pytest.raises(PermissionDenied):
        set_criteria(
            arrangement=trial,
            criteria=[{"metric_id": tickets.pk, "rule": "at_least_baseline"}],
            actor=getattr(personas, who).user,
        )


def test_criteria_are_fixed_once_the_trial_is_reviewed(personas, trial, tickets):
    move_arrangement(arrangement_id=trial.pk, to="standing", actor=personas.marcus.user)
    trial.refresh_from_db()
    with pytest.raises(ValidationError, match="before its review"):
        set_criteria(
            arrangement=trial,
            criteria=[{"metric_id": tickets.pk, "rule": "at_least_baseline"}],
            actor=personas.marcus.user,
        )


def test_metric_choices_are_the_metrics_that_measure_the_person(personas, tickets):
    own = create_metric(
        actor=personas.marcus.user, name="Escalations", unit="cases", person=personas.emma
    )
    create_metric(actor=personas.olivia.user, name="Sales", unit="£", team=personas.sales)
    choices = dict(metric_choices_for(personas.emma))
    assert set(choices) == {tickets.pk, own.pk}
    assert "per day" in choices[tickets.pk] and "team Support" in choices[tickets.pk]
    assert list(dict(metric_choices_for(personas.oscar))) != [tickets.pk]
