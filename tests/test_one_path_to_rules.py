"""One path from records to rules (issue #9 §1): the pattern, the earlier requests and the
pack are read in one place, with the office's local dates, and every caller agrees.

Every date that matters is given; the run's frozen today only has to be later.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from homeward.arrangements.models import Arrangement
from homeward.coach.patterns import Pattern
from homeward.decisions import applied_rules
from homeward.evidence.patterns import pattern_from
from homeward.evidence.well import well_offer
from homeward.people.models import Office
from homeward.proposals import jurisdiction
from homeward.proposals.models import Proposal, Status, pattern_of

UTC = ZoneInfo("UTC")


def _decided(person: Any, decided_at: datetime, **fields: Any) -> Proposal:
    return Proposal.objects.create(
        employee=person,
        status=fields.pop("status", Status.DECLINED),
        received_on=fields.pop("received_on", decided_at.date() - timedelta(days=20)),
        decided_at=decided_at,
        jurisdiction=person.jurisdiction,
        **fields,
    )


def _move(person: Any, office: str, tz: str, code: str) -> Any:
    person.office = Office.objects.create(name=office, timezone=tz, holiday_country="")
    person.jurisdiction = code
    person.save()
    return person


@pytest.mark.parametrize(
    ("office", "tz", "decided_at", "local"),
    [
        # 23:30 UTC on 31 January is already 1 February in Amsterdam (and in Sydney)...
        (
            "Amsterdam",
            "Europe/Amsterdam",
            datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
            date(2026, 2, 1),
        ),
        ("Sydney", "Australia/Sydney", datetime(2026, 1, 31, 23, 30, tzinfo=UTC), date(2026, 2, 1)),
        # ... and 03:00 UTC on 15 January is still the 14th in Washington.
        (
            "Washington",
            "America/New_York",
            datetime(2026, 1, 15, 3, 0, tzinfo=UTC),
            date(2026, 1, 14),
        ),
    ],
)
def test_a_decision_counts_on_the_offices_local_date(
    personas: Any, office: str, tz: str, decided_at: datetime, local: date
) -> None:
    # NL: a new request a year after the decision, from its anniversary (WFW art. 2(9)).
    emma = _move(personas.emma, office, tz, "NL")
    declined = _decided(emma, decided_at)
    (past,) = jurisdiction.past_requests(emma)
    assert past.decided_on == local
    anniversary = local.replace(year=local.year + 1)
    assert jurisdiction.next_request_on(emma) == anniversary
    # The decision page and the "one more day" offer give the same date.
    assert applied_rules.next_request_on(declined) == anniversary
    assert applied_rules.summary(declined).next_request_on == anniversary


def test_the_well_offer_gives_the_same_date(personas: Any) -> None:
    emma = _move(personas.emma, "Amsterdam", "Europe/Amsterdam", "NL")
    decided = _decided(
        emma,
        datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
        status=Status.APPROVED,
        pattern_kind="weekdays",
        weekdays=[2],
    )
    Arrangement.objects.create(
        employee=emma,
        proposal=decided,
        approved_by=personas.marcus,
        pattern_kind="weekdays",
        weekdays=[2],
        start_date=date(2026, 1, 7),
        status="standing",
        confirmed_on=date(2026, 1, 7),
    )
    offer = well_offer(emma, today=date(2026, 7, 1))
    assert any("request from Friday 1 January 2027" in r for r in offer.reasons), offer.reasons


def test_gb_a_request_whose_decision_period_ended_does_not_block(personas: Any) -> None:
    # ERA 1996 s.80F(4B)(d): an undecided request stops counting when its decision period
    # (as extended) ends; a manager who lets it pass does not block the next request.
    emma = personas.emma
    Proposal.objects.create(
        employee=emma,
        status=Status.IN_REVIEW,
        received_on=date(2026, 3, 2),
        decision_due=date(2026, 5, 1),
        jurisdiction="GB",
    )
    today = date(2026, 7, 1)
    keys = {p.key for p in jurisdiction.assess(emma, start=None, today=today).errors}
    assert "live_request" not in keys
    # While the period runs it still blocks.
    keys = {p.key for p in jurisdiction.assess(emma, start=None, today=date(2026, 4, 30)).errors}
    assert "live_request" in keys


def test_gb_a_withdrawn_request_stops_counting_on_the_day_it_was_withdrawn(
    personas: Any,
) -> None:
    emma = personas.emma
    p = Proposal.objects.create(
        employee=emma,
        status=Status.WITHDRAWN,
        received_on=date(2026, 6, 1),
        decision_due=date(2026, 7, 31),
        withdrawn_at=datetime(2026, 6, 10, 23, 30, tzinfo=UTC),  # 11 June in London (BST)
        jurisdiction="GB",
    )
    (past,) = jurisdiction.past_requests(emma)
    assert past.withdrawn_on == date(2026, 6, 11)
    assert not past.live
    assert jurisdiction.past_requests(emma, exclude=p.pk) == ()
    keys = {x.key for x in jurisdiction.assess(emma, start=None, today=date(2026, 7, 1)).errors}
    assert "live_request" not in keys


def test_drafts_never_count(personas: Any) -> None:
    Proposal.objects.create(
        employee=personas.emma, status=Status.DRAFT, received_on=date(2026, 6, 1)
    )
    assert jurisdiction.past_requests(personas.emma) == ()


def test_the_pack_of_a_proposal_is_the_one_fixed_at_submission(personas: Any) -> None:
    emma = personas.emma
    p = Proposal.objects.create(employee=emma, status=Status.SUBMITTED, jurisdiction="IE")
    assert jurisdiction.pack_for(p).code == "IE"
    assert jurisdiction.pack_for(emma).code == "GB"
    p.jurisdiction = ""
    assert jurisdiction.pack_for(p).code == "GB"
    emma.jurisdiction = "XX"
    assert jurisdiction.pack_for(emma).code == "GENERIC"


def test_one_reading_of_a_pattern() -> None:
    values = {"pattern_kind": "n_of_set", "n_days": 2, "allowed_weekdays": [0, 4]}
    expected = Pattern("n_of_set", n_days=2, allowed_weekdays=(0, 4))
    assert pattern_of(values) == expected
    assert pattern_of(Proposal(**values)) == expected
    assert pattern_from({**values, "allowed_weekdays": ["4", "0"], "n_days": "2"}) == expected
    with pytest.raises(ValueError):
        pattern_of({"pattern_kind": "weekdays", "weekdays": ["Monday"]})
    with pytest.raises(ValueError):
        pattern_of({"pattern_kind": "weekdays", "weekdays": [True]})
