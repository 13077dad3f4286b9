"""'Also present' at a meeting offers the request's own people, bounded, not a whole team."""

from __future__ import annotations

from conftest import make_person
from homeward.decisions.review_page import MEETING_PEERS, meeting_people


def test_the_line_the_decider_and_the_employees_peers(personas, make_proposal):
    proposal = make_proposal()
    offered = set(meeting_people(proposal))
    assert {personas.marcus, personas.diana, personas.pete} <= offered
    assert personas.emma not in offered  # the employee is there anyway
    assert not {personas.olivia, personas.oscar, personas.hannah} & offered


def test_a_large_team_offers_a_bounded_list(personas, make_proposal):
    for i in range(MEETING_PEERS + 15):
        make_person(
            f"Peer{i:02d}", team=personas.support, office=personas.london, manager=personas.marcus
        )
    offered = list(meeting_people(make_proposal()))
    assert len(offered) <= MEETING_PEERS + 2  # peers, plus the manager line (Marcus, Diana)
    assert personas.marcus in offered and personas.diana in offered
