"""Personal access tokens: created and revoked by their owner, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from homeward.accounts.models import ApiToken, SsoRefusal, User, hash_token
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


def create_user_from_sso(*, email: str, claims: dict[str, Any]) -> User:
    """An account for a verified address nobody has, when the administrator allows it.

    It has no employee record and no rights (no password either): HR links it to a person
    by importing that person with the same address.
    """
    with transaction.atomic():
        user = User.objects.create_user(email)
        name = claims.get("name")
        if isinstance(name, str):
            user.first_name = name[:150]
            user.save(update_fields=["first_name"])
        record(
            actor=user,
            action="account.created_by_sso",
            obj=user,
            after={"email": email, "issuer": claims.get("iss"), "subject": claims.get("sub")},
        )
    return user


def record_sso_sign_in(*, user: User, claims: dict[str, Any], reauthentication: bool) -> None:
    """Audit a sign-in (or a fresh re-authentication) through the identity provider."""
    with transaction.atomic():
        record(
            actor=user,
            action="sso.reauthenticated" if reauthentication else "sso.signed_in",
            obj=user,
            after={"issuer": claims.get("iss"), "subject": claims.get("sub")},
        )


def record_sso_refusal(
    *,
    reason: str,
    email: str = "",
    issuer: str = "",
    subject: str = "",
    detail: str = "",
    ip: str | None = None,
    actor: User | None = None,
) -> SsoRefusal:
    """Keep and audit a refused sign-in through the identity provider (nothing else changes)."""
    with transaction.atomic():
        refusal = SsoRefusal.objects.create(
            reason=reason,
            email=email[:254],
            issuer=issuer[:300],
            subject=subject[:255],
            detail=detail[:300],
            ip=ip,
        )
        record(
            actor=actor,
            action="sso.refused",
            obj=refusal,
            after={"reason": reason, "email": email, "issuer": issuer},
            actor_label=None if actor else "anonymous",
        )
    return refusal
