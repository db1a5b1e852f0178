"""Local development: debug on unless DJANGO_DEBUG=0, a throwaway secret key."""

from config.cache import memory_caches, redis_caches

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, PAGE_CACHE_ENABLED, REDIS_URL, SECRET_KEY

DEBUG = True if DEBUG is None else DEBUG

# A development-only key, used when DJANGO_SECRET_KEY is not set.
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]

# One server: each process's memory will do, unless REDIS_URL names a Redis.
CACHES = redis_caches(REDIS_URL) if REDIS_URL else memory_caches()

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Template edits show at once: no page cache unless asked for (PAGE_CACHE=1).
PAGE_CACHE_ENABLED = False if PAGE_CACHE_ENABLED is None else PAGE_CACHE_ENABLED
