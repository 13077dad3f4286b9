"""The demo organisation gets proposals in every state; Marcus has some awaiting him."""

from __future__ import annotations

from datetime import date

from django.db.models import F

from homeward.audit.actions import verify_chain
from homeward.demo import DEMO_DOMAIN, build_demo
from homeward.people.models import Person
from homeward.proposals.models import LIVE, Proposal, Status


def test_demo_has_proposals_in_every_state(db):
    build_demo(people=40, today=date(2026, 3, 2))
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    marcus = Person.objects.get(user__email=f"marcus@{DEMO_DOMAIN}")
    emma = Person.objects.get(user__email=f"emma@{DEMO_DOMAIN}")
    his_others = marcus.reports.exclude(pk=emma.pk).count()
    assert Proposal.objects.awaiting(marcus).count() == min(3, his_others) >= 1
    # Emma is free to start one: nothing of hers is live or drafted.
    assert not Proposal.objects.filter(employee=emma, status__in=LIVE + (Status.DRAFT,)).exists()
    # Every sent proposal, the evidence feature's trials included, went through
    # submit_proposal: each has its frozen revision, rules and deadline.
    sent = Proposal.objects.exclude(status=Status.DRAFT)
    assert sent.count() >= len(Status.values) - 1
    assert not sent.filter(revisions__isnull=True).exists()
    assert not sent.filter(decision_due__isnull=True).exists()
    assert all(p.decider_id and p.rules for p in sent)
    assert not Proposal.objects.filter(decider=F("employee")).exists()
    assert verify_chain() == []
