"""Settings for the test suite: fast, isolated and quiet."""

from config.cache import memory_caches, redis_caches

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, PAGE_CACHE_ENABLED, REDIS_URL, STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The test database is SQLite's in-memory one, shared with the browser tests' live
# server in shared-cache mode: there a lock conflict fails at once ("database table
# is locked", no waiting), and IMMEDIATE would make every atomic block a writer.
# WAL does not apply in memory. tests/test_sqlite_concurrency.py tests the file options.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Redis when REDIS_URL is set (CI's second pass; the Redis-only tests need it).
CACHES = redis_caches(REDIS_URL) if REDIS_URL else memory_caches()
# On, as in production, unless PAGE_CACHE=0.
PAGE_CACHE_ENABLED = True if PAGE_CACHE_ENABLED is None else PAGE_CACHE_ENABLED

# Tests render templates without running collectstatic first; the static-file
# test switches the manifest storage back on for itself.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media-test"
# No timer thread: tests write the search counts themselves (search.hits.flush).
SEARCH_HITS_FLUSH_SECONDS = 0
