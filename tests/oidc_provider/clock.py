"""The provider's clock follows the test's frozen clock.

Every Homeward test starts at the same frozen instant (tests/today.py) and ticks on from
there, while this process lives for the whole session: left on the real clock, its tokens
would look issued years away. The test writes its own time and the machine's monotonic
clock (which time-machine leaves alone and both processes share) to PROVIDER_CLOCK; each
request here runs at that time plus the monotonic time elapsed since. The server handles
one request at a time, so the travel never overlaps another request's.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import time_machine


def test_time(path: Path) -> float | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return float(data["epoch"]) + (time.monotonic() - float(data["monotonic"]))


class FollowTheTestClock:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response
        self.path = Path(os.environ["PROVIDER_CLOCK"])

    def __call__(self, request: Any) -> Any:
        at = test_time(self.path)
        if at is None:
            return self.get_response(request)
        with time_machine.travel(at, tick=True):
            return self.get_response(request)


def set_clock(path: Path, *, ahead_seconds: float = 0) -> None:
    """Called by the test side: the provider's 'now' is this process's 'now' from here on
    (plus ``ahead_seconds``, to give the provider a clock that is wrong)."""
    epoch = time.time() + ahead_seconds
    path.write_text(json.dumps({"epoch": epoch, "monotonic": time.monotonic()}))
