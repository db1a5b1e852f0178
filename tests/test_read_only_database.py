"""A read-only database (a replica during a failover, maintenance): the site still answers.

Writes that can wait are skipped (document sizes, the database cache's
clean-up of expired entries) or kept for later (search hit counts), and an enquiry, which cannot be
stored, is refused with a clear page that keeps what the visitor typed, never a
500. Runs on both databases: PostgreSQL turns the test's transaction read-only,
SQLite's connection is set to `query_only`.
"""

import logging

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.documents.models import Document
from wagtail.models import Locale

from core.models import FooterContent
from partner_pages.enquiries import EnquiryCount, EnquiryNotification
from search import hits
from tests import factories
from tests.test_locales import html_lang

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_only_database(db):
    """Call it once the test's data is in place: from then on the database refuses
    every write, as a read-only replica or role does. Writable again afterwards.

    PostgreSQL: the test's transaction turns read-only inside a savepoint, which
    is rolled back at the end (taking the setting with it; the test committed
    nothing after it, and Django's constraint checks at teardown must write).
    SQLite: the connection is set to `query_only`.
    """
    savepoints = []

    def refuse_writes():
        if connection.vendor == "postgresql":
            savepoints.append(transaction.savepoint())
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION READ ONLY")
        else:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = ON")

    yield refuse_writes
    # On the driver's own connection: it must work even if a failing test broke
    # the transaction, or every later test would find the database read-only.
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            for savepoint in savepoints[:1]:
                cursor.execute(f'ROLLBACK TO SAVEPOINT "{savepoint}"')
    elif connection.connection is not None:
        connection.connection.execute("PRAGMA query_only = OFF")


@pytest.fixture
def visitor():
    """A visitor whose requests answer with the site's error pages, not test exceptions."""
    return Client(raise_request_exception=False)


def test_the_fixture_really_makes_the_database_read_only(read_only_database):
    read_only_database()
    with pytest.raises(DatabaseError), transaction.atomic():
        Query.objects.create(query_string="anything")


def test_pages_answer_uncached_and_cached(read_only_database, visitor, home_pages):
    page = factories.StandardPageFactory(parent=home_pages["en"], title="Joint laboratory")
    read_only_database()
    first = visitor.get(page.url)
    again = visitor.get(page.url)
    assert first.status_code == again.status_code == 200
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert "Joint laboratory" in again.content.decode()
    home = visitor.get("/zh-hant/")
    assert home.status_code == 200
    assert html_lang(home) == "zh-Hant-HK"


def test_search_answers_and_keeps_its_hit_count_for_later(
    read_only_database, visitor, home_pages, caplog
):
    factories.StandardPageFactory(parent=home_pages["en"], title="Optical networks laboratory")
    read_only_database()
    response = visitor.get("/en/search/", {"query": "optical networks"})
    assert response.status_code == 200
    assert "Optical networks laboratory" in response.content.decode()
    with caplog.at_level(logging.WARNING, logger="search.hits"):
        assert hits.flush() == 0
    assert "Search counts kept for later" in caplog.text
    assert not QueryDailyHits.objects.exists()


def test_search_counts_its_hits_when_the_database_takes_them(client, home_pages):
    factories.StandardPageFactory(parent=home_pages["en"], title="Optical networks laboratory")
    assert client.get("/en/search/", {"query": "optical networks"}).status_code == 200
    assert hits.flush() == 1
    assert Query.get("optical networks").hits == 1


def test_the_404_page_answers(read_only_database, visitor):
    read_only_database()
    response = visitor.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "zh-Hans"


@pytest.fixture
def programme_with_a_leaflet(home_pages):
    """A programme page whose leaflet's size was never stored (as after an import)."""
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"])
    partner = factories.PartnerPageFactory(parent=index)
    leaflet = factories.DocumentFactory(title="AIR Leaflet")
    Document.objects.filter(pk=leaflet.pk).update(file_size=None)
    programme = factories.ProgrammePageFactory(parent=partner, leaflet=leaflet)
    return programme, leaflet


def test_a_document_whose_size_was_never_stored_shows_its_size_unsaved(
    read_only_database, visitor, programme_with_a_leaflet, caplog
):
    programme, leaflet = programme_with_a_leaflet
    read_only_database()
    with caplog.at_level(logging.WARNING, logger="core.db"):
        response = visitor.get(programme.url)
    assert response.status_code == 200
    assert "PDF file, 2.0\xa0KB" in response.content.decode()  # read from storage
    assert "Storing a document's file size skipped" in caplog.text
    assert Document.objects.get(pk=leaflet.pk).file_size is None


