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
def empty_caches():
    """Each test starts with empty caches: stored pages must not outlive the test's database."""
    from django.core.cache import caches

    from page_cache.local import local_pages

    for cache in caches.all():
        cache.clear()
    local_pages.clear()
    yield
    for cache in caches.all():
        cache.clear()
    local_pages.clear()
