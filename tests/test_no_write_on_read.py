"""A page view writes nothing to the database, cached or not, whichever cache is configured.

On SQLite every write takes its turn, so a write on each view makes requests
queue behind each other. The writes that used to happen on a read: Wagtail
put every image rendition it had just read from the renditions cache back
into it (an UPDATE of the cache table without Redis), and each search counted
its query in the search-terms report (an UPDATE of the query's daily hits).
"""

import threading
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from config.cache import database_caches, memory_caches
from search import hits

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/zh-hant/",
    "/en/partnerships/",
    "/en/partnerships/alibaba/",
    "/zh-hans/partnerships/huawei/",
    "/en/partnerships/alibaba/air/",
    "/zh-hant/partnerships/huawei/hirp/",
    "/en/search/?query=" + quote("big data"),
    "/zh-hant/search/?query=" + quote("大數據"),
]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(WRITES)
    ]


@pytest.fixture(params=["memory", "database"])
def caches(request, settings):
    """Both cache set-ups a server runs with: each process's memory, and the database."""
    settings.CACHES = memory_caches() if request.param == "memory" else database_caches()
    if request.param == "database":
        call_command("createcachetable", verbosity=0)
    # The page cache off: every request renders the page (a cache hit writes nothing anyway).
    settings.PAGE_CACHE_ENABLED = False
    return request.param


@pytest.mark.parametrize("url", PAGES)
def test_a_warm_render_writes_nothing(demo_site, client, caches, url):
    client.get(url)  # warms Wagtail's caches: site root paths, image renditions
    assert writes_of(client, url) == []


def test_searches_are_counted_for_the_search_terms_report_outside_the_request(demo_site, client):
    for _ in range(3):
        assert writes_of(client, "/en/search/?query=" + quote("cloud computing")) == []
    assert not Query.objects.filter(query_string="cloud computing").exists()

    hits.flush()

    query = Query.objects.get(query_string="cloud computing")
    assert query.hits == 3
    hits.flush()  # nothing pending: counted once
    assert Query.objects.get(query_string="cloud computing").hits == 3


def test_counts_the_database_refuses_wait_for_the_next_flush(demo_site, client, monkeypatch):
    client.get("/en/search/?query=" + quote("joint laboratory"))

    def refuse(*args, **kwargs):
        raise DatabaseError("attempt to write a readonly database")

    with monkeypatch.context() as patch:
        patch.setattr(QueryDailyHits.objects, "get_or_create", refuse)
        assert hits.flush() == 0
    assert not QueryDailyHits.objects.filter(query__query_string="joint laboratory").exists()

    assert hits.flush() == 1
    assert Query.objects.get(query_string="joint laboratory").hits == 1


def test_a_server_process_writes_its_counts_by_itself(settings, monkeypatch):
    """In a server a timer thread writes the counts (with its own connection), unasked."""
    settings.SEARCH_HITS_FLUSH_SECONDS = 0.1
    flushed = threading.Event()
    monkeypatch.setattr(hits, "flush", flushed.set)
    monkeypatch.setattr(hits, "_timer", None)  # put back as it was when the test ends
    hits.count("optical communication")
    assert flushed.wait(timeout=10)
