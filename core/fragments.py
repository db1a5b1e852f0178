"""The rendered body of a page, kept in the cache per revision, language and day.

A partner, programme or standard page's body (its `content` block: the
blocks, the research areas, the programme cards, the contacts, the "ask
about" link) is most of what rendering the page costs, and changes only when
something it shows changes. The page's `get_context` looks the body up
(`lookup`) and loads what the body shows only on a miss; the template's
`{% cached_body %}` (core.templatetags.fragment_tags) prints the stored body
or renders and stores it, with what the page's head needs from the same
rows (`BodyFragment.head`: the share image). An entry is keyed by

- the page and its live revision: publishing the page makes a new key;
- the language, and the site the request is for (its links and addresses);
- the day in Hong Kong (TIME_ZONE): a call's status can turn at midnight; an
  entry also carries the earliest moment a status on it turns
  (`request.page_cache_expires_at`, see partner_tags.programme_status), is
  not served after it, and gives it back to the request for the page cache;

and it holds the **generation** it was rendered in. Everything a body shows
from elsewhere changes the generation (`connect_signals`): any page
published, unpublished, moved or deleted (programme cards, child pages, the
enquiry form, links to pages), and any snippet (contacts, research areas),
image, document, site, locale or view restriction saved or deleted
(core.shown_on_pages). That orphans every stored body at once: exact, and no
worse than the page cache, which such a change empties too. The generation
is deleted at once and again when the transaction commits (a visitor who
read the old rows just before the commit stored under the in-between
generation); a deletion that does not reach Redis is a lost invalidation,
which config.cache reports and page_cache.recovery makes good by emptying
every cache.

Never cached: previews (a draft's body under the live revision's key), pages
without a live revision, requests without a page. A cache that does not
answer is no cache: the body is rendered, not stored.
"""

import logging
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .shown_on_pages import deletion_changes_pages, save_changes_pages

logger = logging.getLogger(__name__)

GENERATION_KEY = "fragments:generation"
BODY_KEY = "fragments:body:{page}:{revision}:{language}:{site}:{day}"
# The day is in the key: an entry is worth nothing after it.
CACHE_SECONDS = 60 * 60 * 26
# What a cache may raise: the database cache on a database that refuses, a
# cache server that does not answer (config.cache turns most into misses).
CACHE_ERRORS = (DatabaseError, OSError)
# The request attribute the page cache reads (page_cache.middleware).
EXPIRES_ATTRIBUTE = "page_cache_expires_at"


@dataclass
class BodyFragment:
    key: str | None  # None: not to be cached
    generation: int | None = None
    html: str | None = None  # the stored body, on a hit
    until: object = None  # when the stored body stops being true (a datetime), if ever
    # Values the page's <head> shows that cost queries and change only with the
    # body's key or generation (the share image: core.templatetags.seo_tags).
    head: dict = field(default_factory=dict)

    @property
    def hit(self):
        return self.html is not None


def _body_key(request, page):
    if request is None or getattr(request, "is_preview", False):
        return None
    if not page.live or page.live_revision_id is None:
        return None
    site = Site.find_for_request(request)
    return BODY_KEY.format(
        page=page.pk,
        revision=page.live_revision_id,
        language=translation.get_language(),
        site=site.pk if site else "-",
        day=timezone.localdate().isoformat(),
    )


def _current_generation(values):
    generation = values.get(GENERATION_KEY)
    if generation is None:
        # A new generation after an invalidation (or on an empty cache): the
        # clock makes it differ from every earlier one.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def lookup(request, page):
    """The page's stored body if there is a true one, else what `store` needs."""
    key = _body_key(request, page)
    if key is None:
        return BodyFragment(key=None)
    try:
        values = cache.get_many([GENERATION_KEY, key])
        generation = _current_generation(values)
    except CACHE_ERRORS:
        logger.warning("Fragment cache unavailable: rendering the body", exc_info=True)
        return BodyFragment(key=None)
    if generation is None:  # the cache keeps nothing (down, or a dummy cache)
        return BodyFragment(key=None)
    entry = values.get(key)
    if entry and entry["generation"] == generation:
        until = entry["until"]
        if until is None or until > timezone.now():
            return BodyFragment(key, generation, entry["html"], until, entry["head"])
    return BodyFragment(key, generation)


def store(fragment, html, until):
    if fragment.key is None:
        return
    timeout = CACHE_SECONDS
    if until is not None:
        timeout = min(timeout, int((until - timezone.now()).total_seconds()))
        if timeout <= 0:
            return
    entry = {"generation": fragment.generation, "html": html, "until": until, "head": fragment.head}
    try:
        cache.set(fragment.key, entry, timeout)
    except CACHE_ERRORS:
        logger.warning("Fragment cache unavailable: body not stored", exc_info=True)


def keep_until(request, until):
    """Tell the page cache the page is true only until `until` (the earliest wins)."""
    if request is None or until is None:
        return
    current = getattr(request, EXPIRES_ATTRIBUTE, None)
    if current is None or until < current:
        setattr(request, EXPIRES_ATTRIBUTE, until)


def render_tracking_expiry(request, render):
    """`render()`, and the earliest moment something it rendered stops being true."""
    if request is None:
        return render(), None
    before = getattr(request, EXPIRES_ATTRIBUTE, None)
    setattr(request, EXPIRES_ATTRIBUTE, None)
    try:
        html = render()
        until = getattr(request, EXPIRES_ATTRIBUTE, None)
    finally:
        setattr(request, EXPIRES_ATTRIBUTE, before)
    keep_until(request, until)
    return html, until


# --- Invalidation ------------------------------------------------------------------------


def _forget_generation():
    # ResilientRedisCache reports a deletion that does not happen (config.cache).
    try:
        cache.delete(GENERATION_KEY)
    except CACHE_ERRORS:
        logger.exception("Fragment cache invalidation failed")


def invalidate(**_kwargs):
    """Orphan every stored body, now and again when the transaction commits."""
    _forget_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_forget_generation)


def _on_save(sender, instance, created=False, update_fields=None, **kwargs):
    if save_changes_pages(sender, instance, created, update_fields):
        invalidate()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) or deletion_changes_pages(sender, instance):
        invalidate()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"fragments-{signal}")
    post_save.connect(_on_save, dispatch_uid="fragments-object-saved")
    post_delete.connect(_on_delete, dispatch_uid="fragments-object-deleted")
