"""Number formatting for evidence pages: the same three significant figures as the charts."""

from __future__ import annotations

from django import template

from homeward.evidence.charts import fmt

register = template.Library()


@register.filter
def num(value: object) -> str:
    """1234.5 -> 1235, 0.01234 -> 0.0123; None -> a dash."""
    if value is None or value == "":
        return "—"
    try:
        return fmt(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


@register.filter
def signed(value: object) -> str:
    """Like ``num`` with an explicit sign: +1.2, −0.5."""
    text = num(value)
    if text.startswith("-"):
        return "−" + text[1:]
    return text if text in ("—", "0") else "+" + text


@register.filter
def tone(status: str) -> str:
    """The status pill's tone for a verdict or direction."""
    return {
        "pass": "good",
        "better": "good",
        "fail": "bad",
        "worse": "bad",
        "inconclusive": "warn",
        "unclear": "warn",
    }.get(str(status), "")


@register.filter
def level(confidence: object) -> str:
    """0.95 -> 95%."""
    try:
        return f"{float(confidence) * 100:g}%"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
