"""Service, next-request and notice dates, pack by pack (the deadlines: test_rules_dates.py).

Every expected date below was worked out by hand from the rule its id cites (weekdays
checked against a calendar), not by the code under test. "beginning with" periods end the
day before the corresponding date, or on the month's last day where there is none (Dodds
v Walker [1981] HL; Zoan v Rouamba [2000] CA); "after" periods start the next day.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from homeward.policy.rules import (
    AU,
    GB,
    IE,
    NI,
    NL,
    FactValue,
    GenericConfig,
    PastRequest,
    RequestContext,
    RulePack,
    check_eligibility,
    generic_pack,
    next_request_allowed_on,
)

D = date.fromisoformat


def _context(pack: RulePack, employed: str, day: str, **answers: FactValue) -> RequestContext:
    """A request by someone employed from ``employed``: received on ``day`` where service
    counts at the request, else received well ahead of a start on ``day``."""
    at_start = any(rule.measured_at == "start" for rule in pack.eligibility.service)
    received = D(day) - timedelta(days=120) if at_start else D(day)
    return RequestContext(
        received_on=received,
        employment_start=D(employed),
        requested_start=D(day) if at_start else None,
        is_agency_worker=False,
        employer_size=250,
        answers=answers,
    )


SERVICE_DATES = [
    # (pack, employed from, request or start day, meets the service rule, extra facts)
    pytest.param(
        IE, "2025-08-31", "2026-02-28", False, {}, id="IE s.20(2) 6 months from 31 Aug: not 28 Feb"
    ),
    pytest.param(
        IE, "2025-08-31", "2026-03-01", True, {}, id="IE s.20(2) 6 months from 31 Aug: 1 Mar"
    ),
    pytest.param(
        IE, "2023-08-30", "2024-02-29", False, {}, id="IE s.20(2) leap: from 30 Aug not 29 Feb"
    ),
    pytest.param(
        IE, "2023-08-30", "2024-03-01", True, {}, id="IE s.20(2) leap: from 30 Aug, 1 Mar"
    ),
    pytest.param(
        IE, "2023-08-29", "2024-02-29", True, {}, id="IE s.20(2) leap: from 29 Aug, 29 Feb"
    ),
    pytest.param(
        IE, "2025-07-01", "2025-12-31", False, {}, id="IE s.20(2) year end: from 1 Jul not 31 Dec"
    ),
    pytest.param(
        IE, "2025-07-01", "2026-01-01", True, {}, id="IE s.20(2) year end: from 1 Jul, 1 Jan"
    ),
    pytest.param(
        NI, "2023-09-01", "2024-02-28", False, {}, id="NI 26 weeks at request: 28 Feb short"
    ),
    pytest.param(
        NI,
        "2023-09-01",
        "2024-02-29",
        True,
        {},
        id="NI 26 weeks at request, application day counted: leap day",
    ),
    pytest.param(
        NL, "2025-12-29", "2026-06-28", False, {}, id="NL Wfw art.2 26 weeks at the start: short"
    ),
    pytest.param(
        NL, "2025-12-29", "2026-06-29", True, {}, id="NL Wfw art.2 26 weeks complete at the start"
    ),
    pytest.param(
        AU,
        "2025-01-31",
        "2026-01-30",
        False,
        {"au_casual": False},
        id="AU FWA s.65(2)(a) 12 months from 31 Jan: not 30 Jan",
    ),
    pytest.param(
        AU,
        "2025-01-31",
        "2026-01-31",
        True,
        {"au_casual": False},
        id="AU FWA s.65(2)(a) 12 months immediately before: 31 Jan",
    ),
    pytest.param(
        AU,
        "2024-02-29",
        "2025-02-28",
        False,
        {"au_casual": False},
        id="AU FWA s.65(2)(a) employed on a leap day: not 28 Feb",
    ),
    pytest.param(
        AU,
        "2024-02-29",
        "2025-03-01",
        True,
        {"au_casual": False},
        id="AU FWA s.65(2)(a) employed on a leap day: 1 Mar",
    ),
    pytest.param(
        generic_pack(GenericConfig(min_service_days=90)),
        "2024-12-02",
        "2025-03-01",
        False,
        {},
        id="GENERIC policy 90 days across the year end: day 90",
    ),
    pytest.param(
        generic_pack(GenericConfig(min_service_days=90)),
        "2024-12-02",
        "2025-03-02",
        True,
        {},
        id="GENERIC policy 90 days complete",
    ),
]


@pytest.mark.parametrize(("pack", "employed", "day", "meets", "answers"), SERVICE_DATES)
def test_service_dates(
    pack: RulePack, employed: str, day: str, meets: bool, answers: dict[str, FactValue]
) -> None:
    keys = {p.key for p in check_eligibility(pack, _context(pack, employed, day, **answers))}
    assert bool(keys & {"service_at_request", "service_at_start"}) is not meets


def _history(*requests: tuple[str, str | None]) -> tuple[PastRequest, ...]:
    return tuple(PastRequest(D(r), D(d) if d else None) for r, d in requests)


NEXT_REQUEST_DATES = [
    # (pack, previous requests (received, decided), first lawful day of a new request)
    pytest.param(
        GB,
        _history(("2024-02-29", None), ("2024-06-01", "2024-07-01")),
        "2025-03-01",
        id="GB s.80F(4)(a) 12 months from a leap day end 28 Feb: 1 Mar",
    ),
    pytest.param(
        GB,
        _history(("2025-12-31", "2026-01-20"), ("2026-02-02", None)),
        "2026-12-31",
        id="GB s.80F(4)(a) year end: on the anniversary, 31 Dec",
    ),
    pytest.param(
        GB,
        _history(("2025-01-31", None), ("2025-02-28", None)),
        "2026-01-31",
        id="GB s.80F(4)(a) month end: 31 Jan's anniversary",
    ),
    pytest.param(
        NI,
        _history(("2024-02-29", "2024-03-20")),
        "2025-03-01",
        id="NI one a year from a leap day: 1 Mar",
    ),
    pytest.param(
        NI,
        _history(("2025-12-31", None)),
        "2026-12-31",
        id="NI one a year across the year end: the anniversary",
    ),
    pytest.param(
        NL,
        _history(("2024-01-05", "2024-02-29")),
        "2025-03-01",
        id="NL Wfw art.2 a year after a decision on a leap day: 1 Mar",
    ),
    pytest.param(
        NL,
        _history(("2025-10-01", "2025-12-31")),
        "2026-12-31",
        id="NL Wfw art.2 a year after a decision on 31 Dec: its anniversary",
    ),
    pytest.param(
        NL,
        _history(("2025-01-05", "2025-03-31")),
        "2026-03-31",
        id="NL Wfw art.2 month end: on the anniversary, not the day after",
    ),
    pytest.param(
        generic_pack(GenericConfig(months_after_decision=1)),
        _history(("2025-01-05", "2025-01-31")),
        "2025-03-01",
        id="GENERIC policy a month after 31 Jan: the period ends 28 Feb",
    ),
    pytest.param(
        generic_pack(GenericConfig(months_after_decision=1)),
        _history(("2025-01-05", "2025-01-15")),
        "2025-02-15",
        id="GENERIC policy a month after 15 Jan: from 15 Feb",
    ),
]


@pytest.mark.parametrize(("pack", "previous", "first_day"), NEXT_REQUEST_DATES)
def test_next_request_dates(
    pack: RulePack, previous: tuple[PastRequest, ...], first_day: str
) -> None:
    allowed = D(first_day)
    assert next_request_allowed_on(pack, previous=previous) == allowed

    def limited(day: date) -> bool:
        context = RequestContext(
            received_on=day,
            employment_start=D("2015-01-05"),
            requested_start=day + timedelta(days=120),
            is_agency_worker=False,
            employer_size=250,
            previous_requests=previous,
        )
        keys = {p.key for p in check_eligibility(pack, context)}
        return bool(keys & {"request_limit", "after_decision"})

    # The first lawful day itself is allowed, and the day before it is not.
    assert limited(allowed - timedelta(days=1))
    assert not limited(allowed)


@pytest.mark.parametrize(
    ("start", "received", "late"),
    [
        pytest.param(
            "2026-01-01", "2025-11-06", False, id="IE s.20(3)(d) 8 weeks before 1 Jan: 6 Nov"
        ),
        pytest.param("2026-01-01", "2025-11-07", True, id="IE s.20(3)(d) 7 Nov is too late"),
        pytest.param(
            "2028-04-25", "2028-02-29", False, id="IE s.20(3)(d) 8 weeks back to a leap day"
        ),
        pytest.param("2028-04-25", "2028-03-01", True, id="IE s.20(3)(d) one day late"),
    ],
)
def test_ie_notice_dates(start: str, received: str, late: bool) -> None:
    context = RequestContext(
        received_on=D(received), employment_start=D("2015-01-05"), requested_start=D(start)
    )
    keys = [p.key for p in check_eligibility(IE, context)]
    assert ("notice_before_start" in keys) is late


@pytest.mark.parametrize(
    ("start", "received", "late"),
    [
        pytest.param("2025-04-30", "2025-02-28", False, id="NL Wfw art.2 2 months before 30 Apr"),
        pytest.param("2025-04-30", "2025-03-01", True, id="NL Wfw art.2 1 Mar is too late"),
        pytest.param("2024-04-30", "2024-02-29", False, id="NL Wfw art.2 leap: 29 Feb in time"),
        pytest.param("2026-02-28", "2025-12-28", False, id="NL Wfw art.2 year end: 28 Dec"),
        pytest.param("2026-02-28", "2025-12-29", True, id="NL Wfw art.2 year end: 29 Dec late"),
    ],
)
def test_nl_notice_dates(start: str, received: str, late: bool) -> None:
    context = RequestContext(
        received_on=D(received),
        employment_start=D("2015-01-05"),
        requested_start=D(start),
        employer_size=250,
    )
    keys = [p.key for p in check_eligibility(NL, context)]
    assert ("notice_before_start" in keys) is late
