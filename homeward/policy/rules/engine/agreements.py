"""Written agreements: when one is required and what it must cover."""

from __future__ import annotations

from collections.abc import Collection

from homeward.policy.rules.base import (
    Problem,
    RulePack,
)

# --- Agreements ---------------------------------------------------------------------------


def agreement_required(pack: RulePack, *, home_share: float | None = None) -> bool:
    """Whether the pack requires a written agreement for this arrangement.

    ES applies only to regular remote work (at least 30% of the time over 3 months);
    with ``home_share`` unknown (None) it answers True, the safe side.
    """
    rule = pack.agreement
    if rule is None or not rule.required:
        return False
    if rule.regular_remote_share is None or home_share is None:
        return True
    return home_share >= rule.regular_remote_share


def missing_agreement_content(pack: RulePack, *, provided: Collection[str]) -> list[Problem]:
    """One problem per required agreement item (and pre-signing step) not in ``provided``."""
    if pack.agreement is None:
        return []
    items = (*pack.agreement.contents, *pack.agreement.before_signing)
    return [
        Problem(f"agreement:{item.key}", f"The agreement must cover: {item.label}.", item.citation)
        for item in items
        if item.key not in provided
    ]
