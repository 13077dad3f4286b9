"""The demo's trials tell the story the issue asks for: some better, some flat, one worse."""

from __future__ import annotations

import pytest

from homeward.arrangements.models import Arrangement
from homeward.demo import DEMO_DOMAIN, build_demo
from homeward.evidence.models import EvidenceReport, Metric, ResultEntry
from homeward.evidence.reports import trial_report
from homeward.evidence.well import well_offer
from homeward.people.models import Person


@pytest.fixture
def demo(db):
    build_demo(people=120, seed=7)  # the default demo, where Marcus has people to spare


def test_demo_has_metrics_trials_and_months_of_results(demo):
    names = set(Metric.objects.values_list("name", flat=True))
    assert {"Tickets resolved", "Calls handled", "Error rate", "Sales", "Story points"} <= names
    assert ResultEntry.objects.count() > 1000
    marcus = Person.objects.get(user__email=f"marcus@{DEMO_DOMAIN}")
    trials = [a for a in Arrangement.objects.filter(employee__manager=marcus, status="trial")]
    overall = {trial_report(a).overall for a in trials}
    assert "fail" in overall and len(trials) >= 3
    # One trial better at home, one flat (its interval spans zero), one worse.
    directions = {f.direction for a in trials for f in trial_report(a).findings}
    assert {"better", "unclear", "worse"} <= directions


def test_emma_is_offered_one_more_day(demo):
    emma = Person.objects.get(user__email=f"emma@{DEMO_DOMAIN}")
    offer = well_offer(emma)
    assert offer.available, offer.reasons
    assert EvidenceReport.objects.filter(arrangement__employee=emma, decision="confirm").exists()
