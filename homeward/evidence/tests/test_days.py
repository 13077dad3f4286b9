"""Which kind of day a result was measured on."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.evidence.days import DayClassifier, PatternSpan, classify_day, week_share, week_type
from homeward.evidence.tests.conftest import make_trial

WED = date(2025, 12, 3)  # a Wednesday
THU = date(2025, 12, 4)
CHRISTMAS = date(2025, 12, 25)  # a Thursday
FIXED = PatternSpan(start=date(2025, 11, 1), end=None, kind="weekdays", weekdays=(2,))
FLEX = PatternSpan(
    start=date(2025, 11, 1), end=None, kind="n_of_set", n_days=2, allowed_weekdays=(0, 1, 2, 3)
)
ENDED = PatternSpan(start=date(2025, 1, 1), end=date(2025, 11, 30), kind="weekdays", weekdays=(2,))


@pytest.mark.parametrize(
    ("day", "kwargs", "expected"),
    [
        (WED, {"span": FIXED}, "home"),
        (THU, {"span": FIXED}, "office"),
        (WED, {}, "office"),  # no arrangement
        (WED, {"span": FLEX}, "office"),  # flexible: home days must be stated
        (WED, {"span": FLEX, "stated": "home"}, "home"),
        (WED, {"span": FIXED, "stated": "office"}, "office"),  # a swapped day
        (WED, {"span": FIXED, "stated": "leave"}, "leave"),
        (WED, {"span": FIXED, "holiday": True}, "holiday"),
        (WED, {"span": FIXED, "holiday": True, "stated": "home"}, "home"),  # worked a holiday
        (WED, {"span": PatternSpan(start=WED, end=None, kind="short_office_days")}, "office"),
    ],
)
def test_classify_day(day, kwargs, expected):
    assert classify_day(day, **kwargs) == expected


def test_unknown_stated_type_is_refused():
    with pytest.raises(ValueError, match="not one of"):
        classify_day(WED, stated="beach")


def test_span_covers_its_dates_only():
    assert ENDED.covers(date(2025, 11, 26)) and not ENDED.covers(WED)


@pytest.mark.parametrize(
    ("types", "share", "label"),
    [
        (["home", "office", "office", "office", "office"], 0.2, "office"),
        (["home", "home", "home", "office", "holiday"], 0.75, "home"),
        (["holiday", "holiday", "leave", "leave", "leave"], None, "holiday"),
        (["leave"] * 5, None, "leave"),
    ],
)
def test_weekly_share(types, share, label):
    assert week_share(types) == share
    assert week_type(share, types) == label


def test_classifier_uses_the_arrangement_and_the_offices_holidays(personas):
    make_trial(personas, start=date(2025, 11, 3), review=date(2026, 2, 2), weekdays=[3])
    c = DayClassifier(personas.emma)
    assert c.day(date(2025, 12, 18)) == ("home", 1.0)  # a Thursday
    assert c.day(date(2025, 12, 17)) == ("office", 0.0)
    assert c.day(CHRISTMAS) == ("holiday", None)  # Christmas in England, a Thursday
    assert c.holiday_name(CHRISTMAS) == "Christmas Day"
    assert c.day(date(2025, 10, 30)) == ("office", 0.0)  # before the trial
    assert c.day(date(2025, 12, 18), "leave") == ("leave", None)
    # The week of Christmas: Mon-Wed office, Thu and Fri (Boxing Day) holidays.
    assert c.week(date(2025, 12, 22)) == ("office", 0.0)
    assert c.week(date(2025, 12, 15)) == ("office", 0.2)


def test_holidays_follow_the_offices_region(personas):
    personas.london.holiday_subdiv = "SCT"
    personas.london.save()
    emma = type(personas.emma).objects.get(pk=personas.emma.pk)
    assert DayClassifier(emma).is_holiday(date(2025, 12, 1))  # St Andrew's Day (Scotland)
    personas.london.holiday_subdiv = "ENG"
    personas.london.save()
    emma = type(personas.emma).objects.get(pk=personas.emma.pk)
    assert not DayClassifier(emma).is_holiday(date(2025, 12, 1))


def test_a_person_without_an_office_has_no_holidays(personas):
    personas.pete.office = None
    personas.pete.save()
    assert DayClassifier(personas.pete).day(CHRISTMAS) == ("office", 0.0)
