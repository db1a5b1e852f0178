"""The site's cache backends, and the CACHES settings of config/settings/.

`ReusingRedisCache` is Django's Redis cache with one Redis client per
connection pool instead of one per call: Django's
`RedisCacheClient.get_client()` builds a new `redis.Redis` object for every
cache operation, and with redis-py 8 that costs about as much as the round
trip to Redis itself (a page-cache hit is one cache operation). A
`redis.Redis` object is thread-safe (it takes connections from its pool), so
one per pool is enough.

`ResilientRedisCache` is what the settings use: the same cache, which the site
survives losing. When Redis does not answer (stopped, paused, unreachable), a
read is a miss and a write is skipped, so every caller (the site chrome,
Wagtail's site root paths and renditions, the page cache) carries on without
the cache instead of failing the request:

- Sub-second socket timeouts (`SOCKET_TIMEOUT`), one attempt per call.
- A circuit breaker per Redis server and process: after a failure, calls do
  not touch Redis for `RETRY_SECONDS`; then one call (one thread) tries it
  again while the others carry on without it. So a stalled Redis costs a
  request at most one timeout, and most requests none.
- The outage is logged once when it starts and once when it ends, not per
  request.
- A deletion that does not happen (a cache user invalidating something) is
  reported to the page cache (`page_cache.recovery.lost`), which empties the
  whole cache before serving anything from it again; a skipped write is only a
  value not kept. Every failure, and every call skipped while the breaker is
  open, is reported too (`page_cache.recovery.cache_failed`).
- `.strict` is the same cache raising `CacheUnavailable` instead: the page
  cache uses it, since it must know when an invalidation did not happen.

`DatabaseCache` is Django's database cache, minus one way a read can fail
when the database refuses writes.

`redis_caches()`, `database_caches()` and `memory_caches()` build the CACHES
settings of config/settings/.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends import db
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, router, transaction
from redis.exceptions import RedisError

from page_cache.local import local_pages

logger = logging.getLogger(__name__)

# Redis answers in well under a millisecond; one that has not answered in a
# quarter of a second is stalled, not slow.
SOCKET_TIMEOUT = 0.25
# After a failure, how long calls go without Redis before one tries it again.
RETRY_SECONDS = 2.0
# What redis-py raises when the server is down, stalled or unreachable.
BACKEND_ERRORS = (RedisError, OSError)


class CacheUnavailable(ConnectionError):
    """The cache did not answer (or is known not to): raised by `ResilientRedisCache.strict`."""

    # The backend has logged the outage already: callers need not log it per request.
    already_logged = True


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def publish(self, channel, message):
        return self.get_client(write=True).publish(channel, message)


class ReusingRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, minus a client object per operation."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def clear(self):
        """Empty Redis, and with it every process's copy of the pages (page_cache.local)."""
        result = super().clear()
        local_pages.publish()
        return result

    def publish(self, channel, message):
        """Publish on a Redis channel through this cache's connections (page_cache.local)."""
        return self._cache.publish(channel, message)


def _server_name(location):
    """The server of a cache LOCATION for the log, without any password in it."""
    first = location if isinstance(location, str) else location[0]
    parts = urlsplit(first.split(",")[0].split(";")[0])
    return f"{parts.hostname}:{parts.port or 6379}{parts.path or ''}"


class Breaker:
    """Whether a Redis server is worth calling, shared by every thread of the process."""

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self.down_since = None  # monotonic time of the first failure of this outage
        self._retry_at = 0.0
        self._trying = False

    def allows(self):
        """Whether this call may go to Redis: always while it answers, one call at a time else."""
        if self.down_since is None:
            return True
        with self._lock:
            if self.down_since is None:
                return True
            if self._trying or time.monotonic() < self._retry_at:
                return False
            self._trying = True
            return True

    def available(self):
        """Whether Redis is believed to answer (or is due to be tried again)."""
        return self.down_since is None or (not self._trying and time.monotonic() >= self._retry_at)

    def failed(self, error):
        with self._lock:
            now = time.monotonic()
            started = self.down_since is None
            if started:
                self.down_since = now
            self._retry_at = now + RETRY_SECONDS
            self._trying = False
        if started:
            logger.warning(
                "Cache server %s is not answering (%s: %s); serving without it and "
                "trying again every %g s",
                self.name,
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since = None
            self._trying = False
        logger.warning("Cache server %s is answering again after %.1f s", self.name, seconds)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    name = _server_name(location)
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name)
        return _breakers[name]


