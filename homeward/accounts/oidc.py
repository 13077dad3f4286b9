"""Checks on an OpenID Connect ID token and its claims: plain Python (PyJWT), no Django.

The sign-in flow itself (redirects, the code exchange, the JWKS download) is
mozilla-django-oidc's; it checks the signature and the nonce but not the issuer, the
audience or the clock, so every ID token also passes ``check_id_token``. Each failure is a
``Refusal`` with a stable reason code, which the sign-in page turns into words and the
audit log keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jwt

# Reason codes, worded in templates/accounts/_sso_refusal.html.
REASONS = (
    "wrong_issuer",  # the token was issued by another provider than the configured one
    "wrong_audience",  # the token was issued to another client
    "expired",  # exp is in the past (beyond the allowed clock skew)
    "clock_skew",  # iat or nbf is in the future (beyond the allowed clock skew)
    "bad_signature",  # signature, algorithm or signing key does not check out
    "malformed_token",  # not a JWT, or a required claim is missing
    "bad_nonce",  # the nonce is not the one this browser sent (a replayed token)
    "stale_auth",  # re-authentication: the provider did not sign the person in afresh
    "no_email",  # no email claim (is the "email" scope granted?)
    "unverified_email",  # email_verified is not true
    "unknown_email",  # nobody in Homeward has that address
    "inactive",  # the account is deactivated
    "different_person",  # re-authentication came back as someone else
    "userinfo_mismatch",  # the userinfo endpoint describes another subject
    "provider_error",  # the provider answered with an error (e.g. access_denied)
    "provider_unreachable",  # the token or key endpoint failed
    "session_expired",  # the callback's state is not one this browser started
)


class Refusal(Exception):
    """A sign-in through the provider that must not succeed, and why."""

    def __init__(self, reason: str, *, email: str = "", detail: str = "") -> None:
        assert reason in REASONS, reason
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.email = email
        self.detail = detail


@dataclass(frozen=True)
class TokenRules:
    """What a valid ID token must say: who issued it, for whom, signed how."""

    issuer: str
    audience: str
    algorithm: str
    leeway_seconds: int
    nonce: str | None = None
    # Re-authentication: the provider must have signed the person in at most this many
    # seconds ago (its ``auth_time`` claim), not merely confirmed an old session.
    max_age: int | None = None


def check_id_token(token: str, key: Any, rules: TokenRules, *, now: float) -> dict[str, Any]:
    """The token's claims if it is signed by ``key`` and valid at ``now``; else a Refusal.

    ``now`` is a Unix time. Clocks may differ by ``rules.leeway_seconds`` either way: a
    token issued slightly "in the future" or expired a moment ago still counts.
    """
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise Refusal("malformed_token", detail=str(exc)) from None
    if header.get("alg") != rules.algorithm:
        # Never let the token choose its own algorithm (e.g. "none" or HS256 with a public key).
        raise Refusal("bad_signature", detail=f"algorithm {header.get('alg')!r}")
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[rules.algorithm],
            audience=rules.audience,
            issuer=rules.issuer,
            leeway=rules.leeway_seconds,
            options={
                "require": ["iss", "sub", "aud", "exp", "iat"],
                # Checked below against our own clock, which tests can move.
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.InvalidIssuerError as exc:
        raise Refusal("wrong_issuer", detail=str(exc)) from None
    except jwt.InvalidAudienceError as exc:
        raise Refusal("wrong_audience", detail=str(exc)) from None
    except jwt.InvalidSignatureError as exc:
        raise Refusal("bad_signature", detail=str(exc)) from None
    except jwt.InvalidTokenError as exc:
        raise Refusal("malformed_token", detail=str(exc)) from None
    check_times(claims, rules, now=now)
    if rules.nonce is not None and claims.get("nonce") != rules.nonce:
        raise Refusal("bad_nonce")
    return claims


def _number(claims: dict[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refusal("malformed_token", detail=f"{name} is not a number")
    return float(value)


def check_times(claims: dict[str, Any], rules: TokenRules, *, now: float) -> None:
    """exp, iat, nbf and (for re-authentication) auth_time against ``now``, with leeway."""
    leeway = rules.leeway_seconds
    exp, iat, nbf = _number(claims, "exp"), _number(claims, "iat"), _number(claims, "nbf")
    if exp is not None and exp < now - leeway:
        raise Refusal("expired", detail=f"expired {now - exp:.0f} s ago")
    for name, value in (("iat", iat), ("nbf", nbf)):
        if value is not None and value > now + leeway:
            raise Refusal("clock_skew", detail=f"{name} is {value - now:.0f} s ahead")
    if rules.max_age is not None:
        auth_time = _number(claims, "auth_time")
        if auth_time is None:
            raise Refusal("stale_auth", detail="no auth_time")
        if auth_time > now + leeway:
            raise Refusal("clock_skew", detail=f"auth_time is {auth_time - now:.0f} s ahead")
        if now - auth_time > rules.max_age + leeway:
            raise Refusal("stale_auth", detail=f"signed in {now - auth_time:.0f} s ago")


def verified_email(claims: dict[str, Any]) -> str:
    """The claims' email address, lower-cased, if the provider says it verified it.

    ``email_verified`` must be true: the JSON boolean, or the string "true" that some
    providers (e.g. Amazon Cognito) send. Missing, false or anything else is refused.
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise Refusal("no_email")
    email = email.strip().lower()
    verified = claims.get("email_verified")
    if verified is True or (isinstance(verified, str) and verified.lower() == "true"):
        return email
    raise Refusal("unverified_email", email=email)
