"""Where the apps above arrangements plug into them (layers point down, see
docs/architecture.md).

- ``on_start``: called inside ``start_arrangement``'s transaction, after the arrangement is
  created, as ``fn(arrangement=..., actor=...)``. The agreements app generates the
  arrangement's written agreement here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeward.accounts.models import Actor
from homeward.arrangements.models import Arrangement

StartHook = Callable[..., Any]

_ON_START: list[StartHook] = []


def on_start(fn: StartHook) -> StartHook:
    """Register ``fn(arrangement=..., actor=...)`` to run in every start's transaction."""
    _ON_START.append(fn)
    return fn


def started(*, arrangement: Arrangement, actor: Actor | None) -> None:
    """Run the start hooks, in registration (INSTALLED_APPS) order."""
    for fn in _ON_START:
        fn(arrangement=arrangement, actor=actor)
