"""pytest side of the test identity provider: one process per test session (per xdist worker)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.oidc_provider.clock import set_clock
from tests.oidc_provider.serve import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = "/accounts/oidc/callback/"
AFTER_LOGOUT = "/accounts/login/"


@dataclass(frozen=True)
class Provider:
    url: str  # http://127.0.0.1:PORT
    issuer: str
    client_id: str
    client_secret: str
    clock: Path
    password: str = PASSWORD

    def settings(self) -> dict[str, Any]:
        """Homeward's settings for this provider, as HOMEWARD_OIDC_* would give them."""
        return {
            "SSO_ENABLED": True,
            "SSO_PROVIDER_NAME": "the test provider",
            "OIDC_ISSUER": self.issuer,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SCOPES": "openid email profile",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/.well-known/jwks.json",
            "OIDC_OP_END_SESSION_ENDPOINT": f"{self.issuer}/logout/",
            # Never through a proxy from the environment: only 127.0.0.1 is contacted.
            "OIDC_PROXY": {"http": None, "https": None},
        }


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory) -> Iterator[Provider]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("oidc-provider")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HOMEWARD_", "DJANGO_")) and "PROXY" not in k.upper()
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.serve",
            "--db",
            str(folder / "provider.sqlite3"),
            "--clock",
            str(folder / "clock.json"),
            "--redirect-uri",
            live_server.url + CALLBACK,
            "--post-logout-uri",
            live_server.url + AFTER_LOGOUT,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the test identity provider did not start (exit {process.wait(10)})")
        info = json.loads(line)
        yield Provider(
            url=f"http://127.0.0.1:{info['port']}",
            issuer=info["issuer"],
            client_id=info["client_id"],
            client_secret=info["client_secret"],
            clock=folder / "clock.json",
        )
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def sso(oidc_provider: Provider, settings) -> Provider:  # type: ignore[no-untyped-def]
    """Homeward configured for the test provider, whose clock follows this test's."""
    set_clock(oidc_provider.clock)
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    return oidc_provider
