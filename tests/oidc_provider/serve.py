"""Start the test identity provider: python -m tests.oidc_provider.serve --db ... (see --help).

Prints one JSON line (port, issuer, client id and secret) once it is ready, then serves
until it is terminated.
"""

from __future__ import annotations

import argparse
import json
import os

import django
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

CLIENT_ID = "homeward-tests"
CLIENT_SECRET = "homeward-tests-client-secret"  # noqa: S105
PASSWORD = "provider-password"  # noqa: S105
# user name, email address, verified by the provider?
USERS = [
    ("emma", "emma@example.test", True),
    ("marcus", "marcus@example.test", True),
    ("oscar", "oscar@example.test", False),
    ("stranger", "stranger@example.test", True),
    ("root", "root@example.test", True),
]


def new_rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def seed(redirect_uri: str, post_logout_uri: str) -> None:
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    from tests.oidc_provider.validators import VERIFIED

    verified = Group.objects.create(name=VERIFIED)
    for username, email, is_verified in USERS:
        user = User.objects.create_user(username, email, PASSWORD, first_name=username.title())
        if is_verified:
            user.groups.add(verified)
    Application.objects.create(
        name="Homeward",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=post_logout_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--post-logout-uri", required=True)
    args = parser.parse_args()

    # Port 0: the system picks a free port, and nobody can take it before we serve.
    server = WSGIServer(("127.0.0.1", 0), QuietHandler)
    port = server.server_port
    issuer = f"http://127.0.0.1:{port}/o"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        PROVIDER_ISSUER=issuer,
        PROVIDER_DB=args.db,
        PROVIDER_CLOCK=args.clock,
        PROVIDER_RSA_KEY=new_rsa_key(),
    )
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    seed(args.redirect_uri, args.post_logout_uri)
    server.set_app(WSGIHandler())
    info = {"port": port, "issuer": issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    print(json.dumps(info), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
