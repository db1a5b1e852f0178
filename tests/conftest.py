import os
from pathlib import Path

import pytest
from wagtail.models import Locale, Page


@pytest.fixture
def home_pages(db):
    """The home page of each locale, by language code (made by home's data migration)."""
    return {
        page.locale.language_code: page.specific
        for page in Page.objects.filter(depth=2).select_related("locale")
    }


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture(autouse=True)
def start_in_english(settings):
    """Each test starts in the site's default language, whatever the last one requested.

    A request for a Chinese page leaves Chinese active in the thread (Django's
    LocaleMiddleware activates it and nothing deactivates it), so a test run
    after one would see Chinese messages and its own query counts.
    """
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: stored pages must not outlive the test's database.

    Nor must the process's copy of the Site table (core.sites), nor an outage
    a test caused (config.cache's circuit breakers), nor searches counted and
    not yet written (search.hits), nor its copy of the term base (core.terms).
    """
    from django.core.cache import caches

    from config.cache import reset_breakers
    from core import sites, terms
    from page_cache.local import local_pages
    from search import hits

    def empty():
        reset_breakers()
        hits.discard_pending()
        for cache in caches.all():
            cache.clear()
        local_pages.clear()
        sites.forget()
        terms.forget()

    empty()
    yield
    empty()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The seed's partnership pages in three languages, loaded once per test module.

    Committed outside the tests' transactions (loading takes seconds), and removed
    when the module ends so other modules start from the bare three home pages.
    """
    from django.core.management import call_command

    from demo import builder

    with django_db_blocker.unblock():
        call_command("load_demo_content")
    yield
    with django_db_blocker.unblock():
        builder.remove_demo_content()
        # Publishing indexed the home pages too: empty the search index, as after
        # migrating, so the next module's search results are its own.
        from wagtail.search.backends import get_search_backend

        get_search_backend().reset_indexes()


# --- Browser tests ---------------------------------------------------------------
# Tests marked `browser` drive Debian's Chromium (never a browser Playwright
# downloads). Without it they are skipped, and the summary says so loudly;
# in CI (CI=true) a missing browser is an error instead.

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
BROWSER_SKIPPED = []


def browser_missing_reason():
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -r requirements-dev.txt)"
    return None


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    # Browser tests last: they build the demo site in the shared test database.
    items.sort(key=lambda item: bool(item.get_closest_marker("browser")))
    if not browser_items:
        return
    reason = browser_missing_reason()
    if reason is None:
        return
    if in_ci():
        raise pytest.UsageError(f"CI=true and the browser tests cannot run: {reason}")
    BROWSER_SKIPPED.append(reason)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def pytest_terminal_summary(terminalreporter):
    if BROWSER_SKIPPED:
        terminalreporter.write_sep(
            "!", f"BROWSER TESTS SKIPPED: {BROWSER_SKIPPED[0]}", yellow=True, bold=True
        )
