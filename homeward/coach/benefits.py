"""Benefits of a home-working pattern, computed from the person's commute.

Pure module: no Django import. `compute_benefits()` turns a one-way commute
(distance, minutes, mode) and the number of home days a week into commuting hours
saved, kilometres not travelled and CO2e avoided, each with a "how computed"
explanation that can be shown next to the figure.

Emission factors are kg CO2e per passenger-km, taken from the UK Government GHG
Conversion Factors for Company Reporting 2024 (published by DESNZ, formerly with
DEFRA). The figures below are rounded to three decimals and were NOT checked
against the published 2024 flat file when written: every such factor is marked
`approximate=True` and says so in its explanation. Check them against the
published table before relying on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_WORKING_WEEKS_PER_YEAR = 46
"""52 weeks less about 6 for annual leave and public holidays."""

DESNZ_2024 = "UK Government GHG Conversion Factors for Company Reporting 2024 (DESNZ/DEFRA)"
DESNZ_2024_SHORT = "UK government GHG conversion factors 2024"
_UNCHECKED = "approximate: rounded, not checked against the published 2024 flat file"


@dataclass(frozen=True)
class EmissionFactor:
    """kg CO2e per passenger-km for one commuting mode, with where it comes from."""

    mode: str
    label: str
    kg_co2e_per_passenger_km: float
    source: str
    approximate: bool
    note: str = ""


def _desnz(mode: str, label: str, kg: float, row: str, note: str = "") -> EmissionFactor:
    return EmissionFactor(mode, label, kg, f"{DESNZ_2024}, {row}", True, note or _UNCHECKED)


EMISSION_FACTORS: dict[str, EmissionFactor] = {
    f.mode: f
    for f in (
        _desnz(
            "car",
            "Car (average petrol/diesel)",
            0.170,
            "Business travel - land: Cars, average car, unknown fuel (per km)",
            "per vehicle-km, counted as one passenger-km for a driver alone; " + _UNCHECKED,
        ),
        _desnz(
            "electric_car",
            "Electric car",
            0.047,
            "UK electricity for EVs: average car, battery electric (per km)",
            "per vehicle-km, UK grid electricity; " + _UNCHECKED,
        ),
        _desnz(
            "motorcycle",
            "Motorcycle",
            0.114,
            "Business travel - land: Motorbike, average (per km)",
        ),
        _desnz("bus", "Local bus", 0.102, "Business travel - land: Bus, average local bus"),
        _desnz("coach", "Coach", 0.027, "Business travel - land: Bus, coach"),
        _desnz("rail", "Train", 0.035, "Business travel - land: Rail, national rail"),
        _desnz(
            "tram", "Tram or light rail", 0.029, "Business travel - land: Rail, light rail and tram"
        ),
        _desnz(
            "underground", "Underground", 0.028, "Business travel - land: Rail, London Underground"
        ),
        EmissionFactor(
            "walk", "Walking", 0.0, "No fuel burnt: counted as zero (not a DESNZ factor)", False
        ),
        EmissionFactor(
            "cycle", "Cycling", 0.0, "No fuel burnt: counted as zero (not a DESNZ factor)", False
        ),
    )
}

MODES = tuple(EMISSION_FACTORS)


@dataclass(frozen=True)
class Commute:
    """A one-way commute: distance in km, door-to-door minutes, and a key of `MODES`."""

    distance_km: float
    minutes: float
    mode: str


@dataclass(frozen=True)
class Benefits:
    """Computed benefits; `explanations` maps each figure's field name to how it was computed.

    Hours are rounded to one decimal, kilometres and kg CO2e to whole numbers.
    """

    home_days_per_week: float
    hours_saved_per_month: float
    hours_saved_per_year: float
    km_saved_per_year: int
    co2_kg_per_year: int
    emission_factor: EmissionFactor
    explanations: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[tuple[str, str]]:
        """(label, value text) pairs for a letter; figures that round to zero are left out."""
        lines = []
        if self.hours_saved_per_year > 0:
            month = format_number(self.hours_saved_per_month)
            year = format_number(self.hours_saved_per_year)
            lines.append(("Commuting time saved", f"{month} hours a month ({year} hours a year)"))
        if self.km_saved_per_year > 0:
            km = format_number(self.km_saved_per_year)
            lines.append(("Commuting distance avoided", f"{km} km a year"))
        if self.co2_kg_per_year > 0:
            kg = format_number(self.co2_kg_per_year)
            source = DESNZ_2024_SHORT if self.emission_factor.approximate else ""
            suffix = f" ({source})" if source else ""
            lines.append(("CO2 avoided", f"about {kg} kg CO2e a year{suffix}"))
        return lines


class BenefitsError(ValueError):
    """Invalid commute or pattern figures; `errors` maps a field name to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(f"invalid benefits input: {sorted(errors)}")
        self.errors = errors


