"""What each role sees first. Features register panels here as they land."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeward.accounts.models import Actor
from homeward.people.models import Person


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict[str, Any]


PanelBuilder = Callable[[Any, Person | None], Panel | None]
_BUILDERS: list[PanelBuilder] = []


def panel(builder: PanelBuilder) -> PanelBuilder:
    """Register a home-page panel builder; it returns None when it has nothing to show."""
    _BUILDERS.append(builder)
    return builder


def home_panels(user: Actor, me: Person | None) -> list[Panel]:
    return [p for b in _BUILDERS if (p := b(user, me)) is not None]


@panel
def _about_me(user: Actor, me: Person | None) -> Panel | None:
    if me is None:
        return Panel("Administration", "home/_admin.html", {})
    return Panel(
        "You",
        "home/_me.html",
        {"person": me, "reports": list(me.reports.filter(active=True)[:12])},
    )
