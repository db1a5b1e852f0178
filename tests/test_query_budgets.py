"""What each page costs on a page-cache miss: an exact number of SQL queries, whatever the content.

A page whose cost grows with its content (a query per card, per image, per
programme, per translation) is slow exactly when it matters: when the page
cache has just been emptied by a publish. Each budget is measured with the
demo content on a miss (the stored page invalidated) after one request has
warmed Wagtail's own caches (site root paths, image renditions), and again
with ten times as many timeline events, programmes, partners, images and
search results: the numbers must not move.
"""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import fragments
from page_cache import store
from partner_pages.models import PartnerIndexPage, PartnerPage
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH_EN = "/en/search/?query=" + quote("big data")
SEARCH_HANT = "/zh-hant/search/?query=" + quote("大數據")

# Queries on a miss (the page cache and the page body cache both emptied), the
# same with the demo content and with ten times as much. Which pages are
# visible is one query with the pages it lists (core.visibility), not two.
# A page: the site, its locale and route (Chinese: +1, the locale's root page),
# view restrictions, then its own content in bulk (cards, images with their
# renditions, programmes, contacts), the language switcher's translations,
# and the header's menu and footer (cached by core.site_chrome: none once warm).
# A partner page also lists its child pages that are not programmes (one query;
# one more per page type when it has some: the joint laboratory's).
BUDGETS = {
    "/en/": 14,
    "/zh-hant/": 16,
    "/zh-hans/": 16,
    "/en/partnerships/": 13,
    "/zh-hant/partnerships/": 15,
    "/en/partnerships/alibaba/": 19,
    "/zh-hant/partnerships/alibaba/": 21,
    "/en/partnerships/alibaba/air/": 18,
    "/zh-hant/partnerships/alibaba/air/": 20,
    # Search (Chinese-aware backend, search/backends) loads its results page by
    # page type: a query per type among the ten results shown, plus the ranking
    # and the promotions (the search-terms count is written later, outside the
    # request: search.hits); excerpts read the stored text and
    # load no image or snippet. So it is bounded by the number of page types, not
    # by the amount of content. Each: the locale, the view restrictions (once, for
    # the results and the promotions), the ranking (two: the scores, then which
    # of the matching pages the visitor may see), which also gives the count, the
    # results' page types, a query per page type, the site (for the results' URLs)
    # and the promotions.
    SEARCH_EN: 10,
    SEARCH_HANT: 10,
}
# With ten times the content the first page of results is mostly the new
# standard pages: fewer page types shown, fewer queries.
TENFOLD_SEARCH = 8
TENFOLD_BUDGETS = {**BUDGETS, SEARCH_EN: TENFOLD_SEARCH, SEARCH_HANT: TENFOLD_SEARCH}
# The same on a page-cache miss whose body is still stored (core.fragments): the
# partner and programme pages read no image, research area, programme, child
# page, contact or phone number, only the body's one cache entry. The other
# page types keep no body.
BODY_STORED_BUDGETS = {
    **BUDGETS,
    "/en/partnerships/alibaba/": 12,
    "/zh-hant/partnerships/alibaba/": 13,
    "/en/partnerships/alibaba/air/": 14,
    "/zh-hant/partnerships/alibaba/air/": 15,
}
TENFOLD_BODY_STORED_BUDGETS = {
    **BODY_STORED_BUDGETS,
    SEARCH_EN: TENFOLD_SEARCH,
    SEARCH_HANT: TENFOLD_SEARCH,
}

# A search no one asked before (the server warmed by another): the same queries
# as a repeated search, as nothing of a search is kept for the next; fewer where
# its first ten results are of fewer page types (cloud computing: two, not four).
# (query asked first, the new query, its queries with the demo content, with ten
# times as much)
NEW_SEARCHES = {
    "en": ("big data", "cloud computing", 8, 8),
    "zh-hant": ("大數據", "雲計算", 8, 8),
    "zh-hans": ("大数据", "通訊", 10, 8),
}


def queries_on_a_miss(client, url, body_stored=False):
    warm_up = client.get(url)
    assert warm_up.status_code == 200, url
    store.invalidate_all()
    if not body_stored:
        fragments.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") in (None, "miss"), url  # search is never stored
    return len(queries.captured_queries)


def measure(client, body_stored=False):
    return {url: queries_on_a_miss(client, url, body_stored) for url in BUDGETS}


def queries_of_a_new_search(client, language, asked_before, new_query):
    assert client.get(f"/{language}/search/?query={quote(asked_before)}").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/search/?query={quote(new_query)}")
    assert response.status_code == 200, new_query
    assert b'class="search-result ' in response.content, new_query  # it finds pages
    return len(queries.captured_queries)


def measure_new_searches(client):
    return {
        language: queries_of_a_new_search(client, language, asked_before, new_query)
        for language, (asked_before, new_query, *_budgets) in NEW_SEARCHES.items()
    }


def grow_tenfold(code, search_word):
    """Ten times the demo's timeline events, programmes, partners, images and search hits."""
    index = PartnerIndexPage.objects.get(locale__language_code=code)
    alibaba = PartnerPage.objects.get(locale__language_code=code, slug="alibaba")
    photo = factories.SmallImageFactory()
    alibaba.body = [
        *alibaba.body.raw_data,
        factories.timeline_block(factories.monthly_events(108, images=[photo])),
        factories.gallery_block([factories.SmallImageFactory() for _ in range(30)]),
    ]
    alibaba.save_revision().publish()
    air = alibaba.get_children().get(slug="air").specific
    for number in range(27):
        factories.ProgrammePageFactory(parent=alibaba, slug=f"programme-{number}")
        factories.ProgrammePageFactory(parent=air, slug=f"sub-programme-{number}")
    for number in range(18):
        partner = factories.PartnerPageFactory(
            parent=index, slug=f"partner-{number}", logo=factories.SmallImageFactory()
        )
        partner.research_areas.add(*alibaba.research_areas.all())
        partner.save_revision().publish()
    home = index.get_parent()
    for number in range(20):
        factories.StandardPageFactory(
            parent=home, title=f"{search_word} {number}", slug=f"search-hit-{number}"
        )


def test_budgets_with_the_demo_content(demo_site, client):
    assert measure(client) == BUDGETS


def test_budgets_with_the_body_from_the_fragment_cache(demo_site, client):
    assert measure(client, body_stored=True) == BODY_STORED_BUDGETS


def test_budgets_with_ten_times_the_content(demo_site, client):
    grow_tenfold("en", "Big data")
    grow_tenfold("zh-hant", "大數據")
    assert measure(client) == TENFOLD_BUDGETS
    assert measure(client, body_stored=True) == TENFOLD_BODY_STORED_BUDGETS


def test_a_new_search_with_the_demo_content(demo_site, client):
    budgets = {language: budget for language, (*_, budget, _tenfold) in NEW_SEARCHES.items()}
    assert measure_new_searches(client) == budgets


def test_a_new_search_with_ten_times_the_content(demo_site, client):
    grow_tenfold("en", "Cloud computing")
    grow_tenfold("zh-hant", "雲計算")
    grow_tenfold("zh-hans", "通信")
    budgets = {language: tenfold for language, (*_, tenfold) in NEW_SEARCHES.items()}
    assert measure_new_searches(client) == budgets
