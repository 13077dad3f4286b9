"""Office coverage before and after a decision (pure), and the decline advice (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from homeward.coach.patterns import Pattern
from homeward.decisions.advice import BY_GROUND, MOVE_ON, advice_for
from homeward.decisions.coverage import compare, expected_in_office, home_share

WED = Pattern("weekdays", weekdays=(2,))
MON_FRI = Pattern("weekdays", weekdays=(0, 4))
TWO_OF_MON_THU = Pattern("n_of_set", n_days=2, allowed_weekdays=(0, 1, 2, 3))
SHORT = Pattern("short_office_days", reduced_hours_per_day=2.0)


@pytest.mark.parametrize(
    ("pattern", "weekday", "share"),
    [
        (None, 2, 0.0),
        (WED, 2, 1.0),
        (WED, 3, 0.0),
        (TWO_OF_MON_THU, 0, 0.5),  # two days from four: half of each allowed day
        (TWO_OF_MON_THU, 4, 0.0),  # Friday is not in the set
        (Pattern("n_of_set", n_days=1, allowed_weekdays=(1, 3)), 3, 0.5),
        (SHORT, 1, 0.0),  # shorter office days still bring the person in
    ],
)
def test_home_share(pattern, weekday, share):
    assert home_share(pattern, weekday) == share


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        ([None, None, None], [3, 3, 3, 3, 3]),
        ([WED, None, None], [3, 3, 2, 3, 3]),
        ([MON_FRI, WED, TWO_OF_MON_THU], [1.5, 2.5, 1.5, 2.5, 2]),
        ([], [0, 0, 0, 0, 0]),
    ],
)
def test_expected_in_office(patterns, expected):
    assert expected_in_office(patterns) == expected


def test_compare_replaces_the_employees_pattern():
    rows = compare([WED, None], employee_before=None, employee_after=MON_FRI)
    assert rows == [(0, 3, 2), (1, 3, 3), (2, 2, 2), (3, 3, 3), (4, 3, 2)]


def test_advice_answers_each_ground_once_and_ends_with_moving_on():
    lines = advice_for(
        ["customer_demand", "customer_demand", "unknown"],
        next_request_on=date(2027, 1, 5),
        today=date(2026, 6, 1),
    )
    assert lines[0] == BY_GROUND["customer_demand"]
    assert "5 January 2027" in lines[1]
    assert lines[-1] == MOVE_ON and "move on" in MOVE_ON
    assert sum(1 for line in lines if line == BY_GROUND["customer_demand"]) == 1


def test_advice_without_a_date_limit():
    lines = advice_for([], next_request_on=None, today=date(2026, 6, 1))
    assert not any("new request from" in line for line in lines)
    assert "one home day a week" in lines[0]
