"""Production settings refuse to start without secrets and pass `check --deploy`;
development and test settings keep their own defaults."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_production_settings import clean_environment

PROJECT_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="partners.example.edu")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="partners.example.edu",
        DJANGO_DEBUG="1",  # ignored: production never debugs
        # Without it, a warning (partner_pages.W001, see test_enquiries_delivery).
        ENQUIRY_NOTIFY_EMAIL="partnerships@example.edu",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# Runs under the settings module given and prints what it chose, as JSON.
SHOW = """
import json
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "PAGE_CACHE_ENABLED": settings.PAGE_CACHE_ENABLED,
    "CACHES": settings.CACHES,
    "cache_classes": {alias: type(caches[alias]).__name__ for alias in settings.CACHES},
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "default_storage": settings.STORAGES["default"]["BACKEND"],
    "WAGTAILFRONTENDCACHE": settings.WAGTAILFRONTENDCACHE,
}))
"""


def settings_of(module, **env):
    """What config.settings.`module` makes of the environment `env` and nothing else."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SHOW],
        cwd=PROJECT_DIR,
        env=clean_environment(DJANGO_SETTINGS_MODULE=f"config.settings.{module}", **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


REDIS_URL = "redis://cache.internal:6379/1"
# Both caches in one Redis, each under its own prefix (the page cache's
# invalidation channel is named after the first).
REDIS_CACHES = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "partnerships",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    },
    "renditions": {
        "BACKEND": "config.cache.RenditionsRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "partnerships-renditions",
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    },
}
MEMORY_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "config.cache.RenditionsMemoryCache",
        "LOCATION": "renditions",
    },
}


def test_development_debugs_and_caches_no_pages_by_default():
    used = settings_of("dev")
    assert used["DEBUG"] is True
    assert used["PAGE_CACHE_ENABLED"] is False
    assert used["CACHES"] == MEMORY_CACHES
    assert used["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("env", "debug", "page_cache"),
    [
        ({"DJANGO_DEBUG": "0", "PAGE_CACHE": "1"}, False, True),
        ({"DJANGO_DEBUG": "1", "PAGE_CACHE": "0"}, True, False),
        # Blank is unset: the development defaults.
        ({"DJANGO_DEBUG": " ", "PAGE_CACHE": ""}, True, False),
    ],
)
def test_development_follows_django_debug_and_page_cache(env, debug, page_cache):
    used = settings_of("dev", **env)
    assert used["DEBUG"] is debug
    assert used["PAGE_CACHE_ENABLED"] is page_cache


def test_development_uses_redis_when_redis_url_is_set():
    used = settings_of("dev", REDIS_URL=REDIS_URL)
    assert used["CACHES"] == REDIS_CACHES
    assert used["cache_classes"] == {
        "default": "ResilientRedisCache",
        "renditions": "RenditionsRedisCache",
    }


def test_tests_use_memory_caches_without_redis_url_and_cache_pages():
    used = settings_of("test")
    assert used["CACHES"] == MEMORY_CACHES
    assert used["cache_classes"] == {
        "default": "LocMemCache",
        "renditions": "RenditionsMemoryCache",
    }
    assert used["PAGE_CACHE_ENABLED"] is True
    assert used["DEBUG"] is False


def test_tests_use_redis_when_redis_url_is_set():
    """CI's second pass: the Redis-only tests (tests/test_page_cache_local.py) need it."""
    used = settings_of("test", REDIS_URL=REDIS_URL, DJANGO_DEBUG="1", PAGE_CACHE="0")
    assert used["CACHES"] == REDIS_CACHES
    assert used["cache_classes"] == {
        "default": "ResilientRedisCache",
        "renditions": "RenditionsRedisCache",
    }
    assert used["PAGE_CACHE_ENABLED"] is False
    assert used["DEBUG"] is False


def test_production_shares_redis_or_the_database_never_memory():
    assert settings_of("production", REDIS_URL=REDIS_URL)["CACHES"] == REDIS_CACHES
    assert settings_of("production")["CACHES"] == {
        "default": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "renditions": {
            "BACKEND": "config.cache.RenditionsDatabaseCache",
            "LOCATION": "wagtail_renditions_cache",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }


@pytest.mark.parametrize("module", ["dev", "test"])
def test_only_production_stores_media_in_a_bucket_or_purges_a_cdn(module):
    used = settings_of(
        module,
        AWS_STORAGE_BUCKET_NAME="partnerships-media",
        FRONTEND_CACHE="cloudflare",  # half configured: production refuses it
    )
    assert used["default_storage"] == "django.core.files.storage.FileSystemStorage"
    assert used["WAGTAILFRONTENDCACHE"] == {}
