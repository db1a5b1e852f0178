"""Statuses turn at midnight Hong Kong time, and no stored page shows one past its turn."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.cache import get_max_age

from partner_pages.models import FundingCallsPage, ProgrammeStatus
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
D = datetime.date
# The call's last day is 31 May 2026; Hong Kong is UTC+8, so that day ends at
# 16:00 UTC, eight hours before it ends in London.
LAST_MINUTE = datetime.datetime(2026, 5, 31, 15, 50, tzinfo=UTC)  # 23:50 in Hong Kong
MIDNIGHT = datetime.datetime(2026, 5, 31, 16, 0, tzinfo=UTC)  # 00:00 on 1 June


class Clock:
    def __init__(self, monkeypatch, now):
        self.now = now
        monkeypatch.setattr(timezone, "now", lambda: self.now)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, LAST_MINUTE)


@pytest.fixture
def pages(home_pages):
    home = home_pages["en"]
    index = factories.PartnerIndexPageFactory(parent=home, slug="partnerships")
    partner = factories.PartnerPageFactory(parent=index, title="Alibaba", slug="alibaba")
    programme = factories.ProgrammePageFactory(
        parent=partner, slug="air", call_opens=D(2026, 5, 1), call_closes=D(2026, 5, 31)
    )
    finder = FundingCallsPage(title="Funding calls", slug="funding-calls")
    home.add_child(instance=finder)
    finder.save_revision().publish()
    return {"programme": programme, "partner": partner, "finder": finder}


def test_the_settings_keep_hong_kong_time():
    assert settings.TIME_ZONE == "Asia/Hong_Kong" and settings.USE_TZ


def test_a_status_turns_at_midnight_in_hong_kong_not_in_utc(clock, pages):
    programme = pages["programme"]
    clock.now = MIDNIGHT - datetime.timedelta(seconds=1)  # 23:59:59 on 31 May in Hong Kong
    assert type(programme).objects.get(pk=programme.pk).status == ProgrammeStatus.OPEN
    clock.now = MIDNIGHT  # still 31 May in UTC
    assert type(programme).objects.get(pk=programme.pk).status == ProgrammeStatus.CLOSED


@pytest.mark.parametrize("name", ["programme", "partner", "finder"])
def test_a_stored_page_is_not_served_after_its_status_turned(client, clock, pages, name):
    url = pages[name].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert "Closes today" in first.content.decode()
    # Browsers and CDNs are told to keep it no longer than the ten minutes left.
    assert get_max_age(first) <= 10 * 60
    assert "s-maxage=600" in first["Cache-Control"] or "s-maxage=300" in first["Cache-Control"]

    clock.now = LAST_MINUTE + datetime.timedelta(minutes=5)
    assert client.get(url)["X-Page-Cache"] == "hit"

    clock.now = MIDNIGHT + datetime.timedelta(seconds=1)
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    html = after.content.decode()
    assert '<span class="status status--closed">Closed</span>' in html
    assert "Closes today" not in html


def test_the_browser_lifetime_is_cut_to_the_seconds_left(client, clock, pages):
    clock.now = MIDNIGHT - datetime.timedelta(seconds=30)
    response = client.get(pages["programme"].url)
    assert response["X-Page-Cache"] == "miss"
    assert get_max_age(response) == 30
    assert "s-maxage=30" in response["Cache-Control"]
    # Served from the cache ten seconds later: ten seconds less.
    clock.now += datetime.timedelta(seconds=10)
    hit = client.get(pages["programme"].url)
    assert hit["X-Page-Cache"] == "hit"
    assert get_max_age(hit) == 20
    assert "s-maxage=20" in hit["Cache-Control"]


def test_a_page_whose_statuses_never_turn_keeps_its_usual_lifetime(client, clock, home_pages):
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"], slug="partnerships")
    partner = factories.PartnerPageFactory(parent=index, slug="alibaba")
    factories.ProgrammePageFactory(parent=partner, slug="closed", call_closes=D(2026, 1, 31))
    factories.ProgrammePageFactory(parent=partner, slug="rolling")
    first = client.get(partner.url)
    assert get_max_age(first) == settings.PAGE_CACHE_MAX_AGE
    clock.now = MIDNIGHT + datetime.timedelta(seconds=1)
    assert client.get(partner.url)["X-Page-Cache"] == "hit"
