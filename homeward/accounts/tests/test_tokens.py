"""Personal access tokens: created and revoked on the profile page, by their owner only."""

from __future__ import annotations

import re

from homeward.accounts.actions import create_token, user_for_token
from homeward.accounts.models import ApiToken, hash_token
from homeward.audit.models import AuditEvent

PROFILE = "/accounts/profile/"
CREATE = "/accounts/profile/tokens/"


def revoke_url(token: ApiToken) -> str:
    return f"/accounts/profile/tokens/{token.pk}/revoke/"


def test_profile_lists_only_my_tokens(personas):
    create_token(user=personas.emma.user, name="emma's script")
    create_token(user=personas.oscar.user, name="oscar's script")
    page = personas.client(personas.emma).get(PROFILE)
    assert page.status_code == 200
    assert b"emma&#x27;s script" in page.content and b"oscar" not in page.content


def test_creating_a_token_needs_post(personas):
    client = personas.client(personas.emma)
    assert client.get(CREATE).status_code == 405
    assert not ApiToken.objects.exists()


def test_new_token_is_shown_once_and_stored_only_as_a_hash(personas):
    client = personas.client(personas.emma)
    response = client.post(CREATE, {"name": "nightly import"})
    assert response.status_code == 302 and response["Location"] == PROFILE
    page = client.get(PROFILE).content.decode()
    raw = re.search(r'<pre id="new-token">(hw_[^<]+)</pre>', page).group(1)
    token = ApiToken.objects.get(user=personas.emma.user)
    assert token.name == "nightly import"
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert raw.startswith(token.prefix)
    assert AuditEvent.objects.filter(action="token.created", object_id=str(token.pk)).exists()
    # Reloading the page does not show it again.
    assert raw not in client.get(PROFILE).content.decode()
    assert user_for_token(raw) == personas.emma.user


def test_token_needs_a_name(personas):
    response = personas.client(personas.emma).post(CREATE, {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_owner_revokes_a_token_by_post(personas):
    token, raw = create_token(user=personas.emma.user, name="old")
    client = personas.client(personas.emma)
    assert client.get(revoke_url(token)).status_code == 405
    assert user_for_token(raw) is not None
    response = client.post(revoke_url(token))
    assert response.status_code == 302 and response["Location"] == PROFILE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert user_for_token(raw) is None
    assert AuditEvent.objects.filter(action="token.revoked", object_id=str(token.pk)).exists()
    assert b"revoked" in client.get(PROFILE).content


def test_revoking_someone_elses_token_is_not_found(personas):
    token, raw = create_token(user=personas.oscar.user, name="oscar's")
    for who in [personas.emma, personas.hannah, personas.root]:
        assert personas.client(who).post(revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and user_for_token(raw) == personas.oscar.user


def test_revoking_a_missing_token_is_not_found(personas):
    assert (
        personas.client(personas.emma).post("/accounts/profile/tokens/99999/revoke/").status_code
        == 404
    )


def test_revoking_twice_is_harmless(personas):
    token, _raw = create_token(user=personas.emma.user, name="x")
    client = personas.client(personas.emma)
    client.post(revoke_url(token))
    assert client.post(revoke_url(token)).status_code == 302
    assert AuditEvent.objects.filter(action="token.revoked").count() == 1


def test_tokens_of_a_deactivated_user_stop_working(personas):
    from homeward.people.actions import set_active

    _token, raw = create_token(user=personas.pete.user, name="x")
    set_active(actor=personas.hannah.user, person=personas.pete, active=False)
    assert user_for_token(raw) is None


def test_malformed_tokens_match_nobody(personas):
    _token, raw = create_token(user=personas.emma.user, name="x")
    assert user_for_token(raw[3:]) is None
    assert user_for_token(raw + "x") is None
    assert user_for_token("") is None
