"""Production settings start from the documented environment variables, and say what is missing."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
README = (PROJECT_DIR / "README.md").read_text()
BASE_SETTINGS = (PROJECT_DIR / "config" / "settings" / "base.py").read_text()
GUNICORN_CONFIG = (PROJECT_DIR / "config" / "gunicorn.conf.py").read_text()


def documented_variables():
    """The variables in the README's "Environment variables" table."""
    section = README.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, re.M)


def clean_environment(**env):
    """The current environment without any documented variable, plus `env`."""
    documented = set(documented_variables())
    environment = {key: value for key, value in os.environ.items() if key not in documented}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL="sqlite://:memory:",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="partners.example.edu",
    )
    environment.update(env)
    return {key: value for key, value in environment.items() if value is not None}


# Runs under production settings and prints what the site would use, as JSON.
INSPECT = """
import json, logging
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.search.backends import get_search_backend

search = get_search_backend()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "caches": {
        alias: [type(caches[alias]).__name__, settings.CACHES[alias].get("LOCATION")]
        for alias in ("default", "renditions")
    },
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_TIMEOUT": settings.EMAIL_TIMEOUT,
    "email": [settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER,
              settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL,
              settings.SERVER_EMAIL],
    "root_log_handlers": [type(h).__name__ + ":" + getattr(h.stream, "name", "")
                          for h in logging.getLogger().handlers],
    "log_level": logging.getLevelName(logging.getLogger().level),
    "page_cache": [settings.PAGE_CACHE_ENABLED, settings.PAGE_CACHE_SECONDS],
    "storage": type(default_storage._wrapped if hasattr(default_storage, "_wrapped")
                    else default_storage).__name__,
    "media_url": default_storage.url("images/logo.png"),
    "file_overwrite": getattr(default_storage, "file_overwrite", None),
    "docs_serve_method": settings.WAGTAILDOCS_SERVE_METHOD,
    "search": [type(search).__module__, getattr(search, "index_prefix", None),
               [host["host"] for host in getattr(search, "hosts", [])]],
    "frontend_cache": {name: type(backend).__name__ for name, backend in get_backends().items()},
    "frontend_cache_languages": settings.WAGTAILFRONTENDCACHE_LANGUAGES,
    "tasks": {alias: type(task_backends[alias]).__name__ for alias in settings.TASKS},
}))
"""