def reset_breakers():
    """Forget every outage (tests): as in a process that has just started."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.down_since = None
            breaker._retry_at = 0.0
            breaker._trying = False


def _report(event, *args):
    from page_cache import recovery

    getattr(recovery, event)(*args)


# Deletions: if one does not happen, something stale stays in the cache.
DELETIONS = {"delete", "delete_many", "clear"}
# What each call answers while Redis is down (set_many: the keys not stored).
MISSING = {
    "get": lambda key, default=None, version=None: default,
    "get_many": lambda keys, version=None: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda data, *args, **kwargs: list(data),
    "touch": lambda *args, **kwargs: False,
    "incr": lambda *args, **kwargs: None,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda: False,
    "publish": lambda *args, **kwargs: 0,
}


class StrictView:
    """The same cache, raising `CacheUnavailable` where `ResilientRedisCache` carries on."""

    def __init__(self, cache):
        self._cache = cache
        self.breaker = cache.breaker

    def available(self):
        return self.breaker.available()

    def _call(self, method, *args, **kwargs):
        if not self.breaker.allows():
            _report("cache_failed")
            raise CacheUnavailable(f"cache server {self.breaker.name} is not answering")
        try:
            result = method(self._cache, *args, **kwargs)
        except BACKEND_ERRORS as error:
            self.breaker.failed(error)
            _report("cache_failed")
            raise CacheUnavailable(f"cache server {self.breaker.name}: {error}") from error
        except BaseException:
            # Not the server's fault (incr of a missing key): it answered.
            self.breaker.succeeded()
            raise
        self.breaker.succeeded()
        return result

    def clear(self):
        """Empty Redis, then every process's copy of the pages (page_cache.local)."""
        result = self._call(RedisCache.clear)
        local_pages.publish()
        return result

    def publish(self, channel, message):
        return self._call(ReusingRedisCache.publish, channel, message)

    def __getattr__(self, name):
        if name in MISSING:
            method = getattr(RedisCache, name)
            return lambda *args, **kwargs: self._call(method, *args, **kwargs)
        return getattr(self._cache, name)


def _lenient(name):
    def method(self, *args, **kwargs):
        try:
            return getattr(self.strict, name)(*args, **kwargs)
        except CacheUnavailable as error:
            if name in DELETIONS:
                _report("lost", error)
            return MISSING[name](*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"`{name}`, or what a cache without the key answers while Redis is down."
    return method


class ResilientRedisCache(ReusingRedisCache):
    """`ReusingRedisCache` that misses and skips, instead of raising, while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker = breaker_for(server)
        self.strict = StrictView(self)

    def available(self):
        return self.breaker.available()


for _name in MISSING:
    setattr(ResilientRedisCache, _name, _lenient(_name))


class DatabaseCache(db.DatabaseCache):
    """Django's database cache, whose reads still answer on a read-only database.

    Django's `get()` deletes the expired entries it comes across, and lets the
    delete's error through (a failed `set()` it already ignores): on a
    read-only database, every page whose site root paths or menu had expired
    would fail. That clean-up can wait; explicit deletes still raise.
    """

    def _base_delete_many(self, keys):
        # Called by get_many() for the expired entries it read.
        if not keys:
            return False
        try:
            with transaction.atomic(using=router.db_for_write(self.cache_model_class)):
                return super()._base_delete_many(keys)
        except DatabaseError as error:
            logger.warning(
                "Cache %s: expired entries not deleted, the database refused the write (%s)",
                self._table,
                error,
            )
            return False

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return super()._base_delete_many([key])

    def delete_many(self, keys, version=None):
        super()._base_delete_many(
            [self.make_and_validate_key(key, version=version) for key in keys]
        )


class RenditionsCacheMixin:
    """Don't put back what was just read: a rendition read from the cache is marked as such.

    Wagtail 8.0.1 marks only prefetched renditions `_from_cache`, so
    `get_renditions` wrote every rendition it had read from this cache back
    into it, and `get_rendition` wrote whatever it found: a write per image on
    every render (an UPDATE of the cache table without Redis). Fixed upstream
    in wagtail/wagtail#14541 (after 8.0.1); remove this mixin with the upgrade.
    """

    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        if value is not default and hasattr(value, "__dict__"):
            value._from_cache = True
        return value

    def get_many(self, keys, version=None):
        found = super().get_many(keys, version)
        for rendition in found.values():
            if hasattr(rendition, "__dict__"):
                rendition._from_cache = True
        return found

    def set(self, key, value, timeout=db.DEFAULT_TIMEOUT, version=None):
        if not getattr(value, "_from_cache", False):
            super().set(key, value, timeout, version)

    def set_many(self, data, timeout=db.DEFAULT_TIMEOUT, version=None):
        fresh = {
            key: value for key, value in data.items() if not getattr(value, "_from_cache", False)
        }
        return super().set_many(fresh, timeout, version) if fresh else []


class RenditionsDatabaseCache(RenditionsCacheMixin, DatabaseCache):
    pass


class RenditionsRedisCache(RenditionsCacheMixin, ResilientRedisCache):
    pass


class RenditionsMemoryCache(RenditionsCacheMixin, LocMemCache):
    pass


def database_caches():
    """CACHES in the database (`manage.py createcachetable`): production without Redis."""
    return {
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


def redis_caches(url):
    """CACHES for the Redis server at `url`: the "default" and "renditions" caches."""
    # redis-py's pooled connections make one attempt (no `retry`): the
    # breaker decides when to try again.
    options = {"socket_connect_timeout": SOCKET_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT}
    return {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "partnerships",
            "OPTIONS": options,
        },
        "renditions": {
            "BACKEND": "config.cache.RenditionsRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "partnerships-renditions",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": options,
        },
    }


def memory_caches():
    """CACHES in each process's own memory: development and tests, never production."""
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "config.cache.RenditionsMemoryCache",
            "LOCATION": "renditions",
        },
    }
