"""Where the apps built on people hear of a re-organisation.

Layers point down: people cannot import the apps above it, so they register here when
Django starts (in their ``AppConfig.ready``). One hook:

- ``on_reorganised``: called inside the transaction of a change to who reports to whom or
  who is active (an import that moved a manager line, a deactivation or reactivation), as
  ``fn(actor=...)``. The decisions app moves each pending request whose decider may no
  longer decide it to the next eligible manager.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeward.accounts.models import Actor

ReorganisedHook = Callable[..., Any]

_ON_REORGANISED: list[ReorganisedHook] = []


def on_reorganised(fn: ReorganisedHook) -> ReorganisedHook:
    """Register ``fn(actor=...)`` to run in every re-organisation's transaction."""
    _ON_REORGANISED.append(fn)
    return fn


def reorganised(*, actor: Actor | None) -> None:
    """Run the re-organisation hooks, in registration (INSTALLED_APPS) order."""
    for fn in _ON_REORGANISED:
        fn(actor=actor)
