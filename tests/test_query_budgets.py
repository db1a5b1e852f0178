"""What a page costs on a page-cache miss: an exact number of SQL queries, whatever the content.

A page whose cost grows with its content (a query per card, per image, per
translation) is slow exactly when it matters. Each budget is measured on a
miss (the page cache replaced), after one request has warmed Wagtail's own
caches (site root paths), and must not move when the site holds ten times
as much content.
"""

import pytest

from home.models import HomePage
from page_cache import store

pytestmark = pytest.mark.django_db

# Site, locale, routing (plus finding the locale's root page outside English),
# view restrictions, the page's locale, its translations for the switcher.
HOME_PAGE_QUERIES = {"/en/": 7, "/zh-hant/": 8, "/zh-hans/": 8}


def grow_site(home_pages, locales, pages_per_locale):
    """Add published pages under each home page, each translated into the other locales."""
    for number in range(pages_per_locale):
        page = HomePage(title=f"Partner {number}", slug=f"partner-{number}")
        home_pages["en"].add_child(instance=page)
        page.save_revision().publish()
        for code in ("zh-hant", "zh-hans"):
            page.copy_for_translation(locales[code]).save_revision().publish()


def queries_on_a_miss(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm Wagtail's caches
    store.invalidate_all()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("pages_per_locale", [0, 30])
@pytest.mark.parametrize("url", ["/en/", "/zh-hant/", "/zh-hans/"])
def test_home_page_budget(
    client, home_pages, locales, url, pages_per_locale, django_assert_num_queries
):
    grow_site(home_pages, locales, pages_per_locale)
    queries_on_a_miss(client, url, django_assert_num_queries, HOME_PAGE_QUERIES[url])
