"""Settings shared by every environment.

Every environment variable the site reads is read in the "Environment" block
below, and nowhere else; the README lists them with their defaults.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_flag(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    """Read a whole-number environment variable; unset or blank means the default."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_str(name, default=""):
    """Read an environment variable as text, stripped; unset or blank means the default."""
    return os.environ.get(name, "").strip() or default


# --- Environment ------------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DEBUG = env_flag("DJANGO_DEBUG", default=False)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Production only (config/settings/production.py applies these).
# Set DJANGO_SECURE_SSL_REDIRECT=0 only to serve plain HTTP on loopback (`make serve`).
HTTPS_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO").upper()
# Proxies in front that append to X-Forwarded-For (load balancer: 1; CDN + load balancer: 2).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Let Django serve uploaded media (one server, no object storage, no proxy: `make serve`).
SERVE_MEDIA = env_flag("DJANGO_SERVE_MEDIA", default=False)

# Shared cache: Redis when REDIS_URL is set; otherwise production uses the database.
REDIS_URL = env_str("REDIS_URL")

# The page cache (page_cache/): anonymous GETs of published pages, shared by all workers.
PAGE_CACHE_ENABLED = env_flag("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# A CDN in front of the site, purged when pages change: "cloudflare" or "cloudfront".
FRONTEND_CACHE = env_str("FRONTEND_CACHE").lower()
CLOUDFLARE_BEARER_TOKEN = env_str("CLOUDFLARE_BEARER_TOKEN")
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFRONT_DISTRIBUTION_ID = env_str("CLOUDFRONT_DISTRIBUTION_ID")

# Outgoing e-mail (production; development prints e-mail to the console).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Media (images, documents) in S3-compatible object storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_QUERYSTRING_AUTH = env_flag("AWS_QUERYSTRING_AUTH", default=False)
# "serve_view", "redirect" or "direct"; unset lets Wagtail choose by storage.
WAGTAILDOCS_SERVE_METHOD = env_str("WAGTAILDOCS_SERVE_METHOD") or None

# OpenSearch (or Elasticsearch-compatible) search backend when a URL is given.
SEARCH_BACKEND_URL = env_str("SEARCH_BACKEND_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "partnerships_")
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
    "django.contrib.admin",
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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale, CSRF and auth: a cache hit touches none of them
    # and no database. See page_cache/middleware.py.
    "page_cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "translation_workflow.middleware.LocaleScopedTranslationMiddleware",
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

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names + gzip and brotli copies; WhiteNoise serves them with a
    # far-future, immutable Cache-Control header.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if AWS_STORAGE_BUCKET_NAME:
    # Media in S3-compatible object storage, shared by every application
    # server; django-storages reads the AWS_* settings above.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_FILE_OVERWRITE = False

# --- Caches ---------------------------------------------------------------------
# "default" holds the page cache (and Wagtail's site root paths); Wagtail keeps
# image renditions in its own "renditions" cache. Redis when REDIS_URL is set;
# otherwise a memory cache per process, which production.py replaces with the
# database so that every worker and server shares one cache.
if REDIS_URL:
    _redis_options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "partnerships",
            "OPTIONS": _redis_options,
        },
        "renditions": {
            "BACKEND": "config.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "partnerships-renditions",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": _redis_options,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
    }

# The page cache (page_cache/): shared, invalidated on publish; see the README.
PAGE_CACHE_ALIAS = "default"
# Cache-Control of cached pages: browsers keep a page a minute, CDNs five.
PAGE_CACHE_MAX_AGE = 60
PAGE_CACHE_CDN_MAX_AGE = 5 * 60
# With Redis, each process also keeps this many pages it served, emptied by
# every invalidation through Redis pub/sub (page_cache/local.py); 0: off.
PAGE_CACHE_LOCAL_ENTRIES = 200
# Paths invalidated whenever any page is.
PAGE_CACHE_ALWAYS_INVALIDATE = ["/sitemap.xml"]
# Query parameters the pages never read (campaign tracking): one cache entry.
PAGE_CACHE_IGNORED_PARAMS = ["utm", "fbclid", "gclid", "msclkid"]

# --- CDN purging (wagtail.contrib.frontend_cache) --------------------------------
# A URL purged is purged under each language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]
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
else:
    WAGTAILFRONTENDCACHE = {}

# Complex page editors can post more fields than Django's default of 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

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
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
FORMAT_MODULE_PATH = ["config.formats"]

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

# Enquiry forms: stored submissions allowed per visitor address and window.
ENQUIRY_RATE_LIMIT = {"submissions": 5, "seconds": 60 * 60}
