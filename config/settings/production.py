"""Production: refuses to start without its secrets, passes `check --deploy`.

Production's own: HTTPS, the shared cache, media storage, CDN purging,
e-mail and logging, all from the variables read in base.py.
"""

from django.core.exceptions import ImproperlyConfigured

from config.cache import database_caches, redis_caches

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
    AWS_STORAGE_BUCKET_NAME,
    CLOUDFLARE_BEARER_TOKEN,
    CLOUDFLARE_ZONE_ID,
    CLOUDFRONT_DISTRIBUTION_ID,
    FRONTEND_CACHE,
    HTTPS_REDIRECT,
    LOG_LEVEL,
    PAGE_CACHE_ENABLED,
    REDIS_URL,
    SECRET_KEY,
    STORAGES,
    TASKS,
    WAGTAILDOCS_SERVE_METHOD,
)

DEBUG = False
# On unless PAGE_CACHE=0.
PAGE_CACHE_ENABLED = True if PAGE_CACHE_ENABLED is None else PAGE_CACHE_ENABLED

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production settings refuse to start without "
        "a secret key: set DJANGO_SECRET_KEY to a long random value (at least 50 "
        'characters), for example from `python -c "import secrets; '
        'print(secrets.token_urlsafe(64))"`.'
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Production settings refuse to start without the "
        "host names the site answers to, comma-separated (e.g. ALLOWED_HOSTS=partners.example.edu)."
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS=* would let the site answer to any host name, so that password-"
        "reset links and canonical addresses could name an attacker's host. Production "
        "settings refuse it: list the host names the site answers to, comma-separated "
        "(e.g. ALLOWED_HOSTS=partners.example.edu)."
    )

# HTTPS everywhere; the load balancer or proxy terminates TLS and says so.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS_REDIRECT  # off only for `make serve` on loopback
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
CACHES = redis_caches(REDIS_URL) if REDIS_URL else database_caches()

# --- Media storage ------------------------------------------------------------------
if AWS_STORAGE_BUCKET_NAME:
    # Media in S3-compatible object storage, shared by every application
    # server; django-storages reads the AWS_* settings from base.py.
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    AWS_S3_FILE_OVERWRITE = False

# Documents: through Wagtail's serve view (/documents/<id>/<file name>), which
# checks collection privacy, then streams the file ("serve_view", the default
# here) or redirects to the storage's own URL ("redirect"). "direct" links to
# that URL and checks nothing. Without a bucket the storage's URL is /media/,
# which never serves documents (config/urls.py): only serve_view works.
if WAGTAILDOCS_SERVE_METHOD not in (None, "serve_view", "redirect", "direct"):
    raise ImproperlyConfigured(
        f"WAGTAILDOCS_SERVE_METHOD={WAGTAILDOCS_SERVE_METHOD!r} is not known: "
        "use serve_view, redirect or direct, or leave it unset (serve_view)."
    )
if WAGTAILDOCS_SERVE_METHOD in ("redirect", "direct") and not AWS_STORAGE_BUCKET_NAME:
    raise ImproperlyConfigured(
        f"WAGTAILDOCS_SERVE_METHOD={WAGTAILDOCS_SERVE_METHOD} needs AWS_STORAGE_BUCKET_NAME: "
        "without object storage, documents are served by Wagtail's serve view only "
        "(/media/ never serves them). Leave it unset or use serve_view."
    )
WAGTAILDOCS_SERVE_METHOD = WAGTAILDOCS_SERVE_METHOD or "serve_view"

# --- CDN purging (wagtail.contrib.frontend_cache) ------------------------------------
if FRONTEND_CACHE == "cloudflare":
    if not (CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID):
        raise ImproperlyConfigured(
            "FRONTEND_CACHE=cloudflare needs CLOUDFLARE_BEARER_TOKEN (an API token "
            "allowed to purge the zone's cache) and CLOUDFLARE_ZONE_ID."
        )
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": CLOUDFLARE_BEARER_TOKEN,
            "ZONEID": CLOUDFLARE_ZONE_ID,
        }
    }
elif FRONTEND_CACHE == "cloudfront":
    if not CLOUDFRONT_DISTRIBUTION_ID:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE=cloudfront needs CLOUDFRONT_DISTRIBUTION_ID; AWS credentials "
            "come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the server's role."
        )
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
            "AWS_ACCESS_KEY_ID": AWS_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": AWS_SECRET_ACCESS_KEY,
        }
    }
elif FRONTEND_CACHE:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE={FRONTEND_CACHE!r} is not known: "
        "use cloudflare or cloudfront, or leave it unset."
    )

# --- E-mail -------------------------------------------------------------------------
# SMTP with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS and DEFAULT_FROM_EMAIL from the environment (base.py).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10

# --- Background tasks -----------------------------------------------------------------
# Enquiry notifications are queued in the database (django_tasks_db) and sent by
# a worker process beside gunicorn: `manage.py db_worker --backend background`.
# A visitor's POST never waits for the mail server.
TASKS = {**TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

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
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console handler only prints with DEBUG on: use ours.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
