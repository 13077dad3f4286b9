"""Table-driven tests of the benefits arithmetic (pure: no database, no Django)."""

from __future__ import annotations

import math

import pytest

from homeward.coach.benefits import (
    EMISSION_FACTORS,
    MODES,
    BenefitsError,
    Commute,
    compute_benefits,
    format_number,
)


def test_every_mode_states_its_factor_and_source():
    for mode, factor in EMISSION_FACTORS.items():
        assert factor.mode == mode
        assert factor.kg_co2e_per_passenger_km >= 0
        assert factor.source
        if factor.kg_co2e_per_passenger_km > 0:
            assert "2024" in factor.source
            assert "DESNZ" in factor.source
        if factor.approximate:
            assert "approximate" in factor.note
    assert {"car", "bus", "rail", "motorcycle", "walk", "cycle"} <= set(MODES)


@pytest.mark.parametrize(
    ("mode", "factor"),
    [
        ("car", 0.170),
        ("electric_car", 0.047),
        ("motorcycle", 0.114),
        ("bus", 0.102),
        ("coach", 0.027),
        ("rail", 0.035),
        ("tram", 0.029),
        ("underground", 0.028),
        ("walk", 0.0),
        ("cycle", 0.0),
    ],
)
def test_emission_factors_used(mode, factor):
    assert EMISSION_FACTORS[mode].kg_co2e_per_passenger_km == factor


# Worked by hand. Car, 20 km and 45 min each way, 1 home day a week, 46 weeks:
#   km:    2 x 20 x 1 x 46 = 1840 km a year
#   CO2:   1840 x 0.170 = 312.8 -> 313 kg
#   hours: 2 x 45 x 1 x 46 = 4140 min = 69.0 h a year; 69 / 12 = 5.75 -> 5.8 h a month
@pytest.mark.parametrize(
    ("commute", "days", "weeks", "month", "year", "km", "co2"),
    [
        (Commute(20, 45, "car"), 1, 46, 5.8, 69.0, 1840, 313),
        # Two days: everything doubles (3680 x 0.170 = 625.6 -> 626).
        (Commute(20, 45, "car"), 2, 46, 11.5, 138.0, 3680, 626),
        # Rail, 35 km and 50 min, 1 day: 3220 km x 0.035 = 112.7 -> 113;
        # 4600 min = 76.67 -> 76.7 h; 76.7 / 12 = 6.39 -> 6.4.
        (Commute(35, 50, "rail"), 1, 46, 6.4, 76.7, 3220, 113),
        # Bus, 8 km and 25 min, 1 day, 44 weeks: 704 km x 0.102 = 71.8 -> 72;
        # 2200 min = 36.67 -> 36.7 h; 36.7 / 12 = 3.06 -> 3.1.
        (Commute(8, 25, "bus"), 1, 44, 3.1, 36.7, 704, 72),
        # Cycling saves time but no CO2.
        (Commute(5, 20, "cycle"), 1, 46, 2.6, 30.7, 460, 0),
        # Shorter office days: no home day, nothing saved.
        (Commute(20, 45, "car"), 0, 46, 0.0, 0.0, 0, 0),
        # Working from home already next door.
        (Commute(0, 0, "walk"), 1, 46, 0.0, 0.0, 0, 0),
    ],
)
def test_worked_examples(commute, days, weeks, month, year, km, co2):
    benefits = compute_benefits(commute, days, working_weeks_per_year=weeks)
    assert benefits.hours_saved_per_month == month
    assert benefits.hours_saved_per_year == year
    assert benefits.km_saved_per_year == km
    assert benefits.co2_kg_per_year == co2


def test_default_is_46_working_weeks():
    assert compute_benefits(Commute(20, 45, "car"), 1).km_saved_per_year == 1840


def test_every_figure_says_how_it_was_computed():
    benefits = compute_benefits(Commute(20, 45, "car"), 1)
    assert set(benefits.explanations) == {
        "hours_saved_per_month",
        "hours_saved_per_year",
        "km_saved_per_year",
        "co2_kg_per_year",
    }
    assert benefits.explanations["km_saved_per_year"] == (
        "2 × 20 km one way × 1 home day a week × 46 weeks = 1,840 km a year."
    )
    assert benefits.explanations["hours_saved_per_year"] == (
        "2 × 45 min one way × 1 home day a week × 46 weeks = 4,140 min = 69 hours a year."
    )
    assert "÷ 12 = 5.8 hours a month" in benefits.explanations["hours_saved_per_month"]
    co2 = benefits.explanations["co2_kg_per_year"]
    assert co2.startswith("1,840 km × 0.170 kg CO2e per passenger-km = 313 kg CO2e a year.")
    assert "DESNZ" in co2
    assert "2024" in co2
    assert "approximate" in co2


def test_zero_home_days_explain_that_nothing_is_saved():
    benefits = compute_benefits(Commute(20, 45, "car"), 0)
    assert all("no journeys" in text for text in benefits.explanations.values())
    assert benefits.lines() == []


@pytest.mark.parametrize(
    ("commute", "labels"),
    [
        (
            Commute(20, 45, "car"),
            ["Commuting time saved", "Commuting distance avoided", "CO2 avoided"],
        ),
        (Commute(5, 20, "cycle"), ["Commuting time saved", "Commuting distance avoided"]),
    ],
)
def test_letter_lines_leave_out_zero_figures(commute, labels):
    lines = compute_benefits(commute, 1).lines()
    assert [label for label, _ in lines] == labels


def test_letter_lines_carry_the_figures():
    lines = dict(compute_benefits(Commute(20, 45, "car"), 1).lines())
    assert lines["Commuting time saved"] == "5.8 hours a month (69 hours a year)"
    assert lines["Commuting distance avoided"] == "1,840 km a year"
    assert lines["CO2 avoided"].startswith("about 313 kg CO2e a year")


@pytest.mark.parametrize(
    ("commute", "days", "weeks", "fields"),
    [
        (Commute(-1, 30, "car"), 1, 46, {"distance_km"}),
        (Commute(10, -5, "car"), 1, 46, {"minutes"}),
        (Commute(-1, -5, "car"), 1, 46, {"distance_km", "minutes"}),
        (Commute(math.nan, 30, "car"), 1, 46, {"distance_km"}),
        (Commute(10, math.inf, "car"), 1, 46, {"minutes"}),
        (Commute(10, 30, "rocket"), 1, 46, {"mode"}),
        (Commute(10, 30, "car"), -1, 46, {"home_days_per_week"}),
        (Commute(10, 30, "car"), 8, 46, {"home_days_per_week"}),
        (Commute(10, 30, "car"), 1, 0, {"working_weeks_per_year"}),
        (Commute(10, 30, "car"), 1, 53, {"working_weeks_per_year"}),
    ],
)
def test_invalid_input_raises_field_errors(commute, days, weeks, fields):
    with pytest.raises(BenefitsError) as caught:
        compute_benefits(commute, days, working_weeks_per_year=weeks)
    assert set(caught.value.errors) == fields
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (5.75, "5.8"), (69.0, "69"), (1840, "1,840"), (12345.6, "12,345.6")],
)
def test_format_number(value, text):
    assert format_number(value) == text
