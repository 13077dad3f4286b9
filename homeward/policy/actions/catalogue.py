"""The concern catalogue: HR adds, rewords, retires and reinstates concerns (never deletes)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from homeward.accounts.models import Actor
from homeward.audit.actions import record, snapshot
from homeward.policy.access import require_hr
from homeward.policy.catalogue import RESOLVERS, STANDARD_CONCERNS
from homeward.policy.models import Concern

RESOLVER_CODES = {code for code, _ in RESOLVERS}


def _clean_concern_fields(
    *, category: str, question: str, resolver: str, errors: dict[str, str]
) -> None:
    if not category.strip():
        errors["category"] = "Give the concern a category, e.g. Costs or Technology."
    elif len(category.strip()) > 40:
        errors["category"] = "Keep the category under 40 characters."
    if not question.strip():
        errors["question"] = "Write the question a manager would ask."
    elif len(question) > 300:
        errors["question"] = "Keep the question under 300 characters."
    if resolver not in RESOLVER_CODES:
        errors["resolver"] = "Choose who usually answers it: " + ", ".join(sorted(RESOLVER_CODES))


def ensure_standard_concerns() -> int:
    """Put the shipped catalogue back when the table is empty; returns how many were added.

    Concerns are never deleted, so an empty table only happens in a database flushed since
    it was migrated (``flush``, transactional tests); the migration loaded them once.
    """
    if Concern.objects.exists():
        return 0
    Concern.objects.bulk_create(
        Concern(
            key=c.key,
            category=c.category,
            question=c.question,
            resolver=c.resolver,
            blocking=c.blocking,
            standard=True,
            position=position,
        )
        for position, c in enumerate(STANDARD_CONCERNS, start=1)
    )
    return len(STANDARD_CONCERNS)


def add_concern(
    *,
    actor: Actor,
    question: str,
    category: str,
    resolver: str = "policy",
    blocking: bool = True,
    key: str = "",
) -> Concern:
    """A company-specific concern, added at the end of the catalogue."""
    require_hr(actor, "add concerns to the catalogue")
    key = slugify(key or question)[:60].replace("-", "_").strip("_")
    errors: dict[str, str] = {}
    _clean_concern_fields(category=category, question=question, resolver=resolver, errors=errors)
    if not key:
        errors.setdefault("key", "Give the concern a key (letters, digits and underscores).")
    elif Concern.objects.filter(key=key).exists():
        errors["key"] = f"A concern with the key '{key}' already exists (retired ones count)."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        position = (Concern.objects.aggregate(m=Max("position"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                concern = Concern.objects.create(
                    key=key,
                    category=category.strip(),
                    question=question.strip(),
                    resolver=resolver,
                    blocking=blocking,
                    standard=False,
                    position=position,
                )
        except IntegrityError:
            raise ValidationError(
                {"key": f"A concern with the key '{key}' already exists."}
            ) from None
        record(actor=actor, action="concern.added", obj=concern, after=_concern_state(concern))
    return concern


def _concern_state(c: Concern) -> dict[str, Any]:
    return snapshot(c, ["key", "category", "question", "resolver", "blocking", "retired_at"])


def update_concern(
    *,
    actor: Actor,
    concern: Concern,
    question: str | None = None,
    category: str | None = None,
    resolver: str | None = None,
    blocking: bool | None = None,
) -> Concern:
    """Change a concern's wording, category, usual resolver or blocking flag.

    Proposals already submitted keep the question and blocking flag they were given.
    A retired concern cannot be changed: reinstate it first.
    """
    require_hr(actor, "change the concern catalogue")
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if concern.retired_at:
            raise ValidationError("This concern is retired; reinstate it before changing it.")
        before = _concern_state(concern)
        new_question = concern.question if question is None else question.strip()
        new_category = concern.category if category is None else category.strip()
        new_resolver = concern.resolver if resolver is None else resolver
        errors: dict[str, str] = {}
        _clean_concern_fields(
            category=new_category, question=new_question, resolver=new_resolver, errors=errors
        )
        if errors:
            raise ValidationError(errors)
        concern.question, concern.category, concern.resolver = (
            new_question,
            new_category,
            new_resolver,
        )
        if blocking is not None:
            concern.blocking = blocking
        concern.save()
        after = _concern_state(concern)
        if after != before:
            record(actor=actor, action="concern.changed", obj=concern, before=before, after=after)
    return concern


def retire_concern(*, actor: Actor, concern: Concern) -> Concern:
    """Take a concern out of the catalogue for new proposals; old proposals keep their items."""
    require_hr(actor, "retire concerns")
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if concern.retired_at:
            raise ValidationError("This concern is already retired.")
        concern.retired_at = timezone.now()
        concern.save(update_fields=["retired_at"])
        record(actor=actor, action="concern.retired", obj=concern, after={"key": concern.key})
    return concern


def reinstate_concern(*, actor: Actor, concern: Concern) -> Concern:
    require_hr(actor, "reinstate concerns")
    with transaction.atomic():
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if not concern.retired_at:
            raise ValidationError("This concern is not retired.")
        concern.retired_at = None
        concern.save(update_fields=["retired_at"])
        record(actor=actor, action="concern.reinstated", obj=concern, after={"key": concern.key})
    return concern
