"""SVG charts for evidence reports: results over time, the two distributions, the interval.

Pure module: no Django import. Each function takes plain values and returns one ``<svg>``
element as text, the same in the page and in the PDF. Every piece of text that reaches the
SVG (titles, units, labels) is escaped, so a metric called ``<script>`` stays text. Non-finite
values are skipped. Colours match the stylesheet: home days are the accent green and
filled, office days grey and hollow, so the two differ without colour too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

HOME = "#1f6f5c"
OFFICE = "#5b6477"
OTHER = "#b8bfcc"
INK = "#1d2433"
LINE = "#d9dee8"
BAD = "#a3262e"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class SeriesPoint:
    """One result: its day (or week start), value and kind (home, office, leave, holiday)."""

    day: date
    value: float
    kind: str


def _text(value: object) -> str:
    return escape(str(value))


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _uid(uid: str) -> str:
    """A safe id fragment: letters, digits and hyphens only."""
    return re.sub(r"[^A-Za-z0-9-]", "-", uid)[:60] or "chart"


def fmt(value: float) -> str:
    """Three significant figures without scientific notation: 1234, 12.3, 0.123."""
    if value == 0 or not math.isfinite(value):
        return f"{value + 0.0:g}"
    places = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{value:.{min(places, 6)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering low..high (1, 2, 2.5 or 5 times a power of 10)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks: list[float] = []
    value = start
    while value <= high + step * 0.5 and len(ticks) < 50:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _open(uid: str, width: int, height: int, title: str, desc: str) -> list[str]:
    uid = _uid(uid)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" class="chart" '
        f'font-family={_attr(FONT)} font-size="11">',
        f'<title id="{uid}-title">{_text(title)}</title>',
        f'<desc id="{uid}-desc">{_text(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="8" y="16" font-size="13" font-weight="600" fill="{INK}">{_text(title)}</text>',
    ]


def _empty(uid: str, width: int, height: int, title: str, message: str) -> str:
    parts = _open(uid, width, height, title, message)
    parts.append(
        f'<text x="{width / 2:.1f}" y="{height / 2:.1f}" text-anchor="middle" '
        f'fill="{OFFICE}">{_text(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _y_axis(
    parts: list[str], ticks: list[float], y_of: object, left: float, right: float, unit: str
) -> None:
    for tick in ticks:
        y = y_of(tick)  # type: ignore[operator]
        parts.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LINE}"/>'
        )
        parts.append(
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" fill="{OFFICE}">'
            f"{_text(fmt(tick))}</text>"
        )
    if unit:
        parts.append(f'<text x="8" y="32" fill="{OFFICE}">{_text(unit)}</text>')


def _short_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def timeseries_svg(
    points: Sequence[SeriesPoint],
    *,
    title: str,
    unit: str = "",
    marks: Sequence[tuple[date, str]] = (),
    uid: str = "series",
    width: int = 640,
    height: int = 260,
) -> str:
    """The metric over time: home days as filled green dots, office days as hollow grey ones,
    leave and holidays as small light dots; dashed lines at the home and office means; and a
    labelled vertical line at each of ``marks`` (e.g. the trial's start)."""
    pts = [p for p in points if math.isfinite(p.value)]
    if not pts:
        return _empty(uid, width, height, title, "No results yet.")
    left, right, top, bottom = 48.0, width - 12.0, 44.0, height - 28.0
    first = min(p.day for p in pts)
    last = max(p.day for p in pts)
    for day, _label in marks:
        first, last = min(first, day), max(last, day)
    span = max((last - first).days, 1)
    ticks = nice_ticks(min(p.value for p in pts), max(p.value for p in pts))
    lo, hi = ticks[0], ticks[-1]

    def x_of(day: date) -> float:
        return left + (day - first).days / span * (right - left)

    def y_of(value: float) -> float:
        return bottom - (value - lo) / ((hi - lo) or 1) * (bottom - top)

    home = [p for p in pts if p.kind == "home"]
    office = [p for p in pts if p.kind == "office"]
    desc = (
        f"{len(home)} home and {len(office)} office results from {first.isoformat()} "
        f"to {last.isoformat()}."
    )
    parts = _open(uid, width, height, title, desc)
    _y_axis(parts, ticks, y_of, left, right, unit)
    for k in range(6):
        day = date.fromordinal(first.toordinal() + round(span * k / 5))
        anchor = "start" if k == 0 else "end" if k == 5 else "middle"
        parts.append(
            f'<text x="{x_of(day):.1f}" y="{height - 10:.1f}" text-anchor="{anchor}" '
            f'fill="{OFFICE}">{_text(_short_date(day))}</text>'
        )
    for day, label in marks:
        x = x_of(day)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6:.1f}" y2="{bottom:.1f}" '
            f'stroke="{INK}" stroke-dasharray="4 3"/>'
            f'<text x="{x + 3:.1f}" y="{top - 8:.1f}" fill="{INK}">{_text(label)}</text>'
        )
    for group, colour in ((office, OFFICE), (home, HOME)):
        mean = _mean([p.value for p in group])
        if mean is not None:
            y = y_of(mean)
            parts.append(
                f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="6 4" opacity="0.8"/>'
            )
    for p in pts:
        x, y = x_of(p.day), y_of(p.value)
        if p.kind == "home":
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{HOME}"/>')
        elif p.kind == "office":
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#fff" stroke="{OFFICE}" '
                'stroke-width="1.4"/>'
            )
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="{OTHER}"/>')
    parts.append(_legend(width, len(home), len(office)))
    parts.append("</svg>")
    return "".join(parts)


