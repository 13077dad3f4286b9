"""Statutory date arithmetic, pack by pack: month ends, leap years, year ends, holidays.

Every expected date below was worked out by hand from the rule its id cites (weekdays
checked against a calendar), not by the code under test. "beginning with" periods end the
day before the corresponding date, or on the month's last day where there is none (Dodds
v Walker [1981] HL; Zoan v Rouamba [2000] CA); "after" periods start the next day.
Service, next-request and notice dates: test_rules_service_dates.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import pytest

from homeward.policy.rules import (
    AU,
    ES,
    GB,
    IE,
    NI,
    NL,
    PT,
    US_FED,
    FactValue,
    GenericConfig,
    RuleError,
    RulePack,
    Span,
    WeekdayCalendar,
    WorkingCalendar,
    decision_deadline,
    extend_deadline,
    first_day_after,
    generic_pack,
    office_calendar,
    period_end,
    reaches_age_on,
)

D = date.fromisoformat
WEEKDAYS = WeekdayCalendar()
ENGLAND = office_calendar("GB", "ENG")
SCOTLAND = office_calendar("GB", "SCT")
NORTHERN_IRELAND = office_calendar("GB", "NIR")
IRELAND = office_calendar("IE")
NETHERLANDS = office_calendar("NL")
SPAIN = office_calendar("ES")
PORTUGAL = office_calendar("PT")
AUSTRALIA = office_calendar("AU")
US = office_calendar("US")
ES_BALANCE = {"es_care_need": "child_under_12", "es_collective_procedure": False}


PERIODS = [
    # (start, span, last day of the period beginning with start)
    pytest.param(
        "2019-02-11", Span(months=3), "2019-05-10", id="Walsh v Network Rail: 11 Feb + 3 months"
    ),
    pytest.param(
        "2025-01-31", Span(months=1), "2025-02-28", id="Dodds v Walker: no 31 Feb, month's end"
    ),
    pytest.param("2024-01-31", Span(months=1), "2024-02-29", id="leap: no 31 Feb, 29 Feb"),
    pytest.param("2024-01-30", Span(months=1), "2024-02-29", id="leap: no 30 Feb, 29 Feb"),
    pytest.param("2024-01-29", Span(months=1), "2024-02-28", id="leap: 29 Feb exists, 28 Feb"),
    pytest.param("2025-01-29", Span(months=1), "2025-02-28", id="common year: no 29 Feb"),
    pytest.param("2025-02-28", Span(months=1), "2025-03-27", id="28 Feb has 28 Mar"),
    pytest.param("2024-02-29", Span(months=12), "2025-02-28", id="leap day + 12 months"),
    pytest.param("2023-03-01", Span(months=12), "2024-02-29", id="ends on a leap day"),
    pytest.param("2025-01-01", Span(months=12), "2025-12-31", id="Zoan v Rouamba: a year"),
    pytest.param("2025-12-31", Span(months=2), "2026-02-28", id="year end: no 31 Feb"),
    pytest.param("2025-11-30", Span(months=3), "2026-02-28", id="year end: no 30 Feb"),
    pytest.param("2025-01-06", Span(weeks=26), "2025-07-06", id="26 weeks: 182 days"),
    pytest.param("2025-12-17", Span(days=15), "2025-12-31", id="15 days, day one counted"),
    pytest.param("2025-03-10", Span(), "2025-03-09", id="an empty period"),
]


@pytest.mark.parametrize(("start", "span", "end"), PERIODS)
def test_period_end(start: str, span: Span, end: str) -> None:
    assert period_end(D(start), span) == D(end)
    assert first_day_after(D(start), span) == D(end) + timedelta(days=1)
    assert span.ends(D(start)) == D(end)


@pytest.mark.parametrize(
    ("birth", "years", "on"),
    [
        pytest.param("2022-05-10", 3, "2025-05-10", id="on the birthday"),
        pytest.param("2024-02-29", 3, "2027-03-01", id="29 Feb birth: 1 Mar in a common year"),
        pytest.param("2024-02-29", 4, "2028-02-29", id="29 Feb birth: 29 Feb in a leap year"),
    ],
)
def test_reaches_age_on(birth: str, years: int, on: str) -> None:
    assert reaches_age_on(D(birth), years) == D(on)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: period_end(date(9999, 12, 1), Span(months=1)), id="after year 9999"),
        pytest.param(lambda: period_end(date(9999, 12, 31), Span(days=2)), id="days past 9999"),
        pytest.param(lambda: Span(months=1).before(date(1, 1, 15)), id="before year 1"),
        pytest.param(lambda: Span(days=-1), id="a negative span"),
    ],
)
def test_dates_out_of_range_are_a_rule_error(call: object) -> None:
    with pytest.raises(RuleError):
        call()  # type: ignore[operator]


DEADLINE_DATES = [
    # (pack, calendar, received, requested start, facts, legal due, due)
    # --- GB: ERA 1996 s.80G(1B), two months beginning with receipt ---
    pytest.param(
        GB,
        WEEKDAYS,
        "2025-12-31",
        None,
        {},
        "2026-02-28",
        "2026-02-27",
        id="GB s.80G(1B) year and month end: no 31 Feb, Sat 28 Feb back to Fri",
    ),
    pytest.param(
        GB,
        WEEKDAYS,
        "2026-12-31",
        None,
        {},
        "2027-02-28",
        "2027-02-26",
        id="GB s.80G(1B) month end: Sun 28 Feb 2027 back to Fri 26",
    ),
    pytest.param(
        GB,
        WEEKDAYS,
        "2023-12-30",
        None,
        {},
        "2024-02-29",
        "2024-02-29",
        id="GB s.80G(1B) leap year: no 30 Feb, the period ends on 29 Feb",
    ),
    pytest.param(
        GB,
        WEEKDAYS,
        "2023-12-29",
        None,
        {},
        "2024-02-28",
        "2024-02-28",
        id="GB s.80G(1B) leap year: 29 Feb exists, the day before it",
    ),
    pytest.param(
        GB,
        ENGLAND,
        "2026-07-01",
        None,
        {},
        "2026-08-31",
        "2026-08-28",
        id="GB s.80G(1B) ENG summer bank holiday Mon 31 Aug back to Fri 28",
    ),
    pytest.param(
        GB,
        SCOTLAND,
        "2026-07-01",
        None,
        {},
        "2026-08-31",
        "2026-08-31",
        id="GB s.80G(1B) SCT 31 Aug 2026 is a working day in Scotland",
    ),
    pytest.param(
        GB,
        ENGLAND,
        "2025-10-27",
        None,
        {},
        "2025-12-26",
        "2025-12-24",
        id="GB s.80G(1B) ENG Boxing Day and Christmas back to 24 Dec",
    ),
    # --- NI: 42 days after receipt [unverified] ---
    pytest.param(
        NI,
        WEEKDAYS,
        "2025-12-01",
        None,
        {},
        "2026-01-12",
        "2026-01-12",
        id="NI 28 + 14 days across the year end",
    ),
    pytest.param(
        NI,
        WEEKDAYS,
        "2024-01-19",
        None,
        {},
        "2024-03-01",
        "2024-03-01",
        id="NI 42 days through a leap February",
    ),
    pytest.param(
        NI,
        NORTHERN_IRELAND,
        "2026-02-03",
        None,
        {},
        "2026-03-17",
        "2026-03-16",
        id="NI St Patrick's Day Tue 17 Mar back to Mon 16",
    ),
    # --- IE: WLB Act 2023 s.21(1)(b), 4 weeks after receipt ---
    pytest.param(
        IE,
        WEEKDAYS,
        "2028-02-01",
        None,
        {},
        "2028-02-29",
        "2028-02-29",
        id="IE s.21(1)(b) 4 weeks ending on a leap day",
    ),
    pytest.param(
        IE,
        IRELAND,
        "2026-12-04",
        None,
        {},
        "2027-01-01",
        "2026-12-31",
        id="IE s.21(1)(b) year end: New Year's Day back to 31 Dec",
    ),
    # --- US-FED: no statutory deadline, policy 30 days ---
    pytest.param(
        US_FED,
        US,
        "2025-12-02",
        None,
        {},
        "2026-01-01",
        "2025-12-31",
        id="US 5 USC 6501-6506 policy 30 days: New Year's Day back to 31 Dec",
    ),
    pytest.param(
        US_FED,
        WEEKDAYS,
        "2028-01-30",
        None,
        {},
        "2028-02-29",
        "2028-02-29",
        id="US policy 30 days ending on a leap day",
    ),
    pytest.param(
        US_FED,
        US,
        "2026-10-27",
        None,
        {},
        "2026-11-26",
        "2026-11-25",
        id="US policy 30 days: Thanksgiving back to Wed 25 Nov",
    ),
    # --- NL: Wet flexibel werken art. 2, a month before the start ---
    pytest.param(
        NL,
        WEEKDAYS,
        "2024-01-02",
        "2024-03-31",
        {},
        "2024-02-29",
        "2024-02-29",
        id="NL Wfw art.2 a month before 31 Mar in a leap year: 29 Feb",
    ),
    pytest.param(
        NL,
        WEEKDAYS,
        "2025-11-01",
        "2026-01-31",
        {},
        "2025-12-31",
        "2025-12-31",
        id="NL Wfw art.2 a month before 31 Jan: 31 Dec, across the year end",
    ),
    pytest.param(
        NL,
        NETHERLANDS,
        "2025-10-01",
        "2026-01-26",
        {},
        "2025-12-26",
        "2025-12-24",
        id="NL Wfw art.2 Tweede Kerstdag and Christmas back to 24 Dec",
    ),
    # --- ES: ET art. 34.8 (RDL 5/2023), 15 days of negotiation ---
    pytest.param(
        ES,
        SPAIN,
        "2025-12-17",
        None,
        ES_BALANCE,
        "2026-01-01",
        "2025-12-31",
        id="ES ET art.34.8 15 days: Año Nuevo back to 31 Dec",
    ),
    pytest.param(
        ES,
        WEEKDAYS,
        "2028-02-14",
        None,
        ES_BALANCE,
        "2028-02-29",
        "2028-02-29",
        id="ES ET art.34.8 15 days ending on a leap day",
    ),
    pytest.param(
        ES,
        SPAIN,
        "2026-12-22",
        None,
        ES_BALANCE,
        "2027-01-06",
        "2027-01-05",
        id="ES ET art.34.8 Epifanía Wed 6 Jan back to Tue 5",
    ),
    pytest.param(
        ES,
        SPAIN,
        "2025-12-02",
        None,
        {"es_care_need": "none", "es_collective_procedure": False},
        "2026-01-01",
        "2025-12-31",
        id="ES not art.34.8 (Ley 10/2021): policy 30 days, Año Nuevo back to 31 Dec",
    ),
    # --- PT: no statutory deadline, policy 30 days ---
    pytest.param(
        PT,
        PORTUGAL,
        "2025-12-02",
        None,
        {},
        "2026-01-01",
        "2025-12-31",
        id="PT policy 30 days: Ano Novo back to 31 Dec",
    ),
    pytest.param(
        PT,
        PORTUGAL,
        "2026-05-11",
        None,
        {},
        "2026-06-10",
        "2026-06-09",
        id="PT policy 30 days: Dia de Portugal Wed 10 Jun back to Tue 9",
    ),
    pytest.param(
        PT, WEEKDAYS, "2028-01-30", None, {}, "2028-02-29", "2028-02-29", id="PT leap day"
    ),
    # --- AU: Fair Work Act 2009 s.65A(2), 21 days ---
    pytest.param(
        AU,
        AUSTRALIA,
        "2025-12-11",
        None,
        {},
        "2026-01-01",
        "2025-12-31",
        id="AU FWA s.65A(2) 21 days: New Year's Day back to 31 Dec",
    ),
    pytest.param(
        AU,
        AUSTRALIA,
        "2026-01-05",
        None,
        {},
        "2026-01-26",
        "2026-01-23",
        id="AU FWA s.65A(2) Australia Day Mon 26 Jan back to Fri 23",
    ),
    pytest.param(
        AU,
        WEEKDAYS,
        "2028-02-08",
        None,
        {},
        "2028-02-29",
        "2028-02-29",
        id="AU FWA s.65A(2) 21 days ending on a leap day",
    ),
    # --- GENERIC: company policy days, in the office's calendar ---
    pytest.param(
        generic_pack(GenericConfig(decision_days=14)),
        ENGLAND,
        "2025-12-11",
        None,
        {},
        "2025-12-25",
        "2025-12-24",
        id="GENERIC policy 14 days: Christmas back to 24 Dec",
    ),
    pytest.param(
        generic_pack(GenericConfig(decision_days=30)),
        WEEKDAYS,
        "2028-01-30",
        None,
        {},
        "2028-02-29",
        "2028-02-29",
        id="GENERIC policy 30 days ending on a leap day",
    ),
]


@pytest.mark.parametrize(
    ("pack", "calendar", "received", "start", "facts", "legal", "due"), DEADLINE_DATES
)
def test_deadline_dates(
    pack: RulePack,
    calendar: WorkingCalendar,
    received: str,
    start: str | None,
    facts: Mapping[str, FactValue],
    legal: str,
    due: str,
) -> None:
    deadline = decision_deadline(
        pack,
        received_on=D(received),
        requested_start=D(start) if start else None,
        calendar=calendar,
        facts=facts,
    )
    assert (deadline.legal_due, deadline.due) == (D(legal), D(due))
    assert deadline.due <= deadline.legal_due
    assert not deadline.needs


def test_gb_retrospective_extension_within_three_months_beginning_the_day_after() -> None:
    # ERA 1996 s.80G(1C): received 30 Sep 2025, the period ends 29 Nov 2025; three months
    # beginning with 30 Nov 2025 end on 28 Feb 2026 (there is no 30 Feb), not 27 Feb.
    deadline = decision_deadline(GB, received_on=D("2025-09-30"), calendar=WEEKDAYS)
    assert deadline.legal_due == D("2025-11-29")
    extended = extend_deadline(
        GB, deadline, days=7, by_agreement=True, calendar=WEEKDAYS, on=D("2026-02-28")
    )
    assert extended.legal_due == D("2025-12-06")
    with pytest.raises(RuleError, match="must be agreed by 2026-02-28"):
        extend_deadline(
            GB, deadline, days=7, by_agreement=True, calendar=WEEKDAYS, on=D("2026-03-01")
        )
