"""A re-organisation that makes a pending decider ineligible moves the request on."""

from __future__ import annotations

from homeward.audit.models import AuditEvent
from homeward.decisions.tests.conftest import status_of
from homeward.notify.models import Notification
from homeward.people.actions import set_active
from homeward.people.importer import HEADER, import_people
from homeward.proposals.models import Proposal, Status

ROW = "Support,London,GB,2020-01-06,20.0,40,car"


def _decider(p: Proposal):
    return Proposal.objects.select_related("decider").get(pk=p.pk).decider


def test_an_import_that_puts_the_decider_under_the_employee_moves_the_request(
    personas, make_proposal
):
    p = make_proposal(personas.marcus)
    assert p.decider == personas.diana
    untouched = make_proposal(personas.emma)  # Marcus still decides Emma's request
    csv = "\n".join(
        [
            ",".join(HEADER),
            f"olivia@example.test,Olivia,,{ROW}",
            f"marcus@example.test,Marcus,olivia@example.test,{ROW}",
            f"diana@example.test,Diana,marcus@example.test,{ROW}",
        ]
    )
    result = import_people(csv, actor=personas.hannah.user)
    assert result.ok, result.errors
    assert _decider(p) == personas.olivia
    assert _decider(untouched) == personas.marcus
    assert status_of(p) == Status.IN_REVIEW
    moved = AuditEvent.objects.get(action="proposal.decider_moved", object_id=str(p.pk))
    assert moved.before == {"decider": personas.diana.pk}
    assert moved.after == {"decider": personas.olivia.pk}
    assert Notification.objects.filter(recipient=personas.olivia, subject__contains="Marcus")
    assert Notification.objects.filter(recipient=personas.diana, subject__contains="Olivia")


def test_deactivating_the_decider_moves_the_request_to_the_next_manager(personas, make_proposal):
    p = make_proposal(personas.emma)
    set_active(actor=personas.hannah.user, person=personas.marcus, active=False)
    assert _decider(p) == personas.diana
    assert AuditEvent.objects.filter(action="proposal.decider_moved").count() == 1


def test_with_nobody_eligible_the_request_stays_and_nothing_is_recorded(personas, make_proposal):
    p = make_proposal(personas.marcus)
    set_active(actor=personas.hannah.user, person=personas.diana, active=False)
    assert _decider(p) == personas.diana
    assert not AuditEvent.objects.filter(action="proposal.decider_moved").exists()
