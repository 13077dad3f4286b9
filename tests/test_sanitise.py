"""Composed HTML is rendered through an allow-list, never trusted as it is."""

import pytest

from homeward.lib.html import sanitise


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hello <strong>Marcus</strong></p>", "<p>Hello <strong>Marcus</strong></p>"),
        ("<p>x</p><script>alert(1)</script>", "<p>x</p>"),
        ('<p onclick="steal()">x</p>', "<p>x</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="https://example.test/p/1">x</a>',
            '<a href="https://example.test/p/1" rel="noopener noreferrer">x</a>',
        ),
        ('<img src=x onerror="alert(1)">', ""),
        ('<iframe src="https://evil.test"></iframe><ul><li>a</li></ul>', "<ul><li>a</li></ul>"),
        ("&lt;script&gt; stays text", "&lt;script&gt; stays text"),
    ],
)
def test_sanitise_keeps_only_the_allow_list(dirty, clean):
    assert sanitise(dirty) == clean
