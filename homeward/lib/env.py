"""Small typed readers for settings that come from environment variables."""

from __future__ import annotations

import os


def env_str(name: str, default: str = "") -> str:
    """The variable's value, or ``default`` when unset (an empty value counts as set)."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """True for 1/true/yes/on (any case); False for 0/false/no/off/empty.

    Anything else is a configuration mistake and raises ValueError rather than
    silently picking a side.
    """
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"{name} must be a boolean (true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    """An integer variable; a non-integer value raises ValueError naming the variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [part.strip() for part in raw.split(",") if part.strip()]
