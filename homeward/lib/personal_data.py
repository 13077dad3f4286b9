"""Personal data: what each app declares it holds about a person, and how it is erased.

Plain Python, no Django: the shapes that each app's ``personal_data.py`` and the registry in
``homeward.privacy`` share. An app declares one ``Provider``: the models it covers (a test
fails when a model that points at a person or an account is covered by none), a function
that exports what it holds about a subject, and one that erases it under an ``ErasurePlan``.

Erasure keeps the rows that other rows depend on and removes what identifies or describes
the person in them (names, addresses, commute, free text), so the organisation's figures
and everyone else's records stay whole; rows that are only about the person are deleted.
Records a jurisdiction's rule pack requires to be kept are left untouched until their
retention ends (``ErasurePlan.kept``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Sections of an export: "about" holds what is about the person (their profile, their own
# requests and what was said on them), "by" what they did in other people's records.
ABOUT, BY = "about", "by"
# A required text that has to say something once erased (e.g. a decline's explanation).
ERASED_TEXT = "[erased]"


def pseudonym(person_id: int | None, user_id: int) -> str:
    """The name an erased person goes by: stable, unique, and saying nothing about them."""
    return f"Erased person {person_id}" if person_id is not None else f"Erased account {user_id}"


def erased_email(user_id: int) -> str:
    """A unique address that can never receive mail (.invalid is reserved, RFC 2606)."""
    return f"erased-{user_id}@erased.invalid"


@dataclass(frozen=True)
class Subject:
    """Whose data: the sign-in account, and the employee record if the account has one."""

    user: Any
    person: Any | None


@dataclass(frozen=True)
class Section:
    """Rows of one model held about the subject, as JSON-ready dicts."""

    model: str  # the model's label, e.g. "proposals.proposal"
    role: str  # ABOUT or BY
    rows: Sequence[Mapping[str, object]]


@dataclass(frozen=True)
class KeptRecord:
    """A request kept after erasure because the person's rule pack requires it, until ``until``."""

    proposal_id: int
    until: date
    what: str
    citation: str


@dataclass(frozen=True)
class ErasurePlan:
    """What an erasure does: the person's identity as it was (to find it in other rows), the
    requests kept and until when, and every row kept with them (by model label)."""

    today: date
    name: str
    email: str
    pseudonym: str
    erased_email: str
    records: tuple[KeptRecord, ...] = ()
    kept: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def kept_proposals(self) -> frozenset[int]:
        return frozenset(r.proposal_id for r in self.records)

    @property
    def keep_until(self) -> date | None:
        return max((r.until for r in self.records), default=None)

    def is_kept(self, label: str, pk: Any) -> bool:
        return pk in self.kept.get(label, frozenset())

    def kept_ids(self, label: str) -> frozenset[int]:
        return self.kept.get(label, frozenset())


Export = Callable[[Subject], list[Section]]
Erase = Callable[[Subject, ErasurePlan], dict[str, int]]
# Rows whose audit entries are about the subject (their payloads are redacted), by model
# label; rows the plan keeps must be left out.
AuditObjects = Callable[[Subject, ErasurePlan], dict[str, Iterable[Any]]]
# Rows kept with the kept requests, by model label (given the kept proposal ids).
Kept = Callable[[Subject, frozenset[int]], dict[str, Iterable[int]]]


def _nothing(*_args: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Provider:
    """One app's declaration of the personal data it holds."""

    app: str
    models: tuple[Any, ...]
    export: Export
    erase: Erase
    audit_objects: AuditObjects = _nothing
    kept: Kept = _nothing
