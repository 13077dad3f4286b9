"""Sign-in identities: users keyed by email, API tokens, and failed sign-in records."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who can sign in. The email address is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # noqa: RUF012 - Django's own declaration

    objects = UserManager()  # type: ignore[assignment,misc]

    def __str__(self) -> str:
        return self.email


TOKEN_PREFIX = "hw_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal access token for scripts. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_token() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


class FailedLogin(models.Model):
    """One failed sign-in, kept so that repeated guessing can be throttled on any app server."""

    email = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def is_locked(cls, *, email: str, ip: str | None, limit: int, window: timedelta) -> bool:
        """True when the address or the IP has ``limit`` failures within ``window``."""
        since = timezone.now() - window
        recent = cls.objects.filter(at__gte=since)
        if recent.filter(email=email.lower()).count() >= limit:
            return True
        return bool(ip) and recent.filter(ip=ip).count() >= limit


class SsoRefusal(models.Model):
    """A sign-in through the identity provider that was refused, kept for the audit log.

    The person may not exist in Homeward (an unknown address), so the audit entry points
    at this row rather than at a user.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.CharField(max_length=40)
    email = models.CharField(max_length=254, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"single sign-on refused ({self.reason}) for {self.email or 'unknown'}"


# Who is acting: the signed-in user of a request (or a token), or the anonymous one. Every
# action and access helper takes this; "nobody may" is the answer for AnonymousUser.
Actor = User | AnonymousUser
