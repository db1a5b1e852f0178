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


# --- Environment ------------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DEBUG = env_flag("DJANGO_DEBUG", default=False)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
# Machine translation for language pairs other than Traditional ⇄ Simplified
# Chinese (which OpenCC does without a service): "" (none) or "deepl".
TRANSLATION_DELEGATE = os.environ.get("TRANSLATION_DELEGATE", "").strip().lower()
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
# -----------------------------------------------------------------------------

INSTALLED_APPS = [
    "home",
    "partner_pages",
    "search",
    # Before wagtail_localize: overrides its translation editor template.
    "translation_workflow",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
                "wagtail.contrib.settings.context_processors.settings",
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

# Complex page editors can post more fields than Django's default of 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "PolyU Industry Partnerships"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search with Chinese text analysis (search/analysis.py): SQLite FTS5
# or PostgreSQL, whichever DATABASE_URL names. On PostgreSQL, English words are stemmed
# ("partnerships" finds "partnership"); Chinese tokens pass through unchanged.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"},
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
