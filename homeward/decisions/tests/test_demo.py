"""The demo's decided proposals have the decisions, meetings and appeals their states imply."""

from __future__ import annotations

from homeward.arrangements.models import Arrangement
from homeward.audit.actions import verify_chain
from homeward.decisions.models import Appeal, Decision, Meeting
from homeward.demo import SEEDERS, build_demo
from homeward.proposals.models import Proposal, Status


def test_demo_decisions_match_the_proposals_states(db):
    names = [name for name, _ in SEEDERS]
    assert names.index("proposals") < names.index("decisions")
    build_demo(people=40, seed=7)
    by_status = {p.status: p for p in Proposal.objects.all()}
    assert {Status.DECLINED, Status.APPEALED, Status.OVERTURNED} <= set(by_status)

    def outcomes(status: str) -> list[str]:
        return list(
            Decision.objects.filter(proposal=by_status[status]).values_list("outcome", flat=True)
        )

    assert outcomes(Status.INFO_REQUESTED) == ["request_info"]
    assert outcomes(Status.COUNTERED) == ["counter"]
    assert outcomes(Status.APPROVED_TRIAL) == ["approve_trial"]
    assert outcomes(Status.DECLINED) == ["decline"]
    for status in (Status.IN_REVIEW, Status.SUBMITTED):
        assert outcomes(status) == []
    for status in (Status.APPROVED_TRIAL, Status.APPROVED, Status.OVERTURNED):
        assert Arrangement.objects.filter(proposal=by_status[status]).exists(), status
    for status, outcome in (
        (Status.APPEALED, ""),
        (Status.UPHELD, "upheld"),
        (Status.OVERTURNED, "overturned"),
    ):
        appeal = Appeal.objects.get(proposal=by_status[status])
        assert appeal.outcome == outcome
        assert appeal.assigned_to_id not in (appeal.appellant_id, appeal.original_decider_id)
    declined = by_status[Status.DECLINED]
    if declined.jurisdiction in ("GB", "NI", "NL"):
        assert Meeting.objects.filter(proposal=declined).exists()
    assert verify_chain() == []
