"""Production: refuses to start without its secrets, passes `check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production settings refuse to start without "
        "a secret key: set DJANGO_SECRET_KEY to a long random value (at least 50 "
        'characters), for example from `python -c "import secrets; '
        'print(secrets.token_urlsafe(64))"`.'
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production settings refuse to start without the "
        "host names the site answers to, comma-separated (e.g. ALLOWED_HOSTS=partners.example.edu)."
    )

# HTTPS everywhere; the load balancer or proxy terminates TLS and says so.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS_REDIRECT  # noqa: F405 (off only for `make serve` on loopback)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# --- Shared cache -----------------------------------------------------------------
# Never a per-process memory cache here: every worker and every server must
# see the same page cache and the same invalidations. Without REDIS_URL, the
# database holds it (`manage.py createcachetable` makes both tables).
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wagtail_renditions_cache",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }

# --- E-mail -------------------------------------------------------------------------
# SMTP with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS and DEFAULT_FROM_EMAIL from the environment (base.py).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10

# --- Logging ------------------------------------------------------------------------
# Everything to standard output, one line per record, for the process manager
# or container platform to collect. DJANGO_LOG_LEVEL sets the threshold.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},  # noqa: F405
    "loggers": {
        # Django's own console handler only prints with DEBUG on: use ours.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},  # noqa: F405
        "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
