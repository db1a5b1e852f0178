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

What an entry is keyed by: the scheme, the Wagtail site (not the Host
header: `page_address`), the path, and only the query parameters the page
reads (`cache_query`). Which those are is stored next to the entries, per
address, with the same freshness rule (`params_key`), so a request with any
other query string finds the page without it.

An invalidation that cannot reach the cache is not lost: `recovery` empties
the cache before anything is served from it again.

What turns with the calendar (a programme's status at midnight Hong Kong
time) is not a change any signal announces: a page that shows such a thing
says when it turns (`request.page_cache_expires_at`, see middleware), its
entry records that moment (`expires_at`), and a lookup after it is a miss.
"""

import hashlib
import logging
import math
import re
import time
from urllib.parse import parse_qsl, unquote, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_max_age, patch_cache_control
from redis.exceptions import RedisError

from core import sites

from . import recovery
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
    """The page cache's cache, raising when it does not answer (see config.cache)."""
    return recovery.strict(caches[settings.PAGE_CACHE_ALIAS])


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_path(path):
    """One spelling for a path, whether percent-encoded (reverse) or not (request.path)."""
    return unquote(path)


def path_key(path):
    """The generation key of a URL path (every host and query string of it shares it)."""
    return "pagecache:path:" + _digest(normalise_path(path))


def page_address(request):
    """Scheme, site and path: what every stored variant of a URL shares.

    The site is the Wagtail site the request is for (core.sites), not the Host
    header: every host and port that reaches the same site shares its entries.
    """
    site = sites.site_for(request)
    return "{}://site-{}{}".format(
        request.scheme, site.pk if site else "none", normalise_path(request.path)
    )


def cache_query(query_params, query_string):
    """The part of a query string that picks a variant: `query_params` only, sorted.

    Like `request.GET.get()`, the last value of a repeated parameter counts.
    """
    values = {
        name: value
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if name in query_params
    }
    return urlencode(sorted(values.items()))


def entry_key(address, query=""):
    """The key of the stored response for a page address and its variant's query."""
    return "pagecache:page:" + _digest(address + "?" + query)


def params_key(address):
    """The key of what a page address reads from the query string (`params_record`)."""
    return "pagecache:params:" + _digest(address)


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


def _fresh(item, path_generation, clear_generation):
    return item is not None and is_fresh(item["start"], path_generation, clear_generation)


def unexpired(entry):
    """False once something the stored page shows has turned (its `expires_at`).

    The clock is Django's (`timezone.now`), the one the page's statuses read.
    """
    expires_at = entry.get("expires_at")
    return expires_at is None or timezone.now().timestamp() < expires_at


def _local_lookup(address, query_string):
    if not query_string:
        return local_pages.get(entry_key(address))
    record = local_pages.get(params_key(address))
    if record is None:
        return None
    return local_pages.get(entry_key(address, cache_query(record["params"], query_string)))


def lookup(request):
    """Return `(response, None)` for a fresh stored page, else `(None, start)`.

    No round trip when this process holds the page (see `local`; with the
    database cache, one read of the invalidation counter), one to the shared
    cache otherwise (two for a variant picked by a query parameter); a
    miss also starts the counter if it was never set. Without a query string
    the key is known at once; with one, the address's `params` record says
    which parameters pick a variant, and every other parameter is ignored:
    until a page has been stored at the address, such a request is a miss.
    """
    recovery.settle()
    address = page_address(request)
    query_string = request.META.get("QUERY_STRING", "")
    if local_pages.checks_counter():
        # The database cache: one small row says whether this process's copy still holds.
        local_pages.observe(get_cache().get(COUNTER_KEY))
    entry = _local_lookup(address, query_string)
    if entry is not None and unexpired(entry):
        return _response_from_entry(entry), None
    epoch = local_pages.epoch
    cache = get_cache()
    generation = path_key(request.path)
    key = entry_key(address)
    wanted = [key, generation, CLEAR_KEY, COUNTER_KEY]
    if query_string:
        wanted.append(params_key(address))
    values = cache.get_many(wanted)
    path_generation, clear_generation = values.get(generation), values.get(CLEAR_KEY)
    entry = values.get(key)
    if query_string:
        record = values.get(params_key(address))
        if not _fresh(record, path_generation, clear_generation):
            entry = None  # which parameters matter is not known yet
        else:
            local_pages.put(params_key(address), record, epoch)
            query = cache_query(record["params"], query_string)
            if query:
                key = entry_key(address, query)
                entry = cache.get(key)
    if _fresh(entry, path_generation, clear_generation) and unexpired(entry):
        local_pages.put(key, entry, epoch)
        return _response_from_entry(entry), None
    start = values.get(COUNTER_KEY)
    if start is None:
        start = _current_counter(cache)
    if local_pages.checks_counter():
        # The counter may have started just now: the copy can keep this page.
        # (store() keeps it only if nothing was invalidated since `start`.)
        local_pages.observe(start)
        epoch = local_pages.epoch
    request.page_cache_epoch = epoch
    return None, start


