"""Table-driven tests of home-working patterns (pure: no database, no Django)."""

from __future__ import annotations

import pytest

from homeward.coach.patterns import (
    DEFAULT_TRIAL_WEEKS,
    Pattern,
    describe,
    home_days_per_week,
    size_warning,
    suggest_first_step,
    validate_pattern,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (Pattern("weekdays", weekdays=(WED,)), "every Wednesday"),
        (Pattern("weekdays", weekdays=(FRI, MON)), "every Monday and Friday"),
        (
            Pattern("weekdays", weekdays=(MON, WED, FRI)),
            "every Monday, Wednesday and Friday",
        ),
        (
            Pattern("n_of_set", n_days=2, allowed_weekdays=(MON, TUE, WED, THU)),
            "two days a week chosen from Monday to Thursday",
        ),
        (
            Pattern("n_of_set", n_days=1, allowed_weekdays=(FRI, MON, WED)),
            "one day a week chosen from Monday, Wednesday or Friday",
        ),
        (
            Pattern("n_of_set", n_days=1, allowed_weekdays=(TUE, THU)),
            "one day a week chosen from Tuesday or Thursday",
        ),
        (
            Pattern("short_office_days", reduced_hours_per_day=2),
            "for 2 hours of every office day",
        ),
        (
            Pattern("short_office_days", reduced_hours_per_day=1),
            "for 1 hour of every office day",
        ),
        (
            Pattern("short_office_days", weekdays=(FRI, MON), reduced_hours_per_day=1.5),
            "for 1.5 hours of each Monday and Friday",
        ),
    ],
)
def test_describe(pattern, text):
    assert describe(pattern) == text


@pytest.mark.parametrize(
    ("pattern", "days"),
    [
        (Pattern("weekdays", weekdays=(WED,)), 1.0),
        (Pattern("weekdays", weekdays=(MON, FRI)), 2.0),
        (Pattern("n_of_set", n_days=2, allowed_weekdays=(MON, TUE, WED)), 2.0),
        # Shorter office days still mean a journey in and out every day.
        (Pattern("short_office_days", reduced_hours_per_day=2), 0.0),
    ],
)
def test_home_days_per_week(pattern, days):
    assert home_days_per_week(pattern) == days


@pytest.mark.parametrize("function", [describe, home_days_per_week])
def test_unknown_kind_raises(function):
    with pytest.raises(ValueError, match="unknown pattern kind"):
        function(Pattern("hybrid"))


@pytest.mark.parametrize(
    ("pattern", "max_days", "errors"),
    [
        (Pattern("weekdays", weekdays=(WED,)), 2, {}),
        (Pattern("weekdays", weekdays=(MON, WED)), 2, {}),
        (Pattern("weekdays"), 2, {"weekdays": "Choose at least one weekday."}),
        (
            Pattern("weekdays", weekdays=(MON, TUE, WED, THU, FRI, SAT)),
            7,
            {"weekdays": "You chose 6 days, but the working week has 5."},
        ),
        (
            Pattern("weekdays", weekdays=(MON, WED, FRI)),
            2,
            {"weekdays": "The policy allows at most two days at home a week."},
        ),
        (
            Pattern("weekdays", weekdays=(WED, WED)),
            2,
            {"weekdays": "Each weekday can be chosen only once."},
        ),
        (
            Pattern("weekdays", weekdays=(MON, SAT)),
            2,
            {"weekdays": "Saturday is not a working day."},
        ),
        (Pattern("weekdays", weekdays=(9,)), 2, {"weekdays": "Unknown weekday."}),
        (Pattern("n_of_set", n_days=2, allowed_weekdays=(MON, TUE, WED, THU)), 2, {}),
        (
            Pattern("n_of_set", n_days=0, allowed_weekdays=(MON, TUE)),
            2,
            {"n_days": "Choose at least one day."},
        ),
        (
            Pattern("n_of_set", n_days=3, allowed_weekdays=(MON, TUE)),
            3,
            {"n_days": "You cannot choose 3 days from a set of 2."},
        ),
        (
            Pattern("n_of_set", n_days=3, allowed_weekdays=(MON, TUE, WED, THU)),
            2,
            {"n_days": "The policy allows at most two days at home a week."},
        ),
        (
            Pattern("n_of_set", n_days=6, allowed_weekdays=(MON, TUE, WED, THU, FRI)),
            7,
            {"n_days": "You chose 6 days, but the working week has 5."},
        ),
        (
            Pattern("n_of_set", n_days=1),
            2,
            {"allowed_weekdays": "Choose at least one weekday."},
        ),
        (
            Pattern("n_of_set", n_days=1, allowed_weekdays=(MON, MON)),
            2,
            {"allowed_weekdays": "Each weekday can be chosen only once."},
        ),
        (Pattern("short_office_days", reduced_hours_per_day=2), 0, {}),
        (
            Pattern("short_office_days", reduced_hours_per_day=0),
            0,
            {"reduced_hours_per_day": "Shorten the office day by more than 0 hours."},
        ),
        (
            Pattern("short_office_days", reduced_hours_per_day=8),
            0,
            {"reduced_hours_per_day": "A working day has 8 hours; ask for a home day instead."},
        ),
        (
            Pattern("short_office_days", weekdays=(SUN,), reduced_hours_per_day=1),
            0,
            {"weekdays": "Sunday is not a working day."},
        ),
        (
            Pattern("fortnightly"),
            2,
            {"kind": "Choose fixed weekdays, a number of days from a set, or shorter office days."},
        ),
    ],
)
def test_validate_pattern(pattern, max_days, errors):
    assert validate_pattern(pattern, max_days_per_week=max_days) == errors