def _legend(width: int, n_home: int, n_office: int) -> str:
    x = width - 250
    return (
        f'<g transform="translate({x},12)">'
        f'<circle cx="6" cy="0" r="4" fill="{HOME}"/>'
        f'<text x="14" y="4" fill="{INK}">Home ({n_home})</text>'
        f'<circle cx="96" cy="0" r="3.6" fill="#fff" stroke="{OFFICE}" stroke-width="1.4"/>'
        f'<text x="104" y="4" fill="{INK}">Office ({n_office})</text>'
        f'<line x1="180" x2="200" y1="0" y2="0" stroke="{OFFICE}" stroke-dasharray="6 4"/>'
        f'<text x="204" y="4" fill="{INK}">mean</text>'
        "</g>"
    )


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile of sorted-or-not values (as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    pos = (len(ordered) - 1) * q
    below = math.floor(pos)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (pos - below)


def distribution_svg(
    home: Sequence[float],
    office: Sequence[float],
    *,
    title: str,
    unit: str = "",
    uid: str = "dist",
    width: int = 420,
    height: int = 260,
) -> str:
    """Office and home results side by side: every value as a dot (spread sideways so they
    do not hide each other), a box from the lower to the upper quartile with the median, and
    a diamond at the mean."""
    groups = [
        ("Office days", [v for v in office if math.isfinite(v)], OFFICE, False),
        ("Home days", [v for v in home if math.isfinite(v)], HOME, True),
    ]
    everything = groups[0][1] + groups[1][1]
    if not everything:
        return _empty(uid, width, height, title, "No results yet.")
    left, right, top, bottom = 48.0, width - 12.0, 44.0, height - 30.0
    ticks = nice_ticks(min(everything), max(everything))
    lo, hi = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (value - lo) / ((hi - lo) or 1) * (bottom - top)

    desc = "; ".join(
        f"{label}: {len(vals)} results" + (f", mean {fmt(_mean(vals) or 0)}" if vals else "")
        for label, vals, _c, _f in groups
    )
    parts = _open(uid, width, height, title, desc + ".")
    _y_axis(parts, ticks, y_of, left, right, unit)
    column = (right - left) / 2
    for i, (label, vals, colour, filled) in enumerate(groups):
        centre = left + column * (i + 0.5)
        parts.append(
            f'<text x="{centre:.1f}" y="{height - 10:.1f}" text-anchor="middle" fill="{INK}">'
            f"{_text(label)} ({len(vals)})</text>"
        )
        if not vals:
            parts.append(
                f'<text x="{centre:.1f}" y="{(top + bottom) / 2:.1f}" text-anchor="middle" '
                f'fill="{OFFICE}">none</text>'
            )
            continue
        box = column * 0.22
        q1, median, q3 = (quantile(vals, q) for q in (0.25, 0.5, 0.75))
        parts.append(
            f'<rect x="{centre - box:.1f}" y="{y_of(q3):.1f}" width="{2 * box:.1f}" '
            f'height="{max(y_of(q1) - y_of(q3), 1):.1f}" fill="none" stroke="{colour}" '
            'stroke-width="1.5"/>'
            f'<line x1="{centre - box:.1f}" x2="{centre + box:.1f}" y1="{y_of(median):.1f}" '
            f'y2="{y_of(median):.1f}" stroke="{colour}" stroke-width="2.5"/>'
        )
        for n, value in enumerate(vals):
            # A fixed, evenly spread sideways offset (golden ratio), so charts never change
            # between renders.
            offset = ((n * 0.6180339887) % 1 - 0.5) * column * 0.7
            x, y = centre + offset, y_of(value)
            if filled:
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{colour}" opacity="0.55"/>'
                )
            else:
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" fill="none" stroke="{colour}" '
                    'opacity="0.7"/>'
                )
        mean = _mean(vals) or 0.0
        y = y_of(mean)
        parts.append(
            f'<path d="M{centre:.1f},{y - 6:.1f} L{centre + 6:.1f},{y:.1f} '
            f'L{centre:.1f},{y + 6:.1f} L{centre - 6:.1f},{y:.1f} Z" fill="{INK}"/>'
            f'<text x="{centre + box + 4:.1f}" y="{y + 4:.1f}" fill="{INK}">'
            f"mean {_text(fmt(mean))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def interval_svg(
    *,
    estimate: float,
    low: float,
    high: float,
    title: str,
    unit: str = "",
    limit: float | None = None,
    limit_label: str = "limit",
    uid: str = "interval",
    width: int = 420,
    height: int = 96,
) -> str:
    """The estimate (home minus office) as a dot on its interval, against zero (no
    difference) and, when given, the criterion's ``limit`` (the worst acceptable value)."""
    values = [v for v in (estimate, low, high) if math.isfinite(v)]
    if len(values) < 3:
        return _empty(uid, width, height, title, "No estimate.")
    bounds = [*values, 0.0] + ([limit] if limit is not None and math.isfinite(limit) else [])
    ticks = nice_ticks(min(bounds), max(bounds), 6)
    lo, hi = ticks[0], ticks[-1]
    left, right, axis_y = 24.0, width - 24.0, height - 30.0

    def x_of(value: float) -> float:
        return left + (value - lo) / ((hi - lo) or 1) * (right - left)

    desc = f"Estimate {fmt(estimate)} {unit}, interval {fmt(low)} to {fmt(high)}."
    parts = _open(uid, width, height, title, desc)
    parts.append(f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="{OFFICE}"/>')
    for tick in ticks:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y:.1f}" y2="{axis_y + 4:.1f}" '
            f'stroke="{OFFICE}"/><text x="{x:.1f}" y="{axis_y + 16:.1f}" text-anchor="middle" '
            f'fill="{OFFICE}">{_text(fmt(tick))}</text>'
        )
    zero = x_of(0.0)
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="30" y2="{axis_y:.1f}" stroke="{INK}"/>'
        f'<text x="{zero + 3:.1f}" y="38" fill="{INK}">no difference</text>'
    )
    if limit is not None and math.isfinite(limit):
        x = x_of(limit)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="30" y2="{axis_y:.1f}" stroke="{BAD}" '
            f'stroke-dasharray="4 3"/><text x="{x - 3:.1f}" y="{axis_y - 4:.1f}" '
            f'text-anchor="end" fill="{BAD}">{_text(limit_label)}</text>'
        )
    y = (30 + axis_y) / 2 + 4
    parts.append(
        f'<line x1="{x_of(low):.1f}" x2="{x_of(high):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{HOME}" stroke-width="4" stroke-linecap="round"/>'
        f'<circle cx="{x_of(estimate):.1f}" cy="{y:.1f}" r="6" fill="{HOME}" stroke="#fff" '
        'stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
