from typing import Any

from django.contrib.auth.models import User
from oauth2_provider.oauth2_validators import OAuth2Validator

VERIFIED = "email-verified"  # the group of users whose address the provider has verified


class EmailClaims(OAuth2Validator):
    """The standard email and profile claims, with email_verified from the user's groups."""

    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "email": "email",
        "email_verified": "email",
        "name": "profile",
    }

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user: User = request.user
        return {
            "email": user.email,
            "email_verified": user.groups.filter(name=VERIFIED).exists(),
            "name": user.get_full_name() or user.username,
        }
