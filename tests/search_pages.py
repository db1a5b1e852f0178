"""Helpers for the search tests: pages made from existing page types, by title."""

import itertools

from wagtail.models import Locale, Page

from home.models import HomePage

_slugs = itertools.count(1)


def home_page(language):
    return Page.objects.get(depth=2, locale__language_code=language).specific


def make_page(title, language="zh-hant", live=True, parent=None, page_class=HomePage, **fields):
    """A page titled `title` under the locale's home page, published unless `live=False`."""
    parent = parent or home_page(language)
    page = page_class(title=title, slug=f"search-test-{next(_slugs)}", live=live, **fields)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def search_titles(query, language=None, queryset=None):
    """Titles of the live pages below the home pages that `query` finds.

    Home pages are left out: other test modules may leave demo text on them.
    """
    queryset = queryset if queryset is not None else Page.objects.live().filter(depth__gt=2)
    if language:
        queryset = queryset.filter(locale=Locale.objects.get(language_code=language))
    return {page.title for page in queryset.search(query)}
