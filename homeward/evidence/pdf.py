"""The evidence report as PDF, through WeasyPrint, from self-contained HTML (inline CSS and
SVG): nothing is fetched, so rendering never touches the network."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The evidence PDF does not load external resources ({url}).")


def render_pdf(html: str, request: HttpRequest | None = None) -> bytes:
    import weasyprint  # imported here: loading Pango takes a moment, and only PDFs need it

    return bytes(weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf())
