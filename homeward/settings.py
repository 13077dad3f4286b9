"""Homeward settings, read from environment variables (see README "Configuration")."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from homeward.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("HOMEWARD_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("HOMEWARD_DEBUG", False)
SECRET_KEY = env_str("HOMEWARD_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "HOMEWARD_SECRET_KEY must be set in production (or set HOMEWARD_DEBUG=true locally)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("HOMEWARD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("HOMEWARD_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("HOMEWARD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The employer named as a party in the telework agreements.
EMPLOYER_NAME = env_str("HOMEWARD_EMPLOYER_NAME", "The employer")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Listed so that the API docs page serves Swagger UI from our static files, not a CDN.
    "ninja",
    # Lowest layer first (docs/architecture.md). The order also decides the order of the
    # home page's panels; the demo seeders say what they run after.
    "homeward.accounts",
    "homeward.audit",
    "homeward.people",
    "homeward.notify",
    "homeward.policy",
    "homeward.coach",
    # Before proposals so its HR panel ("Policy and concerns") comes before theirs.
    "homeward.concerns",
    "homeward.proposals",
    "homeward.arrangements",
    "homeward.schedule",
    "homeward.agreements",
    "homeward.evidence",
    "homeward.decisions",
    # Above every app: collects each app's personal-data declaration; then backups.
    "homeward.privacy",
    "homeward.backups",
    "homeward.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "homeward.api.middleware.JsonApiErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "homeward.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "homeward.urls"
WSGI_APPLICATION = "homeward.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "homeward" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "homeward.people.context.roles",
                "homeward.notify.context.unread",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'homeward.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("HOMEWARD_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the worker and the web server write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed sign-ins: after this many failures for one address or one IP within the window,
# further attempts are refused until the window has passed.
LOGIN_FAILURE_LIMIT = env_int("HOMEWARD_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("HOMEWARD_LOGIN_FAILURE_WINDOW_MINUTES", 15)

# Sign-in: local passwords (which can be turned off, except for one break-glass
# administrator) and single sign-on with OpenID Connect (mozilla-django-oidc).
AUTHENTICATION_BACKENDS = [
    "homeward.accounts.backends.PasswordBackend",
    "homeward.accounts.backends.SsoBackend",
]
LOCAL_PASSWORDS = env_bool("HOMEWARD_LOCAL_PASSWORDS", True)
BREAK_GLASS_EMAIL = env_str("HOMEWARD_BREAK_GLASS_EMAIL").strip().lower()
# Re-authentication before signing (agreements): how recent a sign-in must be.
REAUTH_MAX_AGE_SECONDS = env_int("HOMEWARD_REAUTH_MAX_AGE_SECONDS", 300)

OIDC_ISSUER = env_str("HOMEWARD_OIDC_ISSUER").strip()
SSO_ENABLED = bool(OIDC_ISSUER)
SSO_PROVIDER_NAME = env_str("HOMEWARD_OIDC_PROVIDER_NAME", "single sign-on")
OIDC_RP_CLIENT_ID = env_str("HOMEWARD_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("HOMEWARD_OIDC_CLIENT_SECRET")
OIDC_RP_SCOPES = env_str("HOMEWARD_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("HOMEWARD_OIDC_SIGN_ALGO", "RS256")
# mozilla-django-oidc has no discovery: the endpoints are the provider's
# .well-known/openid-configuration values (README "Single sign-on").
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("HOMEWARD_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("HOMEWARD_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("HOMEWARD_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("HOMEWARD_OIDC_JWKS_ENDPOINT")
OIDC_OP_END_SESSION_ENDPOINT = env_str("HOMEWARD_OIDC_END_SESSION_ENDPOINT")
# Tolerated difference between our clock and the provider's, either way.
OIDC_LEEWAY_SECONDS = env_int("HOMEWARD_OIDC_LEEWAY_SECONDS", 60)
# A verified address that matches nobody is refused unless this is on: then an account
# without an employee record (and without any rights) is created.
OIDC_CREATE_USER = env_bool("HOMEWARD_OIDC_CREATE_USERS", False)
OIDC_TIMEOUT = env_int("HOMEWARD_OIDC_TIMEOUT_SECONDS", 10)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # sent back as id_token_hint when signing out at the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_OP_LOGOUT_URL_METHOD = "homeward.accounts.sso.provider_logout_url"
if SSO_ENABLED:
    _missing = [
        name
        for name, value in [
            ("HOMEWARD_OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID),
            ("HOMEWARD_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("HOMEWARD_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("HOMEWARD_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("HOMEWARD_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
        ]
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            "Single sign-on (HOMEWARD_OIDC_ISSUER) also needs " + ", ".join(_missing) + "."
        )
    if "openid" not in OIDC_RP_SCOPES.split() or "email" not in OIDC_RP_SCOPES.split():
        raise ImproperlyConfigured("HOMEWARD_OIDC_SCOPES must include openid and email.")
if not LOCAL_PASSWORDS and not SSO_ENABLED:
    raise ImproperlyConfigured(
        "HOMEWARD_LOCAL_PASSWORDS=false needs single sign-on (HOMEWARD_OIDC_ISSUER), "
        "or nobody but the break-glass administrator could sign in."
    )

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("HOMEWARD_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("HOMEWARD_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "homeward" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Email goes through Django's mail framework: SMTP unless told otherwise; in development,
# printed to the console (so `make run` shows password-reset links without a mail server).
EMAIL_BACKEND = env_str(
    "HOMEWARD_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("HOMEWARD_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("HOMEWARD_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("HOMEWARD_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("HOMEWARD_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("HOMEWARD_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("HOMEWARD_FROM_EMAIL", "Homeward <homeward@localhost>")

# Sessions and CSRF: cookies are HTTP-only, same-site, and secure outside development.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("HOMEWARD_SESSION_SECONDS", 60 * 60 * 10)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("HOMEWARD_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HOMEWARD_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$", r"^readyz$"]
# Behind a reverse proxy every request arrives from the proxy's address; the client's
# address is the last entry of X-Forwarded-For, which the proxy appends (see README).
BEHIND_PROXY = env_bool("HOMEWARD_BEHIND_PROXY", False)
if BEHIND_PROXY:
    # The proxy terminates TLS and says so in this header; only trust it behind a proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# How often the background worker looks for due jobs (deadline reminders, escalations).
WORKER_INTERVAL_SECONDS = env_int("HOMEWARD_WORKER_INTERVAL", 60)

# HOMEWARD_LOG_FORMAT=json: one JSON object per line (time, level, logger, message, and
# the exception's traceback as a field), for a log collector; anything else: plain text.
LOG_FORMAT = env_str("HOMEWARD_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("HOMEWARD_LOG_LEVEL", "INFO")},
}