def store(request, response, start, query_params=(), expires_at=None):
    """Keep `response` for the next anonymous visitors of this URL.

    `query_params`: the query parameters the page reads; the others are not
    part of the key, so they share the stored page. `expires_at` (an aware
    datetime): when something the page shows turns; it is not served after.
    """
    if start is None or not sites.confirm(request):
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
    stored_at = time.time()
    entry = {
        "start": start,
        "stored_at": stored_at,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
        "content": response.content,
    }
    timeout = settings.PAGE_CACHE_SECONDS
    if expires_at is not None:
        entry["expires_at"] = expires_at.timestamp()
        left = (expires_at - timezone.now()).total_seconds()
        timeout = max(1, min(timeout, math.ceil(left)))
    address = page_address(request)
    query = cache_query(query_params, request.META.get("QUERY_STRING", ""))
    key = entry_key(address, query)
    # What the address reads from the query string, valid as long as the page is.
    record = {"start": start, "stored_at": stored_at, "params": sorted(query_params)}
    cache.set_many({key: entry, params_key(address): record}, timeout=timeout)
    # Only if nothing was invalidated since the request started (epoch).
    if getattr(request, "page_cache_epoch", None) is not None and is_fresh(
        start, current.get(generation, now), current.get(CLEAR_KEY, now)
    ):
        local_pages.put(key, entry, request.page_cache_epoch)
        local_pages.put(params_key(address), record, request.page_cache_epoch)


def bound_cache_control(response, seconds):
    """Cut the response's max-age and s-maxage to `seconds` (browsers and CDNs)."""
    cache_control = response.get("Cache-Control", "").lower()
    if "no-store" in cache_control or "no-cache" in cache_control:
        return
    max_age = get_max_age(response)
    s_maxage = max_age
    for part in re.split(r"\s*,\s*", cache_control):
        if part.startswith("s-maxage="):
            s_maxage = int(part.split("=", 1)[1])
    bounds = {}
    if max_age is not None and max_age > seconds:
        bounds["max_age"] = seconds
    if s_maxage is not None and s_maxage > seconds:
        bounds["s_maxage"] = seconds
    if bounds:
        patch_cache_control(response, **bounds)


def _response_from_entry(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry.get("expires_at") is not None:
        # Served later than stored: browsers and CDNs get only the time left now.
        left = int(entry["expires_at"] - timezone.now().timestamp())
        bound_cache_control(response, max(0, left))
    return response


def invalidate_paths(paths):
    """Stop serving stored pages at these URL paths (all hosts, all query strings).

    Returns False if the cache did not answer: then `recovery` empties it
    before anything stored is served again.
    """
    paths = {normalise_path(path) for path in paths}
    if not paths:
        return True
    local_pages.clear()
    try:
        cache = get_cache()
        value = _next_counter(cache)
        cache.set_many({path_key(path): value for path in paths}, timeout=None)
        local_pages.publish()
    except CACHE_ERRORS as error:
        recovery.lost(error)
        return False
    logger.debug("Page cache: invalidated %s", ", ".join(sorted(paths)))
    return True


def invalidate_all():
    """Stop serving every stored page; False if the cache did not answer (see above)."""
    local_pages.clear()
    try:
        cache = get_cache()
        cache.set(CLEAR_KEY, _next_counter(cache), timeout=None)
        local_pages.publish()
    except CACHE_ERRORS as error:
        recovery.lost(error)
        return False
    logger.debug("Page cache: invalidated every page")
    return True
