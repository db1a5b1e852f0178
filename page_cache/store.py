"""Keys, lookup, storage and invalidation of the shared page cache.

How an entry stays correct without keeping a list of keys per page:

- A counter in the cache goes up with every invalidation.
- A request that may be served from the cache reads the counter in the same
  round trip as its lookup, before the view touches the database; if it has
  to render the page, the entry it stores records that value as its `start`.
- Invalidating a URL path sets that path's generation key to a new counter
  value; invalidating everything sets the "clear" key the same way.
- An entry is served only while both keys exist and its `start` is at least
  both of them.

So a page rendered from data read before a publish committed is never served
after that publish's invalidation ran, even if it was stored afterwards; and
a key lost to eviction (Redis under memory pressure, the database cache's
culling) can only cause a miss, never a stale page.
"""

import hashlib
import logging
import time
from urllib.parse import parse_qsl, unquote, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from redis.exceptions import RedisError

from .local import local_pages

logger = logging.getLogger(__name__)

# What a failing cache backend raises (Redis down, database cache table
# missing): the site then serves pages uncached instead of failing.
CACHE_ERRORS = (OSError, DatabaseError, RedisError)

COUNTER_KEY = "pagecache:counter"
CLEAR_KEY = "pagecache:clear"
# Headers that belong to one response, not to the stored page.
UNSTORED_HEADERS = {"set-cookie", "x-page-cache"}


def get_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_path(path):
    """One spelling for a path, whether percent-encoded (reverse) or not (request.path)."""
    return unquote(path)


def path_key(path):
    """The generation key of a URL path (every query string of it shares it)."""
    return "pagecache:path:" + _digest(normalise_path(path))


def cache_query(query_string):
    """The query string as the cache sees it: tracking parameters dropped, order kept."""
    ignored = settings.PAGE_CACHE_IGNORED_PARAMS
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not any(name == prefix or name.startswith(prefix + "_") for prefix in ignored)
    ]
    return urlencode(pairs)


def entry_key(request):
    """The key of the stored response for this scheme, host, path and query."""
    url = "{}://{}{}?{}".format(
        request.scheme,
        request.get_host(),
        normalise_path(request.path),
        cache_query(request.META.get("QUERY_STRING", "")),
    )
    return "pagecache:page:" + _digest(url)


def _current_counter(cache):
    """The counter's value, starting it if it is missing.

    A counter that was evicted restarts from the clock in nanoseconds, which
    is larger than any value it reached before, so generations never go back.
    """
    value = cache.get(COUNTER_KEY)
    if value is None:
        cache.add(COUNTER_KEY, time.time_ns(), timeout=None)
        value = cache.get(COUNTER_KEY)
    return value


def _next_counter(cache):
    try:
        value = cache.incr(COUNTER_KEY)
    except ValueError:  # missing: start it, then count
        cache.add(COUNTER_KEY, time.time_ns(), timeout=None)
        value = cache.incr(COUNTER_KEY)
    # Some backends' incr() re-sets the key with the default timeout.
    cache.touch(COUNTER_KEY, None)
    return value


def is_fresh(start, path_generation, clear_generation):
    return (
        path_generation is not None
        and clear_generation is not None
        and start >= path_generation
        and start >= clear_generation
    )


def lookup(request):
    """Return `(response, None)` for a fresh stored page, else `(None, start)`.

    No round trip when this process holds the page (see `local`), one to the
    shared cache otherwise; a miss also starts the counter if it was never set.
    """
    key = entry_key(request)
    entry = local_pages.get(key)
    if entry is not None:
        return _response_from_entry(entry), None
    epoch = local_pages.epoch
    cache = get_cache()
    generation = path_key(request.path)
    values = cache.get_many([key, generation, CLEAR_KEY, COUNTER_KEY])
    entry = values.get(key)
    if entry is not None and is_fresh(
        entry["start"], values.get(generation), values.get(CLEAR_KEY)
    ):
        local_pages.put(key, entry, epoch)
        return _response_from_entry(entry), None
    start = values.get(COUNTER_KEY)
    if start is None:
        start = _current_counter(cache)
    request.page_cache_epoch = epoch
    return None, start


def store(request, response, start):
    """Keep `response` for the next anonymous visitors of this URL."""
    if start is None:
        return
    cache = get_cache()
    generation = path_key(request.path)
    current = cache.get_many([COUNTER_KEY, generation, CLEAR_KEY])
    now = current.get(COUNTER_KEY)
    if now is None:
        now = _current_counter(cache)
    # An entry is only served while its generation keys exist; create any
    # that are missing at the current value (add() never lowers one).
    for name in (generation, CLEAR_KEY):
        if current.get(name) is None:
            cache.add(name, now, timeout=None)
    entry = {
        "start": start,
        "stored_at": time.time(),
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "content": response.content,
    }
    key = entry_key(request)
    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    # Only if nothing was invalidated since the request started (epoch).
    if getattr(request, "page_cache_epoch", None) is not None and is_fresh(
        start, current.get(generation, now), current.get(CLEAR_KEY, now)
    ):
        local_pages.put(key, entry, request.page_cache_epoch)


def _response_from_entry(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def invalidate_paths(paths):
    """Stop serving stored pages at these URL paths (all hosts, all query strings)."""
    paths = {normalise_path(path) for path in paths}
    if not paths:
        return
    cache = get_cache()
    value = _next_counter(cache)
    cache.set_many({path_key(path): value for path in paths}, timeout=None)
    local_pages.publish()
    logger.debug("Page cache: invalidated %s", ", ".join(sorted(paths)))


def invalidate_all():
    """Stop serving every stored page."""
    cache = get_cache()
    cache.set(CLEAR_KEY, _next_counter(cache), timeout=None)
    local_pages.publish()
    logger.debug("Page cache: invalidated every page")
