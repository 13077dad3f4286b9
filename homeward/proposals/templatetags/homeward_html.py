from django import template
from django.utils.safestring import SafeString

from homeward.lib.html import sanitise as _sanitise

register = template.Library()


@register.filter
def sanitise(value: str) -> SafeString:
    """Render composed HTML through the allow-list sanitiser (never ``|safe``)."""
    return _sanitise(str(value))
