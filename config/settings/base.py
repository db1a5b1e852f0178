"""Settings shared by every environment; dev.py, production.py and test.py add their own.

Every environment variable the site reads is read in the "Environment" block
below, and nowhere else; the README lists them with their defaults. Where
development and production default differently, the block reads None for
"unset" and each environment applies its default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_flag, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Environment ------------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# None when unset: development debugs (dev.py); production and tests never do.
DEBUG = env_flag("DJANGO_DEBUG", default=None)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
# Several gunicorn workers and an editor share an SQLite file. WAL: readers never
# block the writer; IMMEDIATE: a transaction takes the write lock when it begins,
# so two cannot deadlock upgrading from a read (SQLite answers that with
# "database is locked" at once, whatever the timeout); a writer waits up to 20 s.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Production only (production.py applies these two).
# Set DJANGO_SECURE_SSL_REDIRECT=0 only to serve plain HTTP on loopback (`make serve`).
HTTPS_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO").upper()
# Proxies in front that append to X-Forwarded-For (load balancer: 1; CDN + load balancer: 2).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Let Django serve uploaded media (one server, no object storage, no proxy: `make serve`).
SERVE_MEDIA = env_flag("DJANGO_SERVE_MEDIA", default=False)

# The shared cache in Redis; unset, production.py uses the database, dev.py
# and test.py each process's memory.
REDIS_URL = env_str("REDIS_URL")

# The page cache (page_cache/): anonymous GETs of published pages, shared by all workers.
# None when unset: on, except in development (dev.py).
PAGE_CACHE_ENABLED = env_flag("PAGE_CACHE", default=None)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Production only (production.py): a CDN in front of the site, purged when
# pages change: "cloudflare" or "cloudfront".
FRONTEND_CACHE = env_str("FRONTEND_CACHE").lower()
CLOUDFLARE_BEARER_TOKEN = env_str("CLOUDFLARE_BEARER_TOKEN")
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFRONT_DISTRIBUTION_ID = env_str("CLOUDFRONT_DISTRIBUTION_ID")

# Outgoing e-mail: production.py sends it by SMTP with these; development
# prints it to the console, tests keep it in memory.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Production only (production.py): media (images, documents) in S3-compatible
# object storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_QUERYSTRING_AUTH = env_flag("AWS_QUERYSTRING_AUTH", default=False)
# "serve_view", "redirect" or "direct"; unset: serve_view in production
# (production.py), Wagtail's choice by storage elsewhere.
WAGTAILDOCS_SERVE_METHOD = env_str("WAGTAILDOCS_SERVE_METHOD") or None

# OpenSearch (or Elasticsearch-compatible) search backend when a URL is given.
SEARCH_BACKEND_URL = env_str("SEARCH_BACKEND_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "partnerships_")
# Enquiry forms: the addresses told of every enquiry (comma-separated; empty: only
# each form's own "to" addresses and its topic page's contacts), and how many
# days enquiries are kept (`manage.py purge_enquiries` deletes older ones).
ENQUIRY_NOTIFY_EMAIL = env_list("ENQUIRY_NOTIFY_EMAIL")
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 730)
# Machine translation for language pairs other than Traditional ⇄ Simplified
# Chinese (which OpenCC does without a service): "" (none) or "deepl".
TRANSLATION_DELEGATE = os.environ.get("TRANSLATION_DELEGATE", "").strip().lower()
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
# -----------------------------------------------------------------------------

INSTALLED_APPS = [
    "core",
    "home",
    "partner_pages",
    "demo",
    "search",
    "page_cache",
    # Before wagtail_localize: overrides its translation editor template.
    "translation_workflow",
    "security",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Background tasks (see TASKS): the framework, and its queue in the database.
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Lets `runserver` leave static files to WhiteNoise, as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "config.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise and the page cache: every response gets today's policies,
    # pages served from the cache included (the cache stores them without).
    "security.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale, CSRF and auth: a cache hit touches none of them
    # and no database. See page_cache/middleware.py.
    "page_cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication and locale (who is asking, in which language to
    # answer); refuses too large a body before CSRF's check reads it.
    "config.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "translation_workflow.middleware.LocaleScopedTranslationMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------
# English is the source language; Traditional Chinese follows Hong Kong usage.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
    ("zh-hans", _("Simplified Chinese")),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Hong_Kong"
USE_TZ = True

# --- Static and media files -----------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

# Uploaded media in MEDIA_ROOT; production.py can move it to object storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names + gzip and brotli copies; WhiteNoise serves them with a
    # far-future, immutable Cache-Control header.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Page cache -----------------------------------------------------------------
# The page cache (page_cache/): shared, invalidated on publish; see the README.
# It lives in the "default" cache (with Wagtail's site root paths); Wagtail keeps
# image renditions in the "renditions" cache. CACHES differs by environment:
# production.py uses Redis or the database, dev.py and test.py Redis or memory.
PAGE_CACHE_ALIAS = "default"
# Cache-Control of cached pages: browsers keep a page a minute, CDNs five.
PAGE_CACHE_MAX_AGE = 60
PAGE_CACHE_CDN_MAX_AGE = 5 * 60
# With Redis, each process also keeps this many pages it served, emptied by
# every invalidation through Redis pub/sub (page_cache/local.py); 0: off.
PAGE_CACHE_LOCAL_ENTRIES = 200
# Paths invalidated whenever any page is: the sitemap, and each language's
# calendar and Atom feed (every variant: a partner's, a programme's).
PAGE_CACHE_ALWAYS_INVALIDATE = [
    "/sitemap.xml",
    *(f"/{code}/calls.{ext}" for code, _name in LANGUAGES for ext in ("ics", "atom")),
]
# Query parameters are part of a page's cache key only if its page type lists
# them (`page_cache_query_params`, e.g. the partnerships index's `area`).

# --- CDN purging (wagtail.contrib.frontend_cache) --------------------------------
# A URL purged is purged under each language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]
# Purging is configured in production.py; tests set their own backend.
WAGTAILFRONTENDCACHE = {}

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "PolyU Industry Partnerships"
# The admin would otherwise send every editor's browser to third parties: the
# dashboard to releases.wagtail.org (upgrades are the developers' job), avatars to
# Gravatar (with a hash of the editor's e-mail address). Avatars are uploaded instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database search with Chinese text analysis (search/analysis.py): SQLite FTS5
# or PostgreSQL, whichever DATABASE_URL names. On PostgreSQL, English words are stemmed
# ("partnerships" finds "partnership"); Chinese tokens pass through unchanged.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"},
}
if SEARCH_BACKEND_URL:
    # OpenSearch for sites that outgrow the database backend. Every text field
    # uses the built-in `cjk` analyzer: Chinese indexed as overlapping
    # character pairs, English lower-cased, no plugin needed.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [SEARCH_BACKEND_URL],
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "cjk"}}}}
            },
        }
    }
# Searches are counted for the admin's "Search terms" report by each process and
# written at most this often, outside any request (search.hits): a search writes nothing.
SEARCH_HITS_FLUSH_SECONDS = 60
FORMAT_MODULE_PATH = ["config.formats"]

# --- Uploads and request bodies ---------------------------------------------------
# What editors may upload; anything else is a form error in the editor's
# language, and nothing is stored. Images: Wagtail's formats (AVIF, GIF, JPEG,
# PNG, WebP); a file that does not decode is refused too (core/image_forms.py).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Width × height × frames: an image is decoded whole to make its renditions
# (50 million pixels: about 200 MB of memory).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Django's defaults, stated: a request's form fields (not its files) are read
# into memory up to 2.5 MB; an upload larger than 2.5 MB is written to a
# temporary file in FILE_UPLOAD_TEMP_DIR (unset: the system's, e.g. /tmp) as it
# is read, and removed after the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Complex page editors can post more fields than Django's default of 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Whole request bodies (config.middleware.RequestBodyLimitMiddleware), refused
# with 413 before they are read: visitors who are not logged in post small
# forms only; editors, the largest upload and its form.
ANONYMOUS_REQUEST_MAX_SIZE = 1024 * 1024
EDITOR_REQUEST_MAX_SIZE = (
    max(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILDOCS_MAX_UPLOAD_SIZE) + DATA_UPLOAD_MAX_MEMORY_SIZE
)

# --- Translation -----------------------------------------------------------------
# Deleting an English page or snippet keeps its translations (and the strings
# translated for them) instead of deleting them with it.
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True
# A new translation starts as a draft, whatever the source's live status:
# nothing goes live half-translated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

TRANSLATION_DELEGATES = {
    "deepl": {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
        "REQUIRES": ("DEEPL_API_KEY", DEEPL_API_KEY),
    },
}
if TRANSLATION_DELEGATE and TRANSLATION_DELEGATE not in TRANSLATION_DELEGATES:
    raise ImproperlyConfigured(
        f"TRANSLATION_DELEGATE={TRANSLATION_DELEGATE!r}: use one of "
        f"{', '.join(TRANSLATION_DELEGATES)}, or leave it empty."
    )
_delegate = TRANSLATION_DELEGATES.get(TRANSLATION_DELEGATE)
if _delegate and not _delegate["REQUIRES"][1]:
    raise ImproperlyConfigured(
        f"TRANSLATION_DELEGATE={TRANSLATION_DELEGATE} needs {_delegate['REQUIRES'][0]}."
    )
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "translation_workflow.machine_translator.ChineseVariantTranslator",
    "OPTIONS": {"DELEGATE": _delegate},
}

# --- Background tasks (django-tasks) -------------------------------------------------
# "default": Wagtail's own tasks (search and reference indexes, CDN purges), run
# at once, in the request, as Wagtail runs them out of the box.
# "background": work that must never hold a visitor's request: the enquiry
# notification e-mail (partner_pages.enquiries). Development and the tests run it
# at once too; production.py queues it in the database, for a worker:
# `manage.py db_worker --backend background`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# Enquiry forms: stored submissions allowed per visitor address and window.
ENQUIRY_RATE_LIMIT = {"submissions": 5, "seconds": 60 * 60}

# --- Security: Content-Security-Policy, Permissions-Policy, signing in -----------
# See the README's "Security" section. security/middleware.py picks the policy
# (the admin's under ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIX"]) and adds the
# origin uploaded media come from (object storage, a CDN) to img-src and media-src.
# The video block (core/blocks.py VIDEO_EMBEDS) embeds players from these origins.
VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # No 'unsafe-inline', no nonce: the public pages' only inline scripts are
        # JSON-LD data blocks, which are never executed and need no permission.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin (and wagtail-localize's editor) write inline <script> elements
# and style="" attributes: measured in tests/browser/test_security_policy.py.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIX": "/admin/",
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        # The page preview (same origin) shows the page's videos too.
        "frame-src": [SELF, *VIDEO_EMBED_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The preview panel frames the admin's own preview view.
        "frame-ancestors": [SELF],
    },
}
# Browser features no page of the site uses, refused to it and to what it
# embeds; the video players may go full screen and play protected media.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": VIDEO_EMBED_ORIGINS,
    "fullscreen": ["self", *VIDEO_EMBED_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": VIDEO_EMBED_ORIGINS,
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Signing in (django-axes, security/logins.py): after 5 failures for one user
# name (from anywhere) or from one address (for any user name), signing in is
# refused for 15 minutes, the right password too. Attempts during a lockout do
# not prolong it. Unlock: Settings → Sign-in lockouts, or `manage.py
# axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not wipe the address's count (another account's failures).
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "security.logins.client_network"
AXES_LOCKOUT_CALLABLE = "security.logins.lockout_response"
AXES_ENABLE_ADMIN = False
WAGTAILADMIN_USER_LOGIN_FORM = "security.logins.LoginForm"

# "Forgotten password?" (security/password_reset.py): e-mails per visitor
# address and per e-mail address in an hour.
PASSWORD_RESET_RATE_LIMIT = {"per_address": 5, "per_email": 3, "seconds": 60 * 60}
