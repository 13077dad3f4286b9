"""The registry of rule packs and the jurisdiction choices the models offer."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from homeward.policy.rules.base import RulePack
from homeward.policy.rules.generic import GENERIC, GenericConfig, generic_pack
from homeward.policy.rules.packs import AU, ES, GB, IE, NI, NL, PT, US_FED
from homeward.policy.rules.periods import RuleError

# The model fields' choices (homeward.people.models.JURISDICTIONS) are this list: a new
# pack needs a migration of the Person, PolicyVersion and Proposal jurisdiction fields.
_ORDER = (GB, NI, IE, US_FED, NL, ES, PT, AU, GENERIC)

PACKS: Mapping[str, RulePack] = MappingProxyType({pack.code: pack for pack in _ORDER})

# (code, label) pairs for a model field's choices; the longest code is 7 characters.
JURISDICTIONS: list[tuple[str, str]] = [(pack.code, pack.name) for pack in _ORDER]


def get_pack(code: str, *, generic: GenericConfig | None = None) -> RulePack:
    """The pack for a jurisdiction code; GENERIC is built from ``generic`` when given.

    ``generic`` is ignored for the statutory packs. An unknown code raises RuleError.
    """
    if code == GENERIC.code and generic is not None:
        return generic_pack(generic)
    try:
        return PACKS[code]
    except KeyError:
        known = ", ".join(PACKS)
        raise RuleError(f"Unknown jurisdiction {code!r}; expected one of {known}.") from None
