"""Serve anonymous GETs of published pages from the shared cache, and fill it.

Placed right after WhiteNoise and before the session, locale, CSRF and
authentication middleware, so a hit returns before any of them (and before
the database) is touched. Only responses that a Wagtail page (or a view
decorated with `cache_publicly`) produced are stored, and only when nothing
about them belongs to one visitor.
"""

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_max_age, patch_cache_control

from . import recovery, store

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
# Set on the request by `mark_cacheable`: the view is a page (or a view of the
# same kind) whose anonymous response may be shared.
REQUEST_MARK = "page_cache_candidate"
REQUEST_IGNORED_VARY = "page_cache_ignored_vary"
REQUEST_QUERY_PARAMS = "page_cache_query_params"
# Set by a view (as a dict) to say which values of its query parameters it
# used: a response for a value it did not use (`?area=nonsense`) is not stored.
REQUEST_QUERY_USED = "page_cache_query"
# Set by whatever renders something that turns with the calendar (an aware
# datetime: a programme's status and countdown turn at midnight Hong Kong
# time): the page is kept, by us and by browsers and CDNs, no longer than that.
REQUEST_EXPIRES = "page_cache_expires_at"

VARY_DELIMITER = re.compile(r"\s*,\s*")


def mark_cacheable(request, ignored_vary=(), query_params=()):
    """Say that this request's response may be shared if nothing in it is personal.

    `ignored_vary` lists `Vary` headers the view's output does not actually
    depend on (e.g. `Accept-Language` set by LocaleMiddleware on a URL without
    a language prefix whose content is the same in every language).
    `query_params` lists the query parameters the view reads: each value of
    them is its own entry, and every other parameter shares the page without
    them (it cannot make the cache store anything new).
    """
    setattr(request, REQUEST_MARK, True)
    setattr(request, REQUEST_IGNORED_VARY, {name.lower() for name in ignored_vary})
    setattr(request, REQUEST_QUERY_PARAMS, tuple(query_params))


def _query_values_used(request):
    """False if the view said it did not use the values of its parameters in this URL."""
    used = getattr(request, REQUEST_QUERY_USED, None)
    if used is None:
        return True
    params = getattr(request, REQUEST_QUERY_PARAMS, ())
    used = {name: value for name, value in used.items() if name in params}
    asked = store.cache_query(params, request.META.get("QUERY_STRING", ""))
    return urlencode(sorted(used.items())) == asked


# A session (every logged-in user) or messages waiting to be shown (a form's
# "thank you") make the next page personal.
PERSONAL_COOKIES = ("messages",)


def request_may_use_cache(request):
    """Anonymous GET or HEAD without a session: the only requests a stored page may answer."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _vary_headers(response):
    if not response.has_header("Vary"):
        return set()
    return {name.lower() for name in VARY_DELIMITER.split(response["Vary"]) if name}


def seconds_left(request):
    """Whole seconds until what the page shows turns (None: nothing it shows does)."""
    expires_at = getattr(request, REQUEST_EXPIRES, None)
    if expires_at is None:
        return None
    return max(0, int((expires_at - timezone.now()).total_seconds()))


def response_may_be_stored(request, response):
    """Whether this response is the same for every anonymous visitor of the URL."""
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "").lower()
    allowed_vary = {"cookie"} | getattr(request, REQUEST_IGNORED_VARY, set())
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        # A cookie set (CSRF token, session, messages) makes the page personal.
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
        # A CSP nonce (django-csp's lazy `request.csp_nonce`, true once read) is
        # one visitor's: stored, every visitor would get the same one.
        and not getattr(request, "csp_nonce", None)
        # Wagtail marks pages with view restrictions `private, no-cache`.
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and get_max_age(response) != 0
        and _vary_headers(response) <= allowed_vary
        and _query_values_used(request)
        # Something on it turns within the second: render it afresh next time.
        and seconds_left(request) != 0
    )


def _cache_failed(error, message):
    # The Redis backend (config.cache) logs an outage once, not per request.
    if not getattr(error, "already_logged", False):
        logger.exception(message)
    recovery.cache_failed()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)

        start = None
        if request_may_use_cache(request):
            try:
                cached, start = store.lookup(request)
            except store.CACHE_ERRORS as error:
                _cache_failed(error, "Page cache lookup failed; serving without the cache")
                cached = None
            if cached is not None:
                cached[HEADER] = "hit"
                return cached

        response = self.get_response(request)
        if not getattr(request, REQUEST_MARK, False):
            return response

        if start is not None and response_may_be_stored(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(
                    response,
                    public=True,
                    max_age=settings.PAGE_CACHE_MAX_AGE,
                    s_maxage=settings.PAGE_CACHE_CDN_MAX_AGE,
                )
            expires_at = getattr(request, REQUEST_EXPIRES, None)
            if expires_at is not None:
                store.bound_cache_control(response, seconds_left(request))
            try:
                store.store(
                    request,
                    response,
                    start,
                    getattr(request, REQUEST_QUERY_PARAMS, ()),
                    expires_at=expires_at,
                )
            except store.CACHE_ERRORS as error:
                _cache_failed(error, "Page cache store failed")
            response[HEADER] = "miss"
        else:
            # Personal or one-off (logged in, a form after POST, a restricted
            # page, a CSRF cookie): no shared cache may keep it, CDN included.
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            response[HEADER] = "bypass"
        return response
