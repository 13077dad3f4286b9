"""The demo organisation gets realistic policies, and concern items on submitted proposals."""

from __future__ import annotations

from homeward.concerns.models import ConcernItem, ConcernMessage
from homeward.demo import SEEDERS, build_demo
from homeward.policy.models import Policy, PolicyVersion
from homeward.proposals.models import Proposal, Status


def test_demo_seeds_policies_with_history_and_concern_conversations(db):
    names = [name for name, _ in SEEDERS]
    assert names.index("policy") < names.index("proposals") < names.index("concern_threads")
    build_demo(people=40, seed=7)

    default = Policy.objects.get(office__isnull=True, jurisdiction="")
    statuses = dict(default.versions.values_list("number", "status"))
    assert statuses == {1: PolicyVersion.SUPERSEDED, 2: PolicyVersion.PUBLISHED}
    v2 = default.published()
    assert v2 is not None and len(v2.answers) >= 18
    assert "£20 monthly stipend" in v2.answer_for("internet_cost")
    madrid = Policy.objects.get(office__name="Madrid").published()
    lisbon = Policy.objects.get(office__name="Lisbon").published()
    assert madrid is not None and "Ley 10/2021" in madrid.answer_for("internet_cost")
    assert lisbon is not None and "Portaria 292-A/2023" in lisbon.answer_for("internet_cost")

    # Every demo proposal submitted through the real actions has its concern items.
    submitted = Proposal.objects.exclude(status=Status.DRAFT).filter(revisions__isnull=False)
    assert submitted.exists()
    for proposal in submitted.distinct():
        assert ConcernItem.objects.filter(proposal=proposal).count() >= 24

    raised = ConcernItem.objects.filter(raised_by__isnull=False)
    assert raised.count() == 2
    assert raised.filter(proposal__decider__user__email="marcus@demo.homeward.test").exists()
    assert ConcernMessage.objects.filter(kind="answer").exists()
