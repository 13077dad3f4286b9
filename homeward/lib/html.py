"""Allow-list sanitising for the HTML that Homeward renders as markup (letters)."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

# The letter composer writes only these; anything else in its output would be a bug or an
# injection, and is dropped rather than trusted.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "br", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> SafeString:
    """The HTML with every tag, attribute and URL scheme outside the allow-list removed."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by the allow-list above
