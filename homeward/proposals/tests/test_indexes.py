"""The lists' filters and orderings are served by indexes (checked with the database's EXPLAIN)."""

from __future__ import annotations

import pytest
from django.db import connection

from homeward.people.models import Person
from homeward.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db


def _plan(qs) -> str:
    return qs.explain().lower()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan wording")
def test_the_queues_and_the_directory_use_their_indexes():
    queue = Proposal.objects.filter(status=Status.SUBMITTED).order_by("decision_due")
    assert "proposal_status_due" in _plan(queue)
    deciding = Proposal.objects.filter(decider_id=1, status=Status.SUBMITTED)
    assert "proposal_decider_status" in _plan(deciding)
    directory = Person.objects.filter(active=True).order_by("name")
    assert "using index person_" in _plan(directory)  # by name, or by active and name