def compute_benefits(
    commute: Commute,
    home_days_per_week: float,
    *,
    working_weeks_per_year: int = DEFAULT_WORKING_WEEKS_PER_YEAR,
) -> Benefits:
    """Commuting time, distance and CO2e saved by working from home.

    Each home day saves one round trip (twice the one-way figures). A month is a
    twelfth of the year, so holidays are spread evenly. Zero home days (shorter
    office days) or a zero-length commute give zeros, not errors.

    Raises `BenefitsError` for a negative or non-finite distance or time, an unknown
    mode, home days outside 0-7, or working weeks outside 1-52.
    """
    _validate(commute, home_days_per_week, working_weeks_per_year)
    factor = EMISSION_FACTORS[commute.mode]
    trips = home_days_per_week * working_weeks_per_year
    minutes_year = 2 * commute.minutes * trips
    hours_year = _round(minutes_year / 60, 1)
    km_year_exact = 2 * commute.distance_km * trips
    km_year = int(_round(km_year_exact, 0))
    co2_exact = km_year_exact * factor.kg_co2e_per_passenger_km
    explain = _Explainer(commute, home_days_per_week, working_weeks_per_year, factor)
    return Benefits(
        home_days_per_week=home_days_per_week,
        hours_saved_per_month=_round(hours_year / 12, 1),
        hours_saved_per_year=hours_year,
        km_saved_per_year=km_year,
        co2_kg_per_year=int(_round(co2_exact, 0)),
        emission_factor=factor,
        explanations=explain.all(minutes_year, hours_year, km_year_exact, co2_exact),
    )


def _validate(commute: Commute, home_days: float, weeks: int) -> None:
    errors: dict[str, str] = {}
    for name, value in (("distance_km", commute.distance_km), ("minutes", commute.minutes)):
        if not math.isfinite(value) or value < 0:
            errors[name] = "Enter a number of 0 or more."
    if commute.mode not in EMISSION_FACTORS:
        errors["mode"] = "Choose one of the listed ways of travelling."
    if not math.isfinite(home_days) or not 0 <= home_days <= 7:
        errors["home_days_per_week"] = "Home days a week must be between 0 and 7."
    if not 1 <= weeks <= 52:
        errors["working_weeks_per_year"] = "Working weeks a year must be between 1 and 52."
    if errors:
        raise BenefitsError(errors)


@dataclass(frozen=True)
class _Explainer:
    commute: Commute
    home_days: float
    weeks: int
    factor: EmissionFactor

    @property
    def per_week(self) -> str:
        days = format_number(self.home_days)
        return f"{days} home day{'' if self.home_days == 1 else 's'} a week × {self.weeks} weeks"

    def all(self, minutes: float, hours: float, km: float, co2: float) -> dict[str, str]:
        if self.home_days == 0:
            nothing = "No full home days, so no journeys and no commuting are saved."
            return dict.fromkeys(_FIGURES, nothing)
        return {
            "hours_saved_per_year": self.hours_year(minutes, hours),
            "hours_saved_per_month": self.hours_month(hours),
            "km_saved_per_year": self.km(km),
            "co2_kg_per_year": self.co2(km, co2),
        }

    def hours_year(self, minutes: float, hours: float) -> str:
        one_way = format_number(self.commute.minutes)
        return (
            f"2 × {one_way} min one way × {self.per_week} = {format_number(minutes)} min "
            f"= {format_number(hours)} hours a year."
        )

    def hours_month(self, hours: float) -> str:
        monthly = format_number(_round(hours / 12, 1))
        return (
            f"{format_number(hours)} hours a year ÷ 12 = {monthly} hours a month "
            "(holidays spread evenly over the year)."
        )

    def km(self, km: float) -> str:
        one_way = format_number(self.commute.distance_km)
        total = format_number(_round(km, 0))
        return f"2 × {one_way} km one way × {self.per_week} = {total} km a year."

    def co2(self, km: float, co2: float) -> str:
        f = self.factor
        caveat = f"; {f.note}" if f.note else ""
        return (
            f"{format_number(_round(km, 0))} km × {f.kg_co2e_per_passenger_km:.3f} kg CO2e "
            f"per passenger-km = {format_number(_round(co2, 0))} kg CO2e a year. "
            f"Factor for {f.label.lower()}: {f.source}{caveat}."
        )


_FIGURES = ("hours_saved_per_year", "hours_saved_per_month", "km_saved_per_year", "co2_kg_per_year")


def _round(value: float, places: int) -> float:
    """Round half up (2.5 -> 3), unlike Python's round-half-even."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(value: float) -> str:
    """ "1,840", "5.8", "69": thousands separated, at most one decimal, no trailing ".0"."""
    text = f"{value:,.1f}"
    return text.removesuffix(".0")