def test_a_documents_size_is_stored_once_when_the_database_takes_it(
    client, programme_with_a_leaflet
):
    programme, leaflet = programme_with_a_leaflet
    assert "PDF file, 2.0\xa0KB" in client.get(programme.url).content.decode()
    assert Document.objects.get(pk=leaflet.pk).file_size == leaflet.file.size


def test_a_document_whose_file_is_missing_shows_its_type_only(
    read_only_database, visitor, programme_with_a_leaflet
):
    programme, leaflet = programme_with_a_leaflet
    leaflet.file.storage.delete(leaflet.file.name)
    read_only_database()
    response = visitor.get(programme.url)
    assert response.status_code == 200
    assert "PDF file</span>" in response.content.decode()


def test_the_database_cache_answers_with_expired_entries_it_cannot_delete(
    read_only_database, visitor, settings, home_pages, caplog
):
    """Production without Redis: Django's database cache deletes expired entries as it reads."""
    settings.CACHES = {
        name: {"BACKEND": "config.cache.DatabaseCache", "LOCATION": f"read_only_{name}"}
        for name in ("default", "renditions")
    }
    call_command("createcachetable", verbosity=0)
    page = factories.StandardPageFactory(parent=home_pages["en"], title="Joint laboratory")
    assert visitor.get(page.url).status_code == 200  # fills the cache: site root paths, menu
    with connection.cursor() as cursor:
        cursor.execute("UPDATE read_only_default SET expires = %s", ["2000-01-01 00:00:00"])
    read_only_database()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        responses = [
            visitor.get(page.url),
            visitor.get("/en/search/", {"query": "laboratory"}),
            visitor.get("/en/no-such-page/"),
        ]
    assert [response.status_code for response in responses] == [200, 200, 404]
    assert "expired entries not deleted" in caplog.text


# --- Enquiries: they must be kept, so a read-only database refuses them clearly -------


def enquiry_for(page, name="Chan Tai Man"):
    names = {field.label: field.clean_name for field in page.get_form_fields()}
    return {
        names["Your name"]: name,
        names["Your e-mail"]: "taiman@example.com",
        names["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }


def test_an_enquiry_is_refused_clearly_and_keeps_what_was_typed(
    read_only_database, visitor, caplog
):
    page = factories.enquiry_form_page()
    read_only_database()
    with caplog.at_level(logging.WARNING, logger="partner_pages.enquiries"):
        response = visitor.post(page.url, enquiry_for(page, name="Lee Siu Ming"))
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert "We could not receive your message right now." in html
    # The form's address (its privacy statement's) to write to instead.
    assert (
        'Please try again later, or e-mail us at <a href="mailto:itdo@example.edu.hk">'
        "itdo@example.edu.hk</a>." in html
    )
    assert 'value="Lee Siu Ming"' in html
    assert 'value="taiman@example.com"' in html
    assert "A joint workshop on optical networks.</textarea>" in html
    assert "was not stored: the database refused the write" in caplog.text
    assert not FormSubmission.objects.exists()
    assert not EnquiryCount.objects.exists()
    assert not EnquiryNotification.objects.exists()


def test_the_refusal_gives_the_sites_address_in_the_visitors_language(
    read_only_database, visitor, home_pages
):
    hant = Locale.objects.get(language_code="zh-hant")
    FooterContent.objects.update_or_create(
        locale=hant, defaults={"email": "partnership@example.edu.hk"}
    )
    page = factories.enquiry_form_page(parent=home_pages["zh-hant"], locale=hant)
    read_only_database()
    response = visitor.post(page.url, enquiry_for(page))
    html = response.content.decode()
    assert response.status_code == 503
    assert html_lang(response) == "zh-Hant-HK"
    assert 'role="alert"' in html
    assert '<a href="mailto:partnership@example.edu.hk">partnership@example.edu.hk</a>' in html
    assert not FormSubmission.objects.exists()


def test_the_form_itself_still_answers(read_only_database, visitor):
    page = factories.enquiry_form_page()
    read_only_database()
    response = visitor.get(page.url)
    assert response.status_code == 200
    assert 'name="website_url"' in response.content.decode()
