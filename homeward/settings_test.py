"""Settings for the test suite: production settings with fast hashing and local mail."""

import os

os.environ.setdefault("HOMEWARD_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("HOMEWARD_DEBUG", "false")

from homeward.settings import *  # noqa: E402,F403
from homeward.settings import STORAGES  # noqa: E402

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in prod
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
