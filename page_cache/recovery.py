"""Invalidations the cache never received, and emptying it before it serves again.

While the cache does not answer, an invalidation (`store.invalidate_*`) or a
deletion (the site chrome's, Wagtail's site root paths and renditions:
`config.cache.ResilientRedisCache` reports those) cannot happen; when the
cache answers again it would still hold what should have gone, a page
unpublished meanwhile included. So a failure is remembered twice:

- in this process (`lost`), which empties the cache before it serves a stored
  page again, or serves without the cache until it can;
- as a `LostInvalidation` row in the database, in the same transaction as the
  change when there is one, for every other process and for those that start
  later. A process reads that table (one query) before it serves its first
  stored page, and again after it has seen the cache fail itself (its own
  calls, or its invalidation channel, `local`); if a row is there, it empties
  the cache and deletes the rows it has dealt with.

Emptying means `clear()` on every configured cache: the page cache, the site
chrome, Wagtail's site root paths and renditions. When nothing has failed a
stored page costs no query: `settle` then only reads two flags.
"""

import logging
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction

from .local import local_pages

logger = logging.getLogger(__name__)


class CacheNotSettled(ConnectionError):
    """The cache may hold something a lost invalidation should have removed: do not use it."""

    already_logged = True


class State:
    def __init__(self):
        # This process lost an invalidation and has not emptied the cache since.
        self.pending = False
        # Another process may have: read the database before serving. True at start.
        self.suspect = True
        self.lock = threading.Lock()


state = State()


def strict(cache):
    """The cache's raising view when it has one (config.cache), else the cache itself."""
    return getattr(cache, "strict", cache)


def available(cache):
    check = getattr(cache, "available", None)
    return check() if check is not None else True


def _record():
    from .models import LostInvalidation

    try:
        # A savepoint: a failure here must not break the editor's transaction.
        with transaction.atomic():
            LostInvalidation.objects.create()
    except (DatabaseError, RuntimeError):
        # RuntimeError: no database access allowed here (tests outside the database).
        logger.exception("Page cache: could not record a lost invalidation in the database")


def lost(error=None):
    """An invalidation did not reach the cache: empty it before serving from it again."""
    first = not state.pending
    state.pending = True
    local_pages.clear()
    _record()
    if first:
        logger.warning(
            "Page cache: an invalidation did not reach the cache (%s); the whole cache "
            "will be emptied before it serves again",
            error,
        )


def cache_failed():
    """This process saw the cache fail: another process may have lost an invalidation."""
    state.suspect = True


def _newest_lost():
    from .models import LostInvalidation

    return LostInvalidation.objects.order_by("-pk").values_list("pk", flat=True).first()


def empty_every_cache():
    for alias in settings.CACHES:
        strict(caches[alias]).clear()
    local_pages.clear()


def settle():
    """Make sure no lost invalidation can be served: raises `CacheNotSettled` if not yet.

    Free when nothing failed; otherwise at most one query, and a `clear()` of
    every cache if an invalidation was lost (here or in any other process).
    """
    if not (state.pending or state.suspect):
        return
    if not available(caches[settings.PAGE_CACHE_ALIAS]):
        raise CacheNotSettled("the cache is not answering")
    with state.lock:
        if not (state.pending or state.suspect):
            return
        newest = _newest_lost()
        if state.pending or newest is not None:
            empty_every_cache()  # raises if the cache does not answer
            if newest is not None:
                from .models import LostInvalidation

                LostInvalidation.objects.filter(pk__lte=newest).delete()
            if state.pending:
                logger.warning("Page cache: emptied the cache after a lost invalidation")
            state.pending = False
        state.suspect = False


def reset(suspect=True):
    """Forget every failure (tests); `suspect`: as in a process that has just started."""
    with state.lock:
        state.pending = False
        state.suspect = suspect
