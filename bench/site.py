"""What bench/run.py asks of the benchmark's own site, run with its environment.

    python bench/site.py page       # the first English partner page's URL
    python bench/site.py urls       # every live page of every locale
    python bench/site.py queries    # search queries from the content (bench/queries.py)
    python bench/site.py grow       # ten times the content, in each locale
    python bench/site.py render     # every page once (makes the renditions)
    python bench/site.py empty-caches

Each prints one line "BENCH-JSON <json>". `grow` adds what the query-budget
tests add for "ten times the content" (tests/test_query_budgets.py
grow_tenfold: a partner page with ten times the timeline events and images,
programmes, partners and search hits) in each of the three languages, with the
tests' factories (the development dependencies).
"""

import json
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

import django  # noqa: E402

django.setup()

import queries  # noqa: E402
from wagtail.models import Page  # noqa: E402

# The search word of each language's added pages (grow_tenfold's "search hits").
SEARCH_WORDS = {"en": "Big data", "zh-hant": "大數據", "zh-hans": "大数据"}


def first_partner_page():
    from partner_pages.models import PartnerPage

    pages = PartnerPage.objects.live().filter(locale__language_code="en").order_by("path")
    page = pages.first()
    return page.url if page else "/en/"


def every_page_url():
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("locale_id", "path")
    return [page.url for page in pages.specific(defer=True) if page.url]


def search_queries():
    return {
        language: queries.search_terms(queries.site_texts(language), language)
        for language in queries.LANGUAGES
    }


def grow_tenfold():
    try:
        from tests.test_query_budgets import grow_tenfold as grow
    except ImportError as error:
        message = f"bench: cannot grow the content ({error}); run `make test` once."
        raise SystemExit(message) from None
    for language, word in SEARCH_WORDS.items():
        grow(language, word)
    return {"pages": Page.objects.live().filter(depth__gt=1).count()}


def render_every_page():
    """Every page once in this process, so that the images' renditions exist before the
    servers start: making them (resizing, encoding) is a one-off, not what is measured."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    statuses = {}
    for url in every_page_url():
        status = str(client.get(url).status_code)
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def empty_caches():
    """Every cache of the settings, emptied (before the servers start again)."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    return sorted(settings.CACHES)


COMMANDS = {
    "page": first_partner_page,
    "urls": every_page_url,
    "queries": search_queries,
    "grow": grow_tenfold,
    "render": render_every_page,
    "empty-caches": empty_caches,
}

if __name__ == "__main__":
    sys.stdout.write("BENCH-JSON " + json.dumps(COMMANDS[sys.argv[1]]()) + "\n")
