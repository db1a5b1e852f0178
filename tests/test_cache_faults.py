"""Without its cache (Redis stopped or stalled) the site answers, and serves nothing stale after.

Each test starts a redis-server of its own on a free loopback port, points the
caches at it, and stops (SIGTERM, or SHUTDOWN SAVE to keep its data) or
pauses (SIGSTOP) that server only, resuming it within the test. They need
`redis-server` (Debian's package); without it they are skipped, except in CI
(CI=true), where they fail.
"""

import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

from config import cache as cache_config
from page_cache import recovery
from page_cache.models import LostInvalidation
from tests import factories
from tests.conftest import in_ci

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None and not in_ci(),
        reason="needs redis-server (apt-get install redis-server; CI installs it)",
    ),
]

# "Doesn't hang": far above the cache's timeouts, far below a hung request.
REQUEST_SECONDS = 2.0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, on a free loopback port."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.paused = False

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                *("--bind", "127.0.0.1", "--port", str(self.port)),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=self.port, socket_timeout=0.5).ping()
                return
            except redis.RedisError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self, keep_data=False):
        """Stop the server; `keep_data`: save its data first, for `start()` to load."""
        if keep_data:
            try:
                redis.Redis(port=self.port, socket_timeout=5).shutdown(save=True)
            except redis.ConnectionError:
                pass  # it closes the connection as it exits
        else:
            self.process.terminate()
        self.process.wait(timeout=10)

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)
        self.paused = True

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)
        self.paused = False

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            if self.paused:
                self.resume()
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = cache_config.redis_caches(server.url)
    settings.REDIS_URL = server.url
    # Each process's copy (page_cache.local) and its listener stay out of it.
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    recovery.reset(suspect=False)
    yield server
    server.kill()
    cache_config.reset_breakers()
    recovery.reset(suspect=False)


@pytest.fixture
def quick_retries(monkeypatch):
    """The breaker tries Redis again after 0.2 s instead of two seconds."""
    monkeypatch.setattr(cache_config, "RETRY_SECONDS", 0.2)


@pytest.fixture
def site(home_pages):
    """A partnerships index (with a partner's logo: renditions) and two partner pages."""
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"], slug="partnerships")
    alibaba = factories.PartnerPageFactory(
        parent=index,
        slug="alibaba",
        partner_name="Alibaba Group",
        logo=factories.SmallImageFactory(),
    )
    alibaba.save_revision().publish()
    huawei = factories.PartnerPageFactory(parent=index, slug="huawei", partner_name="Huawei")
    huawei.save_revision().publish()
    return {"index": index, "alibaba": alibaba, "huawei": huawei}


CACHED = "/en/partnerships/"
ANSWERS = [
    (CACHED, 200),
    ("/en/partnerships/huawei/", 200),
    ("/zh-hant/", 200),
    ("/en/search/?query=Alibaba", 200),
    ("/en/no-such-page/", 404),
    ("/sitemap.xml", 200),
]


def warm(client, url):
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_with_redis_stopped_every_page_still_answers_uncached(client, site, redis_server):
    warm(client, CACHED)
    redis_server.stop()
    for _round in range(2):
        for url, status in ANSWERS:
            response = client.get(url)
            assert response.status_code == status, url
    assert client.get(CACHED).get("X-Page-Cache") == "bypass"
    assert "Alibaba Group" in client.get(CACHED).content.decode()


def test_with_redis_paused_no_request_waits_for_it(client, site, redis_server):
    warm(client, CACHED)
    redis_server.pause()
    for _round in range(3):
        for url, status in ANSWERS:
            began = time.monotonic()
            response = client.get(url)
            seconds = time.monotonic() - began
            assert response.status_code == status, url
            assert seconds < REQUEST_SECONDS, (url, seconds)
    redis_server.resume()


def wait_for_the_cache(client, url=CACHED, seconds=10):
    """Request a page until the cache serves or stores it again (not "bypass")."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(url)
        assert response.status_code == 200
        if response["X-Page-Cache"] != "bypass" or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def outage_then_recovery(server, how):
    if how == "paused":
        server.pause()
        return server.resume
    server.stop(keep_data=True)  # Redis restarted from its saved data
    return server.start


@pytest.mark.parametrize("how", ["paused", "restarted with its data"])
def test_a_page_unpublished_during_an_outage_is_not_served_when_redis_is_back(
    client, site, redis_server, quick_retries, how
):
    alibaba = site["alibaba"].url
    warm(client, alibaba)
    warm(client, CACHED)
    recover = outage_then_recovery(redis_server, how)

    page = type(site["alibaba"]).objects.get(pk=site["alibaba"].pk)
    page.unpublish()
    assert client.get(alibaba).status_code == 404  # meanwhile, uncached

    recover()
    index = wait_for_the_cache(client)
    assert index["X-Page-Cache"] == "miss"
    assert "Alibaba Group" not in index.content.decode()
    assert client.get(alibaba).status_code == 404
    assert not LostInvalidation.objects.exists()


def test_another_process_that_saw_the_outage_does_not_serve_the_page_either(
    client, site, redis_server, quick_retries
):
    """The invalidation was lost in another process: only the database row says so."""
    alibaba = site["alibaba"].url
    warm(client, alibaba)
    redis_server.pause()
    type(site["alibaba"]).objects.get(pk=site["alibaba"].pk).unpublish()
    assert LostInvalidation.objects.exists()
    # This process, as another one would be: it has lost nothing itself, but its
    # own calls to Redis failed.
    recovery.reset(suspect=False)
    client.get("/en/partnerships/huawei/")  # fails to reach Redis
    assert recovery.state.suspect

    redis_server.resume()
    wait_for_the_cache(client)
    assert client.get(alibaba).status_code == 404
    assert not LostInvalidation.objects.exists()


def test_the_outage_is_logged_once_not_per_request(
    client, site, redis_server, quick_retries, caplog
):
    warm(client, CACHED)
    caplog.set_level(logging.INFO)
    redis_server.stop()
    for _round in range(3):
        for url, _status in ANSWERS:
            client.get(url)
        time.sleep(0.25)  # the breaker tries again, and fails again, between rounds
    type(site["huawei"]).objects.get(pk=site["huawei"].pk).unpublish()
    type(site["alibaba"]).objects.get(pk=site["alibaba"].pk).unpublish()
    redis_server.start()
    wait_for_the_cache(client)
    client.get(CACHED)

    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    about_the_cache = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("config.cache", "page_cache"))
    ]
    expected = [
        "is not answering",  # the outage began (18 requests, 2 unpublishes)
        "did not reach the cache",  # invalidations lost (two)
        "is answering again",  # the outage ended
        "emptied the cache",  # before serving from it again
    ]
    assert len(about_the_cache) == len(expected), about_the_cache
    for message, words in zip(about_the_cache, expected, strict=True):
        assert words in message
