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


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The seed's partnership pages in three languages, loaded once per test module.

    Committed outside the tests' transactions (loading takes seconds), and removed
    when the module ends so other modules start from the bare three home pages.
    """
    from django.core.management import call_command

    from partner_pages.demo import builder

    with django_db_blocker.unblock():
        call_command("load_demo_content")
    yield
    with django_db_blocker.unblock():
        builder.remove_demo_content()
