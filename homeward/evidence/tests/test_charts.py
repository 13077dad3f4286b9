"""The SVG charts: well-formed, escaped, and honest about empty data. Pure: no database."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from homeward.evidence.charts import (
    SeriesPoint,
    distribution_svg,
    fmt,
    interval_svg,
    nice_ticks,
    quantile,
    timeseries_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
NASTY = '<script>alert("x")</script> & "quotes"'


def points(n: int = 30) -> list[SeriesPoint]:
    start = date(2025, 3, 3)
    return [
        SeriesPoint(
            start + timedelta(days=i),
            20 + (i % 5) + (3 if i % 7 == 2 else 0),
            "home" if i % 7 == 2 else "office",
        )
        for i in range(n)
    ]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [
        t.text or "" for t in root.iter() if t.tag in (f"{SVG}text", f"{SVG}title", f"{SVG}desc")
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda t: timeseries_svg(points(), title=t, unit=t, marks=[(date(2025, 3, 10), t)]),
        lambda t: distribution_svg([1, 2, 3.5], [2, 2, 4, 5], title=t, unit=t),
        lambda t: interval_svg(
            estimate=1.0, low=-0.5, high=2.5, title=t, unit=t, limit=-1, limit_label=t
        ),
        lambda t: timeseries_svg([], title=t),
        lambda t: distribution_svg([], [], title=t),
        lambda t: interval_svg(estimate=math.nan, low=0, high=1, title=t),
    ],
)
def test_charts_are_well_formed_and_escape_text(make):
    svg = make(NASTY)
    root = parse(svg)
    assert "<script>" not in svg
    assert NASTY in texts(root)  # the text survives, as text
    assert root.find(f"{SVG}title") is not None and root.get("role") == "img"


def test_series_marks_home_and_office_days_differently():
    root = parse(timeseries_svg(points(14), title="Tickets", unit="tickets"))
    circles = root.findall(f".//{SVG}circle")
    filled = [c for c in circles if c.get("fill") == "#1f6f5c"]
    hollow = [c for c in circles if c.get("fill") == "#fff" and c.get("stroke")]
    assert len(filled) >= 2 and len(hollow) >= 12
    assert "Home (2)" in texts(root) and "Office (12)" in texts(root)


def test_series_skips_values_that_are_not_numbers():
    pts = [*points(5), SeriesPoint(date(2025, 3, 20), math.nan, "home")]
    root = parse(timeseries_svg(pts, title="t"))
    assert "nan" not in ET.tostring(root, encoding="unicode").lower()


def test_empty_charts_say_so():
    assert "No results yet." in texts(parse(timeseries_svg([], title="t")))
    assert "none" in texts(parse(distribution_svg([1, 2], [], title="t")))


def test_ids_cannot_break_out_of_attributes():
    svg = timeseries_svg(points(), title="t", uid='x" onload="alert(1)')
    root = parse(svg)
    assert root.get("onload") is None
    assert 'onload="' not in svg


def test_interval_shows_zero_and_the_limit():
    root = parse(
        interval_svg(estimate=1.2, low=0.4, high=2.0, title="t", limit=-1.1, limit_label="limit")
    )
    assert "no difference" in texts(root) and "limit" in texts(root)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 10, [0, 2.5, 5, 7.5, 10]),
        (0.2, 0.9, [0.2, 0.4, 0.6, 0.8, 1.0]),
        (5, 5, [4.5, 4.75, 5, 5.25, 5.5]),
        (-3, 2, [-4, -2, 0, 2]),
    ],
)
def test_nice_ticks(low, high, expected):
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low and ticks[-1] >= high


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234.5, "1234"), (12.34, "12.3"), (0.01234, "0.0123"), (0, "0"), (-2.5, "-2.5"), (3.0, "3")],
)
def test_fmt(value, text):
    assert fmt(value) == text


def test_quantile_matches_linear_interpolation():
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([4, 1, 3, 2], 0.25) == 1.75
    with pytest.raises(ValueError):
        quantile([], 0.5)
