"""Where the features built on proposals plug into them.

Layers point down: proposals cannot import the apps above it (concerns, decisions, ...),
so those register here when Django starts (in their ``AppConfig.ready``), as the home
panels, jobs and demo seeders do. Two hooks:

- ``on_submit``: called inside ``submit_proposal``'s transaction, after the proposal is
  fixed (decider, rules, policy version, revision 1), as ``fn(proposal=..., actor=...)``.
  The concerns app opens the proposal's concern items here.
- ``timeline_step``: adds a step to the proposal page's timeline, between "sent" and the
  decision, as ``fn(proposal)`` returning the step (title, when, text, state, url) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeward.accounts.models import Actor
from homeward.proposals.models import Proposal

SubmitHook = Callable[..., Any]
TimelineStep = Callable[[Proposal], "dict[str, str] | None"]

_ON_SUBMIT: list[SubmitHook] = []
_TIMELINE: list[TimelineStep] = []


def on_submit(fn: SubmitHook) -> SubmitHook:
    """Register ``fn(proposal=..., actor=...)`` to run in every submission's transaction."""
    _ON_SUBMIT.append(fn)
    return fn


def submitted(*, proposal: Proposal, actor: Actor) -> None:
    """Run the submission hooks, in registration (INSTALLED_APPS) order."""
    for fn in _ON_SUBMIT:
        fn(proposal=proposal, actor=actor)


def timeline_step(fn: TimelineStep) -> TimelineStep:
    """Register a step of the proposal page's timeline."""
    _TIMELINE.append(fn)
    return fn


def timeline_steps(proposal: Proposal) -> list[dict[str, str]]:
    return [step for fn in _TIMELINE if (step := fn(proposal)) is not None]
