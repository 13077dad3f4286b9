"""The rule packs as applied to stored proposals: which pack, which calendar, deadlines with
extensions in force, refusal grounds per kind of change, appeal dates. Each row cites the
rule it relies on (see homeward/policy/rules for the packs' own table-driven tests)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from homeward.decisions import applied_rules
from homeward.decisions.models import DeadlineExtension
from homeward.proposals import jurisdiction

RECEIVED = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("jurisdiction", "due", "citation"),
    [
        # ERA 1996 s.80G(1B): two months beginning with receipt -> 1 May 2026 (a Friday).
        ("GB", date(2026, 5, 1), "ERA 1996 s.80G"),
        # WLB Act 2023 s.21(1)(b): four weeks after receipt -> 30 Mar 2026.
        ("IE", date(2026, 3, 30), "WLB Act 2023 s.21(1)(b)"),
        # Wet flexibel werken art. 2: a month before the start (1 Jun) -> 1 May 2026.
        ("NL", date(2026, 5, 1), "Wet flexibel werken"),
        # ET art. 34.8: 15 days of negotiation -> 17 Mar 2026 (the stricter rule until the
        # app passes the facts saying it is not a work-life balance request).
        ("ES", date(2026, 3, 17), "ET art. 34.8"),
    ],
)
def test_deadline_of_a_stored_proposal(make_proposal, jurisdiction, due, citation):
    p = make_proposal(jurisdiction=jurisdiction, received_on=RECEIVED, start=date(2026, 6, 1))
    deadline = applied_rules.deadline_for(p)
    assert deadline is not None and deadline.due == due
    assert citation in deadline.citation


def test_extensions_in_force_move_the_deadline(personas, make_proposal):
    # WLB Act 2023 s.21(2): one further period of up to 8 weeks.
    p = make_proposal(jurisdiction="IE", received_on=RECEIVED)
    DeadlineExtension.objects.create(
        proposal=p,
        days=14,
        state=DeadlineExtension.IN_FORCE,
        requested_by=personas.marcus,
        requested_on=RECEIVED,
    )
    DeadlineExtension.objects.create(
        proposal=p,
        days=30,
        state=DeadlineExtension.REFUSED,
        requested_by=personas.marcus,
        requested_on=RECEIVED,
    )
    deadline = applied_rules.deadline_for(p)
    assert deadline.extensions == (14,) and deadline.legal_due == date(2026, 4, 13)


@pytest.mark.parametrize(
    ("jurisdiction", "pattern_kind", "changes", "grounds"),
    [
        ("GB", "weekdays", ("place",), 8),  # ERA 1996 s.80G(1)(b): eight grounds
        ("NL", "weekdays", ("place",), 0),  # place: consider and give reasons
        ("NL", "short_office_days", ("place", "times"), 1),  # hours/times: weighty interests
        ("IE", "weekdays", ("place",), 0),  # WLB Act s.21(1)(b)(ii): written reasons
    ],
)
def test_refusal_grounds_depend_on_what_changes(
    make_proposal, jurisdiction, pattern_kind, changes, grounds
):
    p = make_proposal(jurisdiction=jurisdiction, pattern_kind=pattern_kind, reduced_hours=2)
    assert applied_rules.changes_for(p) == changes
    assert len(applied_rules.grounds_for(p)) == grounds


@pytest.mark.parametrize(
    ("jurisdiction", "window_days", "decide_days"),
    [
        ("GB", 14, None),  # Acas: appeal inside the decision period; company window 14 days
        ("NI", 14, 28),  # NI regime: appeal within 14 days, decided within 28 [unverified]
        ("IE", 14, 14),  # company policy: 14 and 14
    ],
)
def test_appeal_dates(make_proposal, jurisdiction, window_days, decide_days):
    p = make_proposal(jurisdiction=jurisdiction, received_on=RECEIVED)
    decided = RECEIVED + timedelta(days=20)
    assert applied_rules.appeal_window_ends(p, decided) == decided + timedelta(days=window_days)
    due = applied_rules.appeal_due(p, decided)
    if decide_days is None:
        assert due == applied_rules.deadline_for(p).due
    else:
        assert (
            decided + timedelta(days=decide_days - 4)
            <= due
            <= decided + timedelta(days=decide_days)
        )


def test_unknown_jurisdiction_falls_back_to_the_generic_pack(make_proposal):
    p = make_proposal(jurisdiction="XX")
    assert jurisdiction.pack_for(p).code == "GENERIC"


@pytest.mark.parametrize(
    ("jurisdiction", "country", "subdiv", "received", "due"),
    [
        # ERA 1996 s.80G(1B)(a): two months beginning with 7 Feb 2026 end on Easter Monday,
        # 6 Apr: a bank holiday in England, so back past Good Friday to Thursday 2 Apr...
        ("GB", "GB", "ENG", date(2026, 2, 7), date(2026, 4, 2)),
        # ...but a working day in a Scottish office of the same GB employer.
        ("GB", "GB", "SCT", date(2026, 2, 7), date(2026, 4, 6)),
        # WLB Act 2023 s.21(1)(b): four weeks from 17 Feb end on St Patrick's Day -> 16 Mar.
        ("IE", "IE", "", date(2026, 2, 17), date(2026, 3, 16)),
    ],
    ids=["GB England office", "GB Scotland office", "IE Dublin office"],
)
def test_deadline_counts_from_receipt_in_the_employees_office_calendar(
    personas, make_proposal, jurisdiction, country, subdiv, received, due
):
    office = personas.london
    office.holiday_country, office.holiday_subdiv = country, subdiv
    office.save()
    p = make_proposal(jurisdiction=jurisdiction, received_on=received)
    assert applied_rules.base_deadline(p).due == due
    assert str(received) in applied_rules.base_deadline(p).basis