@pytest.mark.parametrize(
    ("working_weekdays", "pattern", "errors"),
    [
        # A Sunday-to-Thursday week: Sunday is a working day, Friday is not.
        ((SUN, MON, TUE, WED, THU), Pattern("weekdays", weekdays=(SUN,)), {}),
        (
            (SUN, MON, TUE, WED, THU),
            Pattern("weekdays", weekdays=(FRI,)),
            {"weekdays": "Friday is not a working day."},
        ),
        # A four-day week.
        (
            (MON, TUE, WED, THU),
            Pattern("n_of_set", n_days=5, allowed_weekdays=(MON, TUE, WED, THU)),
            {"n_days": "You chose 5 days, but the working week has 4."},
        ),
    ],
)
def test_validate_pattern_with_other_working_weeks(working_weekdays, pattern, errors):
    assert (
        validate_pattern(pattern, max_days_per_week=5, working_weekdays=working_weekdays) == errors
    )


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({}, Pattern("n_of_set", n_days=1, allowed_weekdays=(MON, TUE, WED, THU, FRI))),
        ({"preferred_weekday": WED}, Pattern("weekdays", weekdays=(WED,))),
        # A preference outside the allowed set is ignored.
        (
            {"preferred_weekday": FRI, "allowed_weekdays": (MON, TUE, WED, THU)},
            Pattern("n_of_set", n_days=1, allowed_weekdays=(MON, TUE, WED, THU)),
        ),
        (
            {"full_day_possible": False},
            Pattern("short_office_days", reduced_hours_per_day=2.0),
        ),
    ],
)
def test_suggest_first_step_is_one_day_or_shorter_days(kwargs, pattern):
    step = suggest_first_step(**kwargs)
    assert step.pattern == pattern
    assert step.trial_weeks == DEFAULT_TRIAL_WEEKS
    assert home_days_per_week(step.pattern) <= 1
    assert validate_pattern(step.pattern, max_days_per_week=1) == {}
    assert step.reason


@pytest.mark.parametrize(
    ("pattern", "is_first", "current", "phrase"),
    [
        (Pattern("weekdays", weekdays=(WED,)), True, 0, None),
        (Pattern("n_of_set", n_days=1, allowed_weekdays=(MON, TUE)), True, 0, None),
        (Pattern("short_office_days", reduced_hours_per_day=3), True, 0, None),
        (Pattern("weekdays", weekdays=(MON, FRI)), True, 0, "two days at home a week"),
        (
            Pattern("n_of_set", n_days=3, allowed_weekdays=(MON, TUE, WED, THU)),
            True,
            0,
            "One day a week is likelier to be accepted",
        ),
        # Later requests: one more day at a time is fine, two more are flagged.
        (Pattern("weekdays", weekdays=(MON, FRI)), False, 1, None),
        (Pattern("weekdays", weekdays=(MON, WED, FRI)), False, 1, "from one day to three days"),
    ],
)
def test_size_warning(pattern, is_first, current, phrase):
    warning = size_warning(pattern, is_first_request=is_first, current_home_days=current)
    if phrase is None:
        assert warning is None
    else:
        assert warning is not None
        assert phrase in warning
