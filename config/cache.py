"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for
every cache operation; with redis-py 8 that costs about as much as the round
trip to Redis itself, and a page-cache hit is one cache operation. A
`redis.Redis` object is thread-safe (it takes connections from its pool), so
one per pool is enough.

`DatabaseCache` is Django's database cache, minus one way a read can fail
when the database refuses writes.

`redis_caches()`, `database_caches()` and `memory_caches()` build the CACHES
settings of config/settings/.
"""

import logging

from django.core.cache.backends import db
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError, router, transaction

from page_cache.local import local_pages

logger = logging.getLogger(__name__)


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


def database_caches():
    """CACHES in the database (`manage.py createcachetable`): production without Redis."""
    return {
        "default": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "renditions": {
            "BACKEND": "config.cache.DatabaseCache",
            "LOCATION": "wagtail_renditions_cache",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }


def redis_caches(url):
    """CACHES for the Redis server at `url`: the "default" and "renditions" caches."""
    options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    return {
        "default": {
            "BACKEND": "config.cache.ReusingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "partnerships",
            "OPTIONS": options,
        },
        "renditions": {
            "BACKEND": "config.cache.ReusingRedisCache",
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
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
    }
