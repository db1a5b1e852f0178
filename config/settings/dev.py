"""Local development: debug on unless DJANGO_DEBUG=0, a throwaway secret key."""

from .base import *  # noqa: F403
from .base import env_flag

DEBUG = env_flag("DJANGO_DEBUG", default=True)

# A development-only key, used when DJANGO_SECRET_KEY is not set.
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]  # noqa: F405

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Template edits show at once: no page cache unless asked for (PAGE_CACHE=1).
PAGE_CACHE_ENABLED = env_flag("PAGE_CACHE", default=False)
