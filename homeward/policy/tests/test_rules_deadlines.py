"""Decision deadlines and extensions per pack, in the office's calendar."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.policy.rules import (
    ES,
    GB,
    IE,
    NI,
    NL,
    PT,
    US_FED,
    Deadline,
    GenericConfig,
    RuleError,
    RulePack,
    WeekdayCalendar,
    WorkingCalendar,
    decision_deadline,
    extend_deadline,
    generic_pack,
    office_calendar,
)

D = date.fromisoformat
WEEKDAYS = WeekdayCalendar()
ENGLAND = office_calendar("GB", "ENG")
SCOTLAND = office_calendar("GB", "SCT")
IRELAND = office_calendar("IE")
NETHERLANDS = office_calendar("NL", "")
US = office_calendar("US")


class NeverOpen:
    """A broken calendar: no working days at all."""

    def is_working_day(self, day: date) -> bool:
        return False


DEADLINES = [
    # (pack, calendar, received, requested start, legal due, due)
    pytest.param(
        GB,
        WEEKDAYS,
        "2025-03-10",
        None,
        "2025-05-09",
        "2025-05-09",
        id="GB ERA s.80G(1B)(a) two months beginning with receipt incl. appeal",
    ),
    pytest.param(
        GB,
        WEEKDAYS,
        "2025-03-18",
        None,
        "2025-05-17",
        "2025-05-16",
        id="GB due on a Saturday moves back to Friday",
    ),
    pytest.param(
        GB,
        WEEKDAYS,
        "2024-12-31",
        None,
        "2025-02-28",
        "2025-02-28",
        id="GB ERA s.80G(1B) no 31 Feb: the period ends on the month's last day",
    ),
    pytest.param(
        GB,
        ENGLAND,
        "2025-02-22",
        None,
        "2025-04-21",
        "2025-04-17",
        id="GB ENG Easter Monday and Good Friday move back to Thursday",
    ),
    pytest.param(
        GB,
        SCOTLAND,
        "2025-02-22",
        None,
        "2025-04-21",
        "2025-04-21",
        id="GB SCT Easter Monday is a working day in Scotland",
    ),
    pytest.param(
        GB,
        ENGLAND,
        "2025-10-26",
        None,
        "2025-12-25",
        "2025-12-24",
        id="GB ENG Christmas Day moves back to 24 Dec",
    ),
    pytest.param(
        IE,
        WEEKDAYS,
        "2025-03-03",
        None,
        "2025-03-31",
        "2025-03-31",
        id="IE WLB s.21(1)(b) 4 weeks after receipt",
    ),
    pytest.param(
        IE,
        WeekdayCalendar.closing([D("2025-03-31")]),
        "2025-03-03",
        None,
        "2025-03-31",
        "2025-03-28",
        id="IE a company closure day moves back to Friday",
    ),
    pytest.param(
        IE,
        IRELAND,
        "2025-11-27",
        None,
        "2025-12-25",
        "2025-12-24",
        id="IE Christmas Day moves back to 24 Dec",
    ),
    pytest.param(
        IE,
        IRELAND,
        "2025-11-28",
        None,
        "2025-12-26",
        "2025-12-24",
        id="IE St Stephen's Day and Christmas move back to 24 Dec",
    ),
    pytest.param(
        NI,
        WEEKDAYS,
        "2025-03-03",
        None,
        "2025-04-14",
        "2025-04-14",
        id="NI meeting within 28 days plus decision 14 days after [unverified]",
    ),
    pytest.param(
        NL,
        WEEKDAYS,
        "2025-03-01",
        "2025-06-02",
        "2025-05-02",
        "2025-05-02",
        id="NL Wfw art.2 decision one month before the start",
    ),
    pytest.param(
        NL,
        NETHERLANDS,
        "2025-03-01",
        "2025-05-26",
        "2025-04-26",
        "2025-04-25",
        id="NL King's Day (Saturday) moves back to Friday",
    ),
    pytest.param(
        NL,
        WEEKDAYS,
        "2025-01-02",
        "2025-03-31",
        "2025-02-28",
        "2025-02-28",
        id="NL one month before 31 Mar clamps to 28 Feb",
    ),
    pytest.param(
        US_FED,
        WEEKDAYS,
        "2025-06-02",
        None,
        "2025-07-02",
        "2025-07-02",
        id="US 5 USC 6501-6506 no statutory deadline: policy default 30 days",
    ),
    pytest.param(
        US_FED,
        US,
        "2025-06-04",
        None,
        "2025-07-04",
        "2025-07-03",
        id="US Independence Day moves back to 3 Jul",
    ),
    pytest.param(
        ES,
        WEEKDAYS,
        "2025-06-02",
        None,
        "2025-06-17",
        "2025-06-17",
        id="ES ET art.34.8 15 days of negotiation (the stricter rule while facts are unknown)",
    ),
    pytest.param(
        PT,
        WEEKDAYS,
        "2025-06-02",
        None,
        "2025-07-02",
        "2025-07-02",
        id="PT EU Dir 2019/1158 Art 9 reasonable period: policy default 30 days",
    ),
    pytest.param(
        generic_pack(GenericConfig(decision_days=14)),
        WEEKDAYS,
        "2025-06-02",
        None,
        "2025-06-16",
        "2025-06-16",
        id="GENERIC company policy decision days",
    ),
]


@pytest.mark.parametrize(("pack", "calendar", "received", "start", "legal", "due"), DEADLINES)
def test_decision_deadline(
    pack: RulePack,
    calendar: WorkingCalendar,
    received: str,
    start: str | None,
    legal: str,
    due: str,
) -> None:
    deadline = decision_deadline(
        pack,
        received_on=D(received),
        requested_start=D(start) if start else None,
        calendar=calendar,
    )
    assert (deadline.legal_due, deadline.due) == (D(legal), D(due))
    assert deadline.citation
    assert deadline.extensions == ()
    if deadline.due != deadline.legal_due:
        assert "moved back" in deadline.basis


@pytest.mark.parametrize(
    ("pack", "statutory"),
    [
        pytest.param(GB, True, id="GB statutory"),
        pytest.param(IE, True, id="IE statutory"),
        pytest.param(US_FED, False, id="US no statutory deadline"),
        pytest.param(ES, True, id="ES ET art.34.8 statutory until a fact says otherwise"),
        pytest.param(generic_pack(), False, id="GENERIC company policy"),
    ],
)
def test_policy_deadlines_say_they_are_not_statutory(pack: RulePack, statutory: bool) -> None:
    deadline = decision_deadline(pack, received_on=D("2025-06-02"), calendar=WEEKDAYS)
    assert deadline.statutory is statutory
    assert ("No statutory deadline" in deadline.basis) is not statutory


def test_policy_days_set_the_policy_deadline_but_not_a_statutory_one() -> None:
    us = decision_deadline(US_FED, received_on=D("2025-06-02"), calendar=WEEKDAYS, policy_days=10)
    gb = decision_deadline(GB, received_on=D("2025-03-10"), calendar=WEEKDAYS, policy_days=10)
    assert us.legal_due == D("2025-06-12")
    assert gb.legal_due == D("2025-05-09")


def test_nl_late_decision_is_deemed_granted_the_day_after_the_deadline() -> None:
    # Wfw art.2: no written decision a month before the start -> granted as asked.
    deadline = decision_deadline(
        NL, received_on=D("2025-03-01"), requested_start=D("2025-05-26"), calendar=NETHERLANDS
    )
    assert deadline.deemed_granted_on == D("2025-04-27")
    assert NL.deemed_granted
    assert "granted as asked" in deadline.basis


@pytest.mark.parametrize("pack", [GB, IE, NI, US_FED, PT], ids=lambda p: p.code)
def test_only_nl_and_es_deem_a_late_request_granted(pack: RulePack) -> None:
    deadline = decision_deadline(pack, received_on=D("2025-03-01"), calendar=WEEKDAYS)
    assert deadline.deemed_granted_on is None
    assert not pack.deemed_granted


def test_nl_deadline_needs_the_requested_start() -> None:
    with pytest.raises(RuleError, match="requested start date"):
        decision_deadline(NL, received_on=D("2025-03-01"), calendar=WEEKDAYS)


def test_ni_meeting_is_due_within_28_days() -> None:
    deadline = decision_deadline(NI, received_on=D("2025-03-03"), calendar=WEEKDAYS)
    assert deadline.meeting_by == D("2025-03-31")
    assert decision_deadline(GB, received_on=D("2025-03-03"), calendar=WEEKDAYS).meeting_by is None


@pytest.mark.parametrize(
    ("policy_days", "calendar"),
    [
        pytest.param(0, WEEKDAYS, id="zero policy days"),
        pytest.param(None, NeverOpen(), id="no working day"),
    ],
)
def test_impossible_deadlines_raise(policy_days: int | None, calendar: WorkingCalendar) -> None:
    with pytest.raises(RuleError):
        decision_deadline(
            US_FED, received_on=D("2025-06-02"), calendar=calendar, policy_days=policy_days
        )


def _deadline(pack: RulePack, received: str = "2025-03-03") -> Deadline:
    return decision_deadline(pack, received_on=D(received), calendar=WEEKDAYS)


EXTENSIONS_ALLOWED = [
    # (pack, days, by agreement, agreed on, new legal due)
    pytest.param(
        GB, 14, True, None, "2025-05-16", id="GB ERA s.80G(1B)(b) longer period by agreement"
    ),
    pytest.param(
        GB,
        120,
        True,
        "2025-08-01",
        "2025-08-30",
        id="GB ERA s.80G(1C) agreed retrospectively within 3 months",
    ),
    pytest.param(
        IE,
        56,
        False,
        "2025-03-31",
        "2025-05-26",
        id="IE WLB s.21(2) one notice of up to 8 weeks, 12 weeks in all",
    ),
    pytest.param(NI, 7, True, None, "2025-04-21", id="NI by agreement [unverified]"),
    pytest.param(US_FED, 10, False, None, "2025-04-12", id="US policy deadline may be extended"),
    pytest.param(generic_pack(), 30, False, None, "2025-05-02", id="GENERIC default up to 30 days"),
]


@pytest.mark.parametrize(("pack", "days", "agreed", "on", "legal"), EXTENSIONS_ALLOWED)
def test_extension_allowed(
    pack: RulePack, days: int, agreed: bool, on: str | None, legal: str
) -> None:
    before = _deadline(pack)
    after = extend_deadline(
        pack,
        before,
        days=days,
        by_agreement=agreed,
        calendar=WEEKDAYS,
        on=D(on) if on else None,
    )
    assert after.legal_due == D(legal)
    assert after.extensions == (days,)
    assert after.due <= after.legal_due
    assert after.basis.startswith(before.basis.rstrip("."))


EXTENSIONS_REFUSED = [
    # (pack, days, by agreement, agreed on, error fragment)
    pytest.param(
        GB,
        14,
        False,
        None,
        "only be extended by agreement",
        id="GB ERA s.80G(1B)(b) never without agreement",
    ),
    pytest.param(
        GB,
        14,
        True,
        "2025-08-03",
        "must be agreed by 2025-08-02",
        id="GB ERA s.80G(1C) too late for a retrospective agreement",
    ),
    pytest.param(IE, 57, False, None, "at most 56 days", id="IE WLB s.21(2) more than 8 weeks"),
    pytest.param(
        IE,
        14,
        False,
        "2025-04-01",
        "by the current deadline",
        id="IE WLB s.21(1)(b)(iii) notice after the 4 weeks",
    ),
    pytest.param(NL, 7, True, None, "cannot be extended", id="NL Wfw art.2 no extension"),
    pytest.param(NI, 7, False, None, "only be extended by agreement", id="NI only by agreement"),
    pytest.param(GB, 0, True, None, "at least one day", id="an extension adds at least a day"),
    pytest.param(
        generic_pack(), 31, False, None, "at most 30 days", id="GENERIC over policy maximum"
    ),
    pytest.param(
        generic_pack(GenericConfig(extension_allowed=False)),
        1,
        False,
        None,
        "cannot be extended",
        id="GENERIC extensions switched off",
    ),
]


@pytest.mark.parametrize(("pack", "days", "agreed", "on", "error"), EXTENSIONS_REFUSED)
def test_extension_refused(
    pack: RulePack, days: int, agreed: bool, on: str | None, error: str
) -> None:
    received = "2025-03-01" if pack is NL else "2025-03-03"
    before = (
        decision_deadline(
            NL, received_on=D(received), requested_start=D("2025-06-02"), calendar=WEEKDAYS
        )
        if pack is NL
        else _deadline(pack, received)
    )
    with pytest.raises(RuleError, match=error):
        extend_deadline(
            pack,
            before,
            days=days,
            by_agreement=agreed,
            calendar=WEEKDAYS,
            on=D(on) if on else None,
        )


def test_ie_allows_only_one_extension() -> None:
    once = extend_deadline(IE, _deadline(IE), days=14, by_agreement=False, calendar=WEEKDAYS)
    with pytest.raises(RuleError, match="at most 1 extension"):
        extend_deadline(IE, once, days=14, by_agreement=False, calendar=WEEKDAYS)


def test_gb_allows_repeated_agreed_extensions() -> None:
    once = extend_deadline(GB, _deadline(GB), days=14, by_agreement=True, calendar=WEEKDAYS)
    twice = extend_deadline(GB, once, days=7, by_agreement=True, calendar=WEEKDAYS)
    assert twice.extensions == (14, 7)
    assert twice.legal_due == D("2025-05-23")


def test_extended_deadline_is_moved_back_to_a_working_day() -> None:
    # Legal due Thu 2025-04-17 + 2 days = Sat 19 Apr; Good Friday too -> Thu 17 Apr.
    deadline = decision_deadline(GB, received_on=D("2025-02-18"), calendar=ENGLAND)
    extended = extend_deadline(GB, deadline, days=2, by_agreement=True, calendar=ENGLAND)
    assert (extended.legal_due, extended.due) == (D("2025-04-19"), D("2025-04-17"))
