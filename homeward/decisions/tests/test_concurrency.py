"""Two deciders acting on one proposal at the same moment leave exactly one decision.

Real threads with their own database connections, on a committed database. The action is
slowed down after it has read the proposal, so without the row lock (PostgreSQL) or the
serialised writers (SQLite's IMMEDIATE transactions) both would see "in review" and decide.

On SQLite ``patiently`` (tests/concurrency.py) waits out the shared-cache lock as the
busy timeout would, so the second writer runs as in production: after the first commits.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connections

from homeward.arrangements.models import Arrangement
from homeward.decisions import actions
from homeward.decisions.actions import steps
from homeward.decisions.models import Decision
from homeward.proposals.models import Proposal, Status
from tests.concurrency import patiently
from tests.today import today


def _race(monkeypatch, calls) -> list[object]:
    real = steps.assert_no_blocking

    def slow(proposal: Proposal) -> None:
        time.sleep(0.3)
        real(proposal)

    monkeypatch.setattr(steps, "assert_no_blocking", slow)
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = patiently(calls[i])()
        except Exception as exc:  # the test inspects what each thread got
            results[i] = exc
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_leave_one_decision(personas, make_proposal, monkeypatch):
    p = make_proposal()
    marcus = personas.marcus.user

    def approve(outcome: str):
        return lambda: actions.decide_proposal(proposal=p, actor=marcus, outcome=outcome)

    results = _race(monkeypatch, [approve("approve_trial"), approve("approve")])
    decisions = [r for r in results if isinstance(r, Decision)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(decisions) == 1 and len(refused) == 1, results
    assert "not waiting for a decision" in str(refused[0])
    assert Decision.objects.filter(proposal=p).count() == 1
    assert Arrangement.objects.filter(proposal=p).count() == 1
    assert Proposal.objects.get(pk=p.pk).status in (Status.APPROVED_TRIAL, Status.APPROVED)


@pytest.mark.django_db(transaction=True)
def test_accepting_a_counter_twice_at_once_starts_one_arrangement(
    personas, make_proposal, monkeypatch
):
    """The employee accepting a counter twice at once (two tabs) starts one arrangement."""
    p = make_proposal(weekdays=(0, 4))
    actions.decide_proposal(
        proposal=p,
        actor=personas.marcus.user,
        outcome="counter",
        counter={"weekdays": [2]},
        explanation="One day.",
    )
    monkeypatch.setattr(steps, "grant", _slowed(steps.grant))
    emma = personas.emma.user

    def accept():
        return actions.respond_to_counter(proposal=p, actor=emma, accept=True)

    results = _race(monkeypatch, [accept, accept])
    assert sum(isinstance(r, Decision) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Arrangement.objects.filter(proposal=p).count() == 1


def _slowed(fn):
    def slow(*args, **kwargs):
        time.sleep(0.3)
        return fn(*args, **kwargs)

    return slow


@pytest.mark.django_db(transaction=True)
def test_manager_and_deemed_granted_worker_at_once_leave_one_decision(
    personas, make_proposal, monkeypatch
):
    """NL: the manager declines on the very day the worker grants the request by law. Both
    read the proposal under the lock; exactly one final decision stands."""
    from datetime import timedelta

    p = make_proposal(jurisdiction="NL", start=today() + timedelta(days=75))
    actions.record_meeting(proposal=p, actor=personas.marcus.user, held_on=today(), notes="Met.")
    monkeypatch.setattr(steps, "standing", _slowed(steps.standing))
    marcus = personas.marcus.user

    def decline():
        return actions.decide_proposal(
            proposal=p, actor=marcus, outcome="decline", explanation="Not in this role."
        )

    def by_law():
        return actions.apply_deemed_granted(proposal=p, today=p.deemed_granted_on)

    results = _race(monkeypatch, [decline, by_law])
    final = Decision.objects.filter(proposal=p).final()
    assert final.count() == 1, results
    status = Proposal.objects.get(pk=p.pk).status
    if final.get().deemed:
        assert isinstance(results[0], ValidationError) and status == Status.APPROVED_TRIAL
        assert Arrangement.objects.filter(proposal=p).count() == 1
    else:
        assert results[1] is None and status == Status.DECLINED
        assert not Arrangement.objects.filter(proposal=p).exists()
