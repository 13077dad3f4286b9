"""When a new request may be made: counts per window and cool-downs after a decision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from homeward.policy.rules import (
    GB,
    IE,
    NI,
    NL,
    US_FED,
    GenericConfig,
    PastRequest,
    RequestContext,
    RulePack,
    check_eligibility,
    generic_pack,
    next_request_allowed_on,
)

D = date.fromisoformat
LIMIT_KEYS = {"request_limit", "after_decision"}


def history(*requests: tuple[str, str | None]) -> tuple[PastRequest, ...]:
    return tuple(PastRequest(D(r), D(d) if d else None) for r, d in requests)


CASES = [
    # (pack, previous requests, next allowed on)
    pytest.param(GB, history(), None, id="GB no previous request"),
    pytest.param(
        GB,
        history(("2025-01-10", "2025-02-10")),
        None,
        id="GB ERA s.80F(4) one request leaves room for a second",
    ),
    pytest.param(
        GB,
        history(("2025-01-10", "2025-02-10"), ("2025-03-01", "2025-04-01")),
        "2026-01-10",
        id="GB ERA s.80F(4)(a) two per 12 months: on the first one's anniversary",
    ),
    pytest.param(
        GB,
        history(("2025-01-10", None), ("2025-03-01", "2025-04-01"), ("2025-06-01", "2025-07-01")),
        "2026-03-01",
        id="GB ERA s.80F(4)(a) counts the two most recent",
    ),
    pytest.param(
        NI,
        history(("2025-01-10", "2025-02-10")),
        "2026-01-10",
        id="NI one request a year: from the anniversary",
    ),
    pytest.param(
        NL,
        history(("2025-01-05", "2025-03-01")),
        "2026-03-01",
        id="NL Wfw art.2 a year after the decision: from its anniversary",
    ),
    pytest.param(
        NL,
        history(("2024-01-05", "2024-03-01"), ("2025-01-05", "2025-03-31")),
        "2026-03-31",
        id="NL Wfw art.2 the latest decision counts",
    ),
    pytest.param(
        NL, history(("2025-01-05", None)), None, id="NL an undecided request starts no cool-down"
    ),
    pytest.param(
        IE,
        history(("2025-01-05", "2025-01-20"), ("2025-02-05", "2025-02-20")),
        None,
        id="IE no limit found",
    ),
    pytest.param(US_FED, history(("2025-01-05", "2025-01-20")), None, id="US no limit"),
    pytest.param(
        generic_pack(GenericConfig(months_after_decision=6)),
        history(("2025-01-05", "2025-01-31")),
        "2025-07-31",
        id="GENERIC policy cool-down of 6 months from 31 Jan ends 30 Jul",
    ),
]


@pytest.mark.parametrize(("pack", "previous", "expected"), CASES)
def test_next_request_allowed_on(
    pack: RulePack, previous: tuple[PastRequest, ...], expected: str | None
) -> None:
    assert next_request_allowed_on(pack, previous=previous) == (D(expected) if expected else None)


@pytest.mark.parametrize(
    ("pack", "previous", "expected"), [c for c in CASES if c.values[2] is not None]
)
def test_eligibility_agrees_with_next_request_date(
    pack: RulePack, previous: tuple[PastRequest, ...], expected: str
) -> None:
    allowed = D(expected)

    def limit_problems(received: date) -> set[str]:
        context = RequestContext(
            received_on=received,
            employment_start=D("2015-01-05"),
            requested_start=received + timedelta(days=120),
            is_agency_worker=False,
            previous_requests=previous,
        )
        return {p.key for p in check_eligibility(pack, context)} & LIMIT_KEYS

    assert limit_problems(allowed - timedelta(days=1))
    assert not limit_problems(allowed)


def test_live_request_is_not_a_date_limit() -> None:
    # GB: one live at a time blocks until decided, whatever the date says.
    previous = (PastRequest(D("2025-01-10"), live=True),)
    assert next_request_allowed_on(GB, previous=previous) is None
    context = RequestContext(
        received_on=D("2025-02-01"),
        employment_start=D("2015-01-05"),
        is_agency_worker=False,
        previous_requests=previous,
    )
    assert [p.key for p in check_eligibility(GB, context)] == ["live_request"]