def inspect_production(**env):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", INSPECT],
        cwd=PROJECT_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_production(*args, **env):
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_with_only_the_required_variables_production_shares_one_database_cache():
    used = inspect_production()
    assert used["DEBUG"] is False
    assert used["SECURE_SSL_REDIRECT"] is True
    # Never a per-process memory cache: the database, one table per cache.
    assert used["caches"] == {
        "default": ["DatabaseCache", "django_cache"],
        "renditions": ["RenditionsDatabaseCache", "wagtail_renditions_cache"],
    }
    assert used["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert used["EMAIL_TIMEOUT"] == 10
    assert used["root_log_handlers"] == ["StreamHandler:<stdout>"]
    assert used["page_cache"] == [True, 600]
    assert used["storage"] == "FileSystemStorage"
    # The database backend with Chinese analysis (search/backends), not OpenSearch.
    assert used["search"][0].startswith("search.backends")
    assert used["frontend_cache"] == {}
    assert used["frontend_cache_languages"] == ["en", "zh-hant", "zh-hans"]
    # Documents through Wagtail's serve view, which checks collection privacy.
    assert used["docs_serve_method"] == "serve_view"
    # Wagtail's own tasks at once; enquiry notifications queued for the worker.
    assert used["tasks"] == {"default": "ImmediateBackend", "background": "DatabaseBackend"}


def test_the_background_worker_runs_with_production_settings(tmp_path):
    """`manage.py db_worker --backend background`, as the README and `make serve` run it."""
    database = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    migrate = run_production("manage.py", "migrate", "django_tasks_database", DATABASE_URL=database)
    assert migrate.returncode == 0, migrate.stderr
    worker = run_production(
        "manage.py",
        "db_worker",
        "--backend",
        "background",
        "--batch",
        "--no-startup-delay",
        DATABASE_URL=database,
    )
    assert worker.returncode == 0, worker.stderr
    assert "No more tasks to run" in worker.stdout + worker.stderr


def test_every_documented_variable_takes_effect():
    used = inspect_production(
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_HOST="smtp.example.edu",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="partnerships",
        EMAIL_HOST_PASSWORD="not-a-real-password",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="Industry Partnerships <partnerships@example.edu>",
        DJANGO_LOG_LEVEL="warning",
        PAGE_CACHE="0",
        PAGE_CACHE_SECONDS="120",
        AWS_STORAGE_BUCKET_NAME="partnerships-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.edu",
        AWS_S3_REGION_NAME="ap-east-1",
        AWS_S3_CUSTOM_DOMAIN="media.partners.example.edu",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
        WAGTAILDOCS_SERVE_METHOD="redirect",
        SEARCH_BACKEND_URL="https://search.internal:9200",
        SEARCH_INDEX_PREFIX="partners_",
        FRONTEND_CACHE="cloudflare",
        CLOUDFLARE_BEARER_TOKEN="not-a-real-token",
        CLOUDFLARE_ZONE_ID="0123456789abcdef",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    assert used["caches"] == {
        "default": ["ResilientRedisCache", "redis://cache.internal:6379/1"],
        "renditions": ["RenditionsRedisCache", "redis://cache.internal:6379/1"],
    }
    assert used["email"] == [
        "smtp.example.edu",
        587,
        "partnerships",
        "not-a-real-password",
        True,
        "Industry Partnerships <partnerships@example.edu>",
        "Industry Partnerships <partnerships@example.edu>",
    ]
    assert used["log_level"] == "WARNING"
    assert used["page_cache"] == [False, 120]
    assert used["storage"] == "S3Storage"
    # An upload never replaces another file of the same name.
    assert used["file_overwrite"] is False
    assert used["media_url"] == "https://media.partners.example.edu/images/logo.png"
    assert used["docs_serve_method"] == "redirect"
    assert used["search"] == [
        "modelsearch.backends.opensearch3",
        "partners_",
        ["search.internal"],
    ]
    assert used["frontend_cache"] == {"cloudflare": "CloudflareBackend"}
    assert used["SECURE_SSL_REDIRECT"] is False


def test_cloudfront_purging_is_configured_from_the_environment():
    used = inspect_production(
        FRONTEND_CACHE="cloudfront",
        CLOUDFRONT_DISTRIBUTION_ID="E2EXAMPLE",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )
    assert used["frontend_cache"] == {"cloudfront": "CloudfrontBackend"}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"FRONTEND_CACHE": "cloudflare"},
            "FRONTEND_CACHE=cloudflare needs CLOUDFLARE_BEARER_TOKEN",
        ),
        (
            {"FRONTEND_CACHE": "cloudfront"},
            "FRONTEND_CACHE=cloudfront needs CLOUDFRONT_DISTRIBUTION_ID",
        ),
        ({"FRONTEND_CACHE": "akamai"}, "FRONTEND_CACHE='akamai' is not known"),
        # Without a bucket a document's own URL is under /media/, which never serves it.
        (
            {"WAGTAILDOCS_SERVE_METHOD": "redirect"},
            "WAGTAILDOCS_SERVE_METHOD=redirect needs AWS_STORAGE_BUCKET_NAME",
        ),
        (
            {"WAGTAILDOCS_SERVE_METHOD": "direct"},
            "WAGTAILDOCS_SERVE_METHOD=direct needs AWS_STORAGE_BUCKET_NAME",
        ),
        (
            {"WAGTAILDOCS_SERVE_METHOD": "sendfile"},
            "WAGTAILDOCS_SERVE_METHOD='sendfile' is not known",
        ),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is not set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is not set"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS=* would let the site answer to any host"),
        (
            {"ALLOWED_HOSTS": "partners.example.edu, *"},
            "ALLOWED_HOSTS=* would let the site answer to any host",
        ),
    ],
)
def test_production_refuses_to_start_with_an_incomplete_environment(env, message):
    result = run_production("manage.py", "check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_logs_to_standard_output():
    result = run_production(
        "-c",
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').error('Internal Server Error: /en/ (test)')",
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR django.request" in result.stdout
    assert "Internal Server Error: /en/ (test)" in result.stdout


def test_createcachetable_makes_both_cache_tables(tmp_path):
    result = run_production(
        "manage.py",
        "createcachetable",
        "--dry-run",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert 'CREATE TABLE "django_cache"' in result.stdout
    assert 'CREATE TABLE "wagtail_renditions_cache"' in result.stdout


def test_gunicorn_loads_the_site_with_its_config_file():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = run_production(str(gunicorn), "--check-config", "--config", "config/gunicorn.conf.py")
    assert result.returncode == 0, result.stderr


def test_every_documented_variable_is_read_in_the_environment_block():
    environment_block = BASE_SETTINGS.split("# --- Environment", 1)[1].split("# ---", 1)[0]
    documented = documented_variables()
    assert len(documented) > 20
    not_read = [
        name
        for name in documented
        if f'"{name}"' not in environment_block
        and f'"{name}"' not in GUNICORN_CONFIG
        and name != "DJANGO_SETTINGS_MODULE"
    ]
    assert not_read == []
    read = re.findall(
        r'env_\w+\("([A-Z][A-Z0-9_]+)"|environ\.get\("([A-Z][A-Z0-9_]+)"', environment_block
    )
    undocumented = sorted({a or b for a, b in read} - set(documented))
    assert undocumented == []


def test_every_setting_named_under_scaling_out_exists_and_comes_from_the_environment():
    from django.conf import settings

    section = README.split("## Scaling out", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", section))
    documented = set(documented_variables())
    derived = {name for name in named - documented if hasattr(settings, name)}
    assert named - documented - derived == set()
    # Settings derived from the environment rather than read from it.
    assert derived <= {"STORAGES", "WAGTAILFRONTENDCACHE_LANGUAGES"}
