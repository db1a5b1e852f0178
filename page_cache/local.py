"""Each worker's own copy of the pages it recently served, emptied by every invalidation.

A hit in the shared cache is one round trip to Redis, or one read of a
large row of the database cache; on a busy machine that costs more than
serving a static file. So each process also keeps the last
`PAGE_CACHE_LOCAL_ENTRIES` pages it fetched, and empties that copy whenever
any process, on any server, invalidates anything:

- With Redis, every invalidation is published on a Redis channel that a
  thread in each process listens to (`store.invalidate_*` also empties its
  own process's copy at once). The copy is only used while that
  subscription is known to be alive (a reply to its own ping within
  `LIVENESS_SECONDS`); it is emptied again whenever the subscription is
  (re)established, so a lost connection can never leave a stale page behind.
- With the database cache, each request first reads the invalidation
  counter (`store.COUNTER_KEY`, one small row), which every invalidation
  raises; a value this process has not seen empties its copy (`observe`).

With a cache in each process's memory (development, tests) it stays off.
"""

import logging
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from redis import Redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

PING_SECONDS = 1.0
# The copy is used only if the subscription answered within this many seconds.
LIVENESS_SECONDS = 3.0


def channel():
    prefix = settings.CACHES[settings.PAGE_CACHE_ALIAS].get("KEY_PREFIX", "")
    return f"{prefix}:pagecache:invalidated"


class LocalPages:
    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        self.epoch = 0
        self._last_heard = 0.0  # monotonic time of the subscription's last sign of life
        self._pid = None
        self._start_lock = threading.Lock()
        self._counter_seen = None  # database cache: the invalidation counter last read

    def checks_counter(self):
        """Whether a request must read the invalidation counter before using the copy."""
        return self._mode() == "counter"

    def observe(self, counter):
        """Database cache: empty the copy if anything was invalidated since it was filled."""
        with self._lock:
            if counter != self._counter_seen:
                self.epoch += 1
                self._entries.clear()
                self._counter_seen = counter

    # --- The copy ----------------------------------------------------------------

    def enabled(self):
        """Whether this process may serve from its copy right now."""
        mode = self._mode()
        if mode == "counter":
            return self._counter_seen is not None
        if mode is None:
            return False
        if self._pid != os.getpid():  # first use in this process (after a fork, too)
            with self._start_lock:
                if self._pid != os.getpid():
                    self._start_listening()
        return time.monotonic() - self._last_heard < LIVENESS_SECONDS

    def get(self, key):
        if not self.enabled():
            return None
        with self._lock:
            item = self._entries.get(key)
            if item is None:
                return None
            entry, expires = item
            if time.time() >= expires:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, entry, epoch):
        """Keep `entry`, unless anything was invalidated since `epoch` was read."""
        if not self.enabled():
            return
        expires = entry.get("stored_at", time.time()) + settings.PAGE_CACHE_SECONDS
        # Not past the moment something on the page turns (store.unexpired).
        expires = min(expires, entry.get("expires_at", expires))
        with self._lock:
            if epoch != self.epoch:
                return
            self._entries[key] = (entry, expires)
            self._entries.move_to_end(key)
            while len(self._entries) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self.epoch += 1
            self._entries.clear()
            self._counter_seen = None  # the next request reads the counter again

    # --- Telling every process ------------------------------------------------------

    def publish(self):
        """Tell every process (this one included, at once) that something was invalidated.

        Raises if Redis does not answer: the other processes' copies may then
        hold what was invalidated (the caller treats it as a lost invalidation).
        """
        self.clear()
        if self._mode() != "redis":
            return  # the database cache's counter tells the other processes
        cache = _cache_backend()
        strict = getattr(cache, "strict", None)
        if strict is not None:  # config.cache: its connections, timeouts and breaker
            strict.publish(channel(), "1")
            return
        with Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=1,
            socket_connect_timeout=1,
            retry=Retry(NoBackoff(), 0),
        ) as client:
            client.publish(channel(), "1")

    def _mode(self):
        """ "redis" (the invalidation channel), "counter" (the database cache) or None (off)."""
        if settings.PAGE_CACHE_LOCAL_ENTRIES <= 0:
            return None
        backend = _cache_backend()
        if isinstance(backend, RedisCache) and settings.REDIS_URL:
            return "redis"
        if isinstance(backend, DatabaseCache):
            return "counter"
        return None

    def _start_listening(self):
        self._pid = os.getpid()
        self._last_heard = 0.0
        self.clear()
        threading.Thread(target=self._listen, name="page-cache-invalidations", daemon=True).start()

    def _listen(self):
        pid = os.getpid()
        while self._pid == pid:
            try:
                self._listen_once(pid)
            except (RedisError, OSError):
                logger.warning("Page cache: lost the invalidation channel; reconnecting")
            except Exception:
                logger.exception("Page cache: invalidation listener failed; restarting it")
            self._last_heard = 0.0
            self.clear()
            # Invalidations may have been lost meanwhile, by any process.
            from . import recovery

            recovery.cache_failed()
            time.sleep(1)

    def _listen_once(self, pid):
        client = Redis.from_url(settings.REDIS_URL, socket_timeout=5, socket_connect_timeout=2)
        pubsub = client.pubsub()
        pubsub.subscribe(channel())
        last_ping = 0.0
        try:
            while self._pid == pid:
                now = time.monotonic()
                if now - last_ping >= PING_SECONDS:
                    pubsub.ping()
                    last_ping = now
                message = pubsub.get_message(timeout=PING_SECONDS)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    self.clear()  # whatever happened while not listening
                elif message["type"] == "message":
                    self.clear()
                # Any message (the subscription's confirmation, an invalidation,
                # a reply to our ping) proves the channel is alive.
                self._last_heard = time.monotonic()
        finally:
            pubsub.close()
            client.close()


def _cache_backend():
    return caches[settings.PAGE_CACHE_ALIAS]


local_pages = LocalPages()
