"""The personal data of sign-in accounts: the address, API tokens, failed sign-ins."""

from __future__ import annotations

from typing import Any

from homeward.accounts.models import ApiToken, FailedLogin, User
from homeward.lib.personal_data import ABOUT, ErasurePlan, Provider, Section, Subject


def export(subject: Subject) -> list[Section]:
    user = subject.user
    account = User.objects.filter(pk=user.pk).values(
        "email", "date_joined", "last_login", "is_active", "is_superuser"
    )
    tokens = ApiToken.objects.filter(user=user).values(
        "name", "prefix", "created_at", "last_used_at", "revoked_at"
    )
    failed = FailedLogin.objects.filter(email=user.email.lower()).values("at", "ip")
    return [
        Section("accounts.user", ABOUT, list(account)),
        Section("accounts.apitoken", ABOUT, list(tokens)),
        Section("accounts.failedlogin", ABOUT, list(failed)),
    ]


def erase(subject: Subject, plan: ErasurePlan) -> dict[str, int]:
    """The address becomes one that cannot receive mail, the password unusable, tokens and
    failed sign-ins are deleted, and the account can no longer sign in."""
    user = User.objects.select_for_update().get(pk=subject.user.pk)
    failed, _ = FailedLogin.objects.filter(email=plan.email.lower()).delete()
    tokens, _ = ApiToken.objects.filter(user=user).delete()
    user.email = plan.erased_email
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    return {"accounts.user": 1, "accounts.apitoken": tokens, "accounts.failedlogin": failed}


def audit_objects(subject: Subject, plan: ErasurePlan) -> dict[str, Any]:
    tokens = ApiToken.objects.filter(user=subject.user).values_list("pk", flat=True)
    return {"accounts.user": [subject.user.pk], "accounts.apitoken": list(tokens)}


PROVIDER = Provider(
    app="accounts",
    models=(User, ApiToken, FailedLogin),
    export=export,
    erase=erase,
    audit_objects=audit_objects,
)
