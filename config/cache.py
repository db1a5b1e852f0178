"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for
every cache operation; with redis-py 8 that costs about as much as the round
trip to Redis itself, and a page-cache hit is one cache operation. A
`redis.Redis` object is thread-safe (it takes connections from its pool), so
one per pool is enough.

`redis_caches()` and `memory_caches()` build the CACHES settings of
config/settings/.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from page_cache.local import local_pages


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
