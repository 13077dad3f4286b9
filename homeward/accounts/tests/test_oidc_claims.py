"""The ID token and claim checks, on tokens signed here with the same library (PyJWT)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from homeward.accounts.backends import SsoBackend
from homeward.accounts.oidc import Refusal, TokenRules, check_id_token, verified_email
from tests.today import now

ISSUER = "https://idp.example.test/realms/acme"
CLIENT = "homeward"
LEEWAY = 60
PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC = PRIVATE.public_key()


def sign(claims: dict[str, Any], *, key: Any = PRIVATE, alg: str = "RS256") -> str:
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": "k1"})


def forged_hs256(claims: dict[str, Any]) -> str:
    """The classic attack: HMAC-signed with the provider's public key as the secret
    (PyJWT refuses to make one, so it is assembled by hand)."""
    pem = PUBLIC.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    mac = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(mac)}"


def claims_at(t: float, **extra: Any) -> dict[str, Any]:
    base = {"iss": ISSUER, "aud": CLIENT, "sub": "u-1", "iat": int(t), "exp": int(t) + 300}
    base.update(nonce="n-1", email="emma@example.test", email_verified=True)
    return {k: v for k, v in {**base, **extra}.items() if v is not None}


def rules(**changes: Any) -> TokenRules:
    values = {
        "issuer": ISSUER,
        "audience": CLIENT,
        "algorithm": "RS256",
        "leeway_seconds": LEEWAY,
        "nonce": "n-1",
    }
    return TokenRules(**{**values, **changes})


def reason(token: str, token_rules: TokenRules, t: float) -> str | None:
    try:
        check_id_token(token, PUBLIC, token_rules, now=t)
    except Refusal as refusal:
        return refusal.reason
    return None


def test_a_valid_token_gives_its_claims():
    t = now().timestamp()
    claims = check_id_token(sign(claims_at(t)), PUBLIC, rules(), now=t)
    assert claims["sub"] == "u-1" and claims["email"] == "emma@example.test"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"iss": "https://idp.example.test/realms/other"}, "wrong_issuer"),
        ({"iss": ISSUER + "/"}, "wrong_issuer"),  # compared exactly, as the spec says
        ({"aud": "someone-else"}, "wrong_audience"),
        ({"sub": None}, "malformed_token"),
        ({"exp": None}, "malformed_token"),
        ({"iat": None}, "malformed_token"),
        ({"nonce": "replayed"}, "bad_nonce"),
        ({"nonce": None}, "bad_nonce"),
        ({"iat": "yesterday"}, "malformed_token"),
    ],
)
def test_claims_that_do_not_match_are_refused(change, expected):
    t = now().timestamp()
    assert reason(sign(claims_at(t, **change)), rules(), t) == expected


@pytest.mark.parametrize(
    ("shift", "expected"),
    [
        # The provider's clock is ahead of ours: iat in the future.
        (LEEWAY - 5, None),
        (LEEWAY + 5, "clock_skew"),
        (3600, "clock_skew"),
        # The provider's clock is behind (or the token is old): exp in the past.
        (-(300 + LEEWAY - 5), None),
        (-(300 + LEEWAY + 5), "expired"),
    ],
)
def test_clock_skew_is_tolerated_up_to_the_leeway_either_way(shift, expected):
    t = now().timestamp()
    assert reason(sign(claims_at(t + shift)), rules(), t) == expected


def test_a_not_before_in_the_future_is_clock_skew():
    t = now().timestamp()
    assert reason(sign(claims_at(t, nbf=int(t) + LEEWAY + 10)), rules(), t) == "clock_skew"


def test_a_bad_signature_or_a_chosen_algorithm_is_refused():
    t = now().timestamp()
    assert reason(sign(claims_at(t), key=OTHER), rules(), t) == "bad_signature"
    # A token may not pick its own algorithm: not "none", not HS256 keyed with our public key.
    unsigned = jwt.encode(claims_at(t), None, algorithm="none")
    assert reason(unsigned, rules(), t) == "bad_signature"
    assert reason(forged_hs256(claims_at(t)), rules(), t) == "bad_signature"
    assert reason("not.a.token", rules(), t) == "malformed_token"


@pytest.mark.parametrize(
    ("signed_in_ago", "max_age", "expected"),
    [
        (30, 300, None),
        (300 + LEEWAY - 1, 300, None),
        (300 + LEEWAY + 1, 300, "stale_auth"),
        (3600, 0, "stale_auth"),
        (-(LEEWAY + 10), 300, "clock_skew"),
    ],
)
def test_reauthentication_needs_a_recent_auth_time(signed_in_ago, max_age, expected):
    t = now().timestamp()
    token = sign(claims_at(t, auth_time=int(t - signed_in_ago)))
    assert reason(token, rules(max_age=max_age), t) == expected


def test_reauthentication_without_auth_time_is_stale():
    t = now().timestamp()
    assert reason(sign(claims_at(t)), rules(max_age=300), t) == "stale_auth"
    # An ordinary sign-in does not need it.
    assert reason(sign(claims_at(t)), rules(), t) is None


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"email": "Emma@Example.TEST ", "email_verified": True}, "emma@example.test"),
        ({"email": "emma@example.test", "email_verified": "true"}, "emma@example.test"),
        ({"email": "emma@example.test", "email_verified": "True"}, "emma@example.test"),
        ({"email": "emma@example.test", "email_verified": False}, "unverified_email"),
        ({"email": "emma@example.test", "email_verified": "false"}, "unverified_email"),
        ({"email": "emma@example.test", "email_verified": 1}, "unverified_email"),
        ({"email": "emma@example.test"}, "unverified_email"),
        ({"email_verified": True}, "no_email"),
        ({"email": "", "email_verified": True}, "no_email"),
        ({"email": ["emma@example.test"], "email_verified": True}, "no_email"),
    ],
)
def test_only_a_verified_email_counts(claims, expected):
    try:
        assert verified_email(claims) == expected
    except Refusal as refusal:
        assert refusal.reason == expected


def test_the_backend_checks_tokens_against_the_configured_issuer_and_client(settings):
    pem = PUBLIC.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = ISSUER, CLIENT
    settings.OIDC_RP_IDP_SIGN_KEY = pem.decode()  # a fixed key instead of the JWKS endpoint
    backend = SsoBackend()
    t = now().timestamp()
    assert backend.verify_token(sign(claims_at(t)), nonce="n-1")["sub"] == "u-1"
    settings.OIDC_ISSUER = "https://idp.example.test/realms/other"
    with pytest.raises(Refusal) as refused:
        SsoBackend().verify_token(sign(claims_at(t)), nonce="n-1")
    assert refused.value.reason == "wrong_issuer"
    backend = SsoBackend()
    backend.max_age = 60
    settings.OIDC_ISSUER = ISSUER
    with pytest.raises(Refusal) as refused:
        backend.verify_token(sign(claims_at(t, auth_time=int(t) - 3600)), nonce="n-1")
    assert refused.value.reason == "stale_auth"
