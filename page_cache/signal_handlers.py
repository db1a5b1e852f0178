"""What each change invalidates, in our cache and in the CDN (frontend_cache).

- Publishing, unpublishing or deleting a page (a translation's publish is a
  publish of that page): the page, every ancestor up to its locale's home
  page (they list it: the partner page lists its programmes, the index its
  partners, the home page the featured partnerships), all their translations
  in every locale (their language switchers and hreflang links name it), the
  page's descendants (their breadcrumbs, and a programme's partner line, show
  its title), and `PAGE_CACHE_ALWAYS_INVALIDATE` (the sitemap).
- Publishing or unpublishing a page of a type marked `page_cache_shown_everywhere`
  (the enquiry form: every partner and programme page links to its language's
  form): everything.
- Moving a page or changing its slug changes the URL of the page and of all
  its descendants: everything is invalidated.
- Saving or deleting a snippet, a site, a locale or a view restriction, or
  changing an image or a document: these show on pages no signal names (a
  footer, a contact card, a logo, a programme card that a new restriction
  hides), so everything is invalidated (`core.shown_on_pages`). Publishing a
  snippet saves its row, so it counts; saving a draft of one (or locking it)
  writes only revision bookkeeping, which no page shows, and does not.

Our cache is invalidated at once and again when the transaction commits: the
second pass covers a visitor who read the old data just before the commit.
The CDN is purged once, after the commit. Everything-invalidations are not
sent to the CDN: its copies expire within `PAGE_CACHE_CDN_MAX_AGE` seconds.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.shown_on_pages import deletion_changes_pages, save_changes_pages

from . import store

logger = logging.getLogger(__name__)


def related_pages(page):
    """The page, its ancestors below the tree root, every translation of each, its descendants."""
    lineage = Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1)
    return (
        Page.objects.filter(
            Q(translation_key__in=lineage.values("translation_key"))
            | Q(translation_key=page.translation_key)
            | Q(path__startswith=page.path, depth__gt=page.depth)
        )
        .select_related("locale")
        .defer_streamfields()
    )


def page_paths(page):
    """The URL paths (without host) a page is served at, sub-routes included."""
    parts = page.get_url_parts()
    if not parts or not parts[2]:
        return set()
    path = parts[2]
    return {path + sub_path.lstrip("/") for sub_path in page.specific_deferred.get_cached_paths()}


def _in_transaction():
    return transaction.get_connection().in_atomic_block


def _run(action):
    try:
        action()
    except store.CACHE_ERRORS:
        logger.exception("Page cache invalidation failed")


def _now_and_on_commit(action):
    _run(action)
    if _in_transaction():
        transaction.on_commit(lambda: _run(action))


def _purge_frontend_cache(pages, extra_paths):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    root_urls = {site.root_url for site in Site.objects.all()}
    batch.add_urls(root_url + path for root_url in root_urls for path in extra_paths)
    transaction.on_commit(batch.purge)


def invalidate_page(page, *, also_paths=()):
    """Invalidate a page, the pages around it (see the module docstring) and the sitemap."""
    pages = list(related_pages(page))
    paths = set(also_paths) | set(settings.PAGE_CACHE_ALWAYS_INVALIDATE)
    for related in pages:
        paths |= page_paths(related)
    _now_and_on_commit(lambda: store.invalidate_paths(paths))
    _purge_frontend_cache(
        [related for related in pages if related.live],
        set(settings.PAGE_CACHE_ALWAYS_INVALIDATE) | set(also_paths),
    )


def invalidate_everything():
    _now_and_on_commit(store.invalidate_all)


def shown_everywhere(page):
    """A page type that says every page links to it (`page_cache_shown_everywhere`)."""
    return getattr(page.specific_class, "page_cache_shown_everywhere", False)


def on_page_published(sender, instance, **kwargs):
    if shown_everywhere(instance):
        invalidate_everything()
    invalidate_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    if shown_everywhere(instance):
        invalidate_everything()
    invalidate_page(instance)


def on_page_deleted(sender, instance, **kwargs):
    # The page's row is gone, but its path, URL path and locale still say
    # where it was served; its ancestors and translations are still there.
    invalidate_page(instance, also_paths=page_paths(instance))


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        invalidate_everything()
    else:  # reordered among its siblings: the pages that list it change
        invalidate_page(instance)


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    invalidate_everything()


def on_object_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if save_changes_pages(sender, instance, created, update_fields):
        invalidate_everything()


def on_object_deleted(sender, instance, **kwargs):
    if deletion_changes_pages(sender, instance):
        invalidate_everything()


def connect():
    page_published.connect(on_page_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="page_cache_unpublished")
    # Deleting any page deletes its row in the base table: one signal per page.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="page_cache_page_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(on_page_slug_changed, dispatch_uid="page_cache_slug_changed")
    post_save.connect(on_object_saved, dispatch_uid="page_cache_object_saved")
    post_delete.connect(on_object_deleted, dispatch_uid="page_cache_object_deleted")
