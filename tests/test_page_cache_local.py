"""Each process's own copy of the pages it served: fast, emptied by any invalidation anywhere."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from page_cache import local, store
from page_cache.local import LocalPages, local_pages

PROJECT_DIR = Path(__file__).resolve().parent.parent


def entry(content=b"<h1>Alibaba</h1>", stored_at=None):
    return {
        "start": 1,
        "stored_at": time.time() if stored_at is None else stored_at,
        "status": 200,
        "headers": [],
        "content": content,
    }


@pytest.fixture
def pages(monkeypatch):
    """A copy that believes its invalidation channel is alive."""
    copy = LocalPages()
    monkeypatch.setattr(copy, "enabled", lambda: True)
    return copy


def test_a_page_kept_is_served_until_anything_is_invalidated(pages):
    pages.put("a", entry(), pages.epoch)
    assert pages.get("a")["content"] == b"<h1>Alibaba</h1>"
    pages.clear()
    assert pages.get("a") is None


def test_a_page_read_before_an_invalidation_is_not_kept(pages):
    epoch = pages.epoch  # read before asking the shared cache
    pages.clear()  # an invalidation arrives meanwhile
    pages.put("a", entry(), epoch)
    assert pages.get("a") is None


def test_a_page_is_not_kept_longer_than_the_shared_cache_keeps_it(pages):
    pages.put("a", entry(stored_at=time.time() - settings.PAGE_CACHE_SECONDS - 1), pages.epoch)
    assert pages.get("a") is None


def test_the_copy_holds_a_bounded_number_of_pages(pages, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    for key in ("a", "b", "c"):
        pages.put(key, entry(), pages.epoch)
    assert pages.get("a") is None
    assert pages.get("c") is not None


def test_without_redis_there_is_no_copy(settings):
    settings.REDIS_URL = ""
    assert not LocalPages().enabled()


# --- With the database cache (production without Redis) ------------------------------------


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "pages"},
    }
    call_command("createcachetable", verbosity=0)
    local_pages.clear()
    yield
    local_pages.clear()


def cache_state(response):
    return response["X-Page-Cache"]


@pytest.mark.django_db
def test_with_the_database_cache_a_hit_reads_one_small_row(client, published_page, database_cache):
    assert cache_state(client.get("/en/alibaba/")) == "miss"  # starts the counter, too
    assert cache_state(client.get("/en/alibaba/")) == "hit"  # read from the table, kept
    with CaptureQueriesContext(connection) as queries:
        assert cache_state(client.get("/en/alibaba/")) == "hit"
    (query,) = queries.captured_queries
    # The invalidation counter's row, not the stored page's.
    assert "pagecache:counter" in query["sql"]
    assert "pagecache:page:" not in query["sql"]


@pytest.mark.django_db
def test_with_the_database_cache_an_invalidation_elsewhere_empties_this_copy(
    client, published_page, database_cache
):
    client.get("/en/alibaba/")
    assert cache_state(client.get("/en/alibaba/")) == "hit"
    # What another process's invalidate_all() writes: this process hears nothing.
    cache = store.get_cache()
    cache.set(store.CLEAR_KEY, store._next_counter(cache), timeout=None)

    assert cache_state(client.get("/en/alibaba/")) == "miss"
    assert cache_state(client.get("/en/alibaba/")) == "hit"


@pytest.mark.django_db
def test_with_the_database_cache_the_copy_is_not_used_when_the_counter_cannot_be_read(
    client, published_page, database_cache, monkeypatch
):
    client.get("/en/alibaba/")
    assert cache_state(client.get("/en/alibaba/")) == "hit"

    cache = store.get_cache()
    read = cache.get

    def counter_unreadable(key, *args, **kwargs):
        if key == store.COUNTER_KEY:
            raise DatabaseError("database is locked")
        return read(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counter_unreadable)
    assert cache_state(client.get("/en/alibaba/")) == "bypass"


# --- With Redis (CI's second pass; `make test-postgres`) -------------------------------------

needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs REDIS_URL (make test-postgres, CI)"
)


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def published_page(home_pages):
    page = HomePage(title="Alibaba", slug="alibaba")
    home_pages["en"].add_child(instance=page)
    page.save_revision().publish()
    return page


@needs_redis
@pytest.mark.django_db
def test_a_hit_needs_no_round_trip_to_redis(client, published_page, monkeypatch):
    assert wait_for(local_pages.enabled)
    client.get("/en/alibaba/")
    client.get("/en/alibaba/")  # fetched from Redis, now kept by this process

    def unreachable(*args, **kwargs):
        raise ConnectionError("no round trip expected")

    monkeypatch.setattr(store.get_cache(), "get_many", unreachable)
    assert client.get("/en/alibaba/")["X-Page-Cache"] == "hit"


@needs_redis
@pytest.mark.django_db
def test_an_invalidation_in_another_process_empties_this_ones_copy(client, published_page):
    assert wait_for(local_pages.enabled)
    client.get("/en/alibaba/")
    assert client.get("/en/alibaba/")["X-Page-Cache"] == "hit"

    subprocess.run(
        [sys.executable, "manage.py", "clear_page_cache"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert wait_for(lambda: client.get("/en/alibaba/")["X-Page-Cache"] == "miss")


@needs_redis
@pytest.mark.django_db
def test_the_copy_is_not_used_while_the_channel_is_silent(client, published_page, monkeypatch):
    assert wait_for(local_pages.enabled)
    client.get("/en/alibaba/")
    client.get("/en/alibaba/")
    monkeypatch.setattr(local, "LIVENESS_SECONDS", 0)

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache server down")

    monkeypatch.setattr(store.get_cache(), "get_many", unreachable)
    assert client.get("/en/alibaba/")["X-Page-Cache"] == "bypass"
