"""Single sign-on settings: read from HOMEWARD_OIDC_* and refused when incomplete."""

from __future__ import annotations

import json

from tests.test_settings import clean_env, python

ISSUER = "https://sso.example.com/realms/acme"
KEYCLOAK = {
    "HOMEWARD_OIDC_ISSUER": ISSUER,
    "HOMEWARD_OIDC_CLIENT_ID": "homeward",
    "HOMEWARD_OIDC_CLIENT_SECRET": "s3cret",
    "HOMEWARD_OIDC_AUTHORIZATION_ENDPOINT": f"{ISSUER}/protocol/openid-connect/auth",
    "HOMEWARD_OIDC_TOKEN_ENDPOINT": f"{ISSUER}/protocol/openid-connect/token",
    "HOMEWARD_OIDC_JWKS_ENDPOINT": f"{ISSUER}/protocol/openid-connect/certs",
}
READ = (
    "import json; from django.conf import settings as s; print(json.dumps([s.SSO_ENABLED, "
    "s.OIDC_ISSUER, s.OIDC_RP_CLIENT_ID, s.OIDC_RP_SCOPES, s.OIDC_OP_JWKS_ENDPOINT, "
    "s.OIDC_OP_USER_ENDPOINT, s.LOCAL_PASSWORDS, s.BREAK_GLASS_EMAIL, s.OIDC_CREATE_USER, "
    "s.OIDC_LEEWAY_SECONDS]))"
)


def env(tmp_path, **extra: str) -> dict[str, str]:
    return clean_env(
        tmp_path, DJANGO_SETTINGS_MODULE="homeward.settings", HOMEWARD_DEBUG="true", **extra
    )


def test_sso_is_read_from_the_environment(tmp_path):
    result = python(
        env(
            tmp_path,
            **KEYCLOAK,
            HOMEWARD_LOCAL_PASSWORDS="false",
            HOMEWARD_BREAK_GLASS_EMAIL=" Admin@Example.com ",
            HOMEWARD_OIDC_LEEWAY_SECONDS="30",
        ),
        "-c",
        READ,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        True, ISSUER, "homeward", "openid email profile", KEYCLOAK["HOMEWARD_OIDC_JWKS_ENDPOINT"],
        "", False, "admin@example.com", False, 30,
    ]  # fmt: skip


def test_without_an_issuer_sso_is_off_and_passwords_on(tmp_path):
    result = python(env(tmp_path), "-c", READ)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0] is False and json.loads(result.stdout)[6] is True


def test_an_incomplete_sso_configuration_stops_start_up_naming_what_is_missing(tmp_path):
    partial = {k: v for k, v in KEYCLOAK.items() if "TOKEN" not in k and "JWKS" not in k}
    result = python(env(tmp_path, **partial), "-c", READ)
    assert result.returncode != 0
    assert "HOMEWARD_OIDC_TOKEN_ENDPOINT, HOMEWARD_OIDC_JWKS_ENDPOINT" in result.stderr
    result = python(env(tmp_path, **KEYCLOAK, HOMEWARD_OIDC_SCOPES="openid profile"), "-c", READ)
    assert result.returncode != 0 and "must include openid and email" in result.stderr


def test_passwords_cannot_be_turned_off_without_sso(tmp_path):
    result = python(env(tmp_path, HOMEWARD_LOCAL_PASSWORDS="false"), "-c", READ)
    assert result.returncode != 0 and "HOMEWARD_LOCAL_PASSWORDS=false needs" in result.stderr
