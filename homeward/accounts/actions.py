"""Personal access tokens: created and revoked by their owner, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import ApiToken, User, hash_token
from homeward.audit.actions import record


def create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is shown once and never stored."""
    name = name.strip()
    if not name:
        raise ValueError("Give the token a name.")
    raw = ApiToken.new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, token_hash=hash_token(raw), prefix=raw[:10]
        )
        record(actor=user, action="token.created", obj=token, after={"name": name})
    return token, raw


def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; someone else's token is 'not found'."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor=user, action="token.revoked", obj=token, after={"name": token.name})
    return token


def user_for_token(raw: str) -> User | None:
    """The active user owning an unrevoked token, or None."""
    if not raw.startswith("hw_"):
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(token_hash=hash_token(raw)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
