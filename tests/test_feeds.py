"""Calendar (.ics) and Atom subscriptions: the right events, in the page's language, cheaply.

Read back with real parsers (icalendar, feedparser), through the real URLs.
"""

import datetime

import feedparser
import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from home.models import HomePage
from partner_pages.models import ProgrammePage
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def site_pages(db):
    """A partner with an open, an upcoming, a closed and a rolling programme, and a timeline."""
    index = factories.PartnerIndexPageFactory(
        parent=HomePage.in_language("en"), slug="partnerships"
    )
    partner = factories.PartnerPageFactory(
        parent=index,
        slug="huawei",
        partner_name="Huawei",
        title="Huawei – PolyU",
        body=[
            factories.timeline_block(
                [
                    factories.event(D(2016, 11, 30), "The Joint Lab is set up", precision="day"),
                    factories.event(D(2017, 6, 1), "A forum in June", precision="month"),
                    factories.event(
                        D(2018, 3, 5), "Technology week", end=D(2018, 3, 9), precision="day"
                    ),
                ]
            )
        ],
    )
    partner.save_revision().publish()
    programmes = {
        "open": publish(
            factories.ProgrammePageFactory.build(
                title="Alibaba Innovative Research",
                acronym="AIR",
                slug="air",
                call_opens=days(-10),
                call_closes=days(20),
            ),
            partner,
        ),
        "upcoming": publish(
            factories.ProgrammePageFactory.build(
                title="Alibaba Research Fellow",
                acronym="ARF",
                slug="arf",
                call_opens=days(5),
                call_closes=days(40),
            ),
            partner,
        ),
        "closed": publish(
            factories.ProgrammePageFactory.build(
                title="Research Intern",
                acronym="RI",
                slug="ri",
                call_opens=days(-60),
                call_closes=days(-30),
            ),
            partner,
        ),
        "rolling": publish(
            factories.ProgrammePageFactory.build(
                title="Huawei Innovation Research Program",
                acronym="HIRP",
                slug="hirp",
            ),
            partner,
        ),
    }
    other_index_partner = factories.PartnerPageFactory(
        parent=index, slug="alibaba", partner_name="Alibaba Group"
    )
    publish(
        factories.ProgrammePageFactory.build(
            title="Elsewhere", acronym="ELS", slug="els", call_opens=days(1), call_closes=days(2)
        ),
        other_index_partner,
    )
    return {"index": index, "partner": partner, **programmes}


def publish(page, parent):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def calendar_at(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_locale_calendar_has_each_calls_opening_and_closing_and_the_timeline_days(
    client, site_pages
):
    found = events(calendar_at(client, "/en/calls.ics"))
    assert set(found) == {
        "AIR call opens",
        "AIR call closes",
        "ARF call opens",
        "ARF call closes",
        "RI call opens",
        "RI call closes",
        "ELS call opens",
        "ELS call closes",
        "The Joint Lab is set up",
        "Technology week",
    }  # no HIRP (rolling), no "A forum in June" (a month, not a day)
    opens = found["AIR call opens"]
    assert opens["DTSTART"].params.get("VALUE") == "DATE"
    assert opens.decoded("DTSTART") == days(-10)
    assert opens.decoded("DTEND") == days(-9)
    assert found["AIR call closes"].decoded("DTSTART") == days(20)
    lab = found["The Joint Lab is set up"]
    assert (lab.decoded("DTSTART"), lab.decoded("DTEND")) == (D(2016, 11, 30), D(2016, 12, 1))
    week = found["Technology week"]
    assert (week.decoded("DTSTART"), week.decoded("DTEND")) == (D(2018, 3, 5), D(2018, 3, 10))
    air = site_pages["open"]
    assert str(opens["UID"]) == f"{air.translation_key}-opens-en@localhost"
    assert str(opens["URL"]) == "http://localhost/en/partnerships/huawei/air/"


def test_uids_and_every_line_are_the_same_in_two_renders(client, site_pages):
    first = client.get("/en/calls.ics").content
    from page_cache import store

    store.invalidate_all()
    second = client.get("/en/calls.ics")
    assert second["X-Page-Cache"] == "miss"
    assert second.content == first


def test_a_published_change_of_the_closing_date_raises_sequence_and_last_modified(
    client, site_pages, monkeypatch
):
    before = events(calendar_at(client, "/en/calls.ics"))["AIR call closes"]
    assert before["SEQUENCE"] == 0
    air = ProgrammePage.objects.get(pk=site_pages["open"].pk)
    air.call_closes = days(25)
    # From now on a minute later: LAST-MODIFIED counts whole seconds, and this test is faster.
    a_minute_later = timezone.now() + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: a_minute_later)
    air.save_revision().publish()

    after = events(calendar_at(client, "/en/calls.ics"))["AIR call closes"]
    assert after.decoded("DTSTART") == days(25)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == 1
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")

    # A publish that leaves the dates alone changes neither.
    air.summary = "New words"
    air.save_revision().publish()
    again = events(calendar_at(client, "/en/calls.ics"))["AIR call closes"]
    assert again["SEQUENCE"] == 1
    assert again.decoded("LAST-MODIFIED") == after.decoded("LAST-MODIFIED")
    # The other programmes' events did not move.
    arf = events(calendar_at(client, "/en/calls.ics"))["ARF call closes"]
    assert arf["SEQUENCE"] == 0


def translate(page, language_code):
    """A published translation of `page` (and of its untranslated parents)."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language_code)
    for ancestor in [*page.get_ancestors().filter(depth__gt=2).specific(), page.specific]:
        if not ancestor.has_translation(locale):
            ancestor.copy_for_translation(locale)
        ancestor.get_translation(locale).save_revision().publish()
    return page.get_translation(locale).specific


def in_language(language_code, text, **values):
    with translation.override(language_code):
        return translation.gettext(text) % values


def test_each_language_has_its_own_calendar_in_its_language(client, site_pages):
    air_zh = translate(site_pages["open"], "zh-hant")
    calendar = calendar_at(client, "/zh-hant/calls.ics")
    found = events(calendar)
    opens = in_language("zh-hant", "%(programme)s call opens", programme="AIR")
    closes = in_language("zh-hant", "%(programme)s call closes", programme="AIR")
    # The translated programme and the translated partner's timeline: nothing English-only.
    assert set(found) == {opens, closes, "The Joint Lab is set up", "Technology week"}
    event = found[opens]
    assert event["SUMMARY"].params["LANGUAGE"] == "zh-Hant-HK"
    assert str(event["UID"]) == f"{air_zh.translation_key}-opens-zh-hant@localhost"
    assert str(event["URL"]).startswith("http://localhost/zh-hant/")
    assert str(calendar["X-WR-CALNAME"]) == in_language(
        "zh-hant", "PolyU Industry Partnerships: calls and events"
    )
    # The English calendar is not the Chinese one.
    assert in_language("en", "%(programme)s call opens", programme="AIR") in events(
        calendar_at(client, "/en/calls.ics")
    )


def test_a_language_with_no_content_has_an_empty_calendar_and_feed(client, site_pages):
    assert events(calendar_at(client, "/zh-hans/calls.ics")) == {}
    response = client.get("/zh-hans/calls.atom")
    assert response.status_code == 200
    assert feedparser.parse(response.content).entries == []


def test_a_partners_calendar_has_only_its_programmes_and_timeline(client, site_pages):
    found = events(calendar_at(client, "/en/calls.ics?partner=huawei"))
    assert "ELS call opens" not in found
    assert {"AIR call opens", "RI call closes", "The Joint Lab is set up"} <= set(found)
    assert client.get("/en/calls.ics?partner=nobody").status_code == 404
    assert client.get("/en/calls.atom?partner=nobody").status_code == 404


def test_a_programme_calendar_file_holds_its_own_two_dates(client, site_pages):
    air = site_pages["open"]
    response = client.get(f"/en/calls.ics?programme={air.pk}")
    assert response["Content-Disposition"] == 'attachment; filename="air.ics"'
    assert set(events(Calendar.from_ical(response.content))) == {
        "AIR call opens",
        "AIR call closes",
    }
    assert client.get("/en/calls.ics?programme=999999").status_code == 404
    for nonsense in ("abc", "²", "9" * 40):  # a 404, never a 500
        assert client.get(f"/en/calls.ics?programme={nonsense}").status_code == 404
    # The English programme is not in the Chinese calendar.
    assert client.get(f"/zh-hant/calls.ics?programme={air.pk}").status_code == 404


def test_the_atom_feed_lists_the_calls_and_timeline_events_with_absolute_links(client, site_pages):
    response = client.get("/en/calls.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "en"
    assert feed.feed.title == "PolyU Industry Partnerships: calls and events"
    titles = [entry.title for entry in feed.entries]
    assert "AIR call opens" in titles and "HIRP call opens" not in titles
    assert "A forum in June" in titles  # a month is news, if not a calendar day
    entry = feed.entries[titles.index("AIR call closes")]
    assert entry.link == "http://localhost/en/partnerships/huawei/air/"
    assert all(entry.link.startswith("http://localhost/en/") for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    assert feed.feed.links[0].href.startswith("http://localhost/")


def test_the_chinese_atom_feed_is_in_chinese(client, site_pages):
    translate(site_pages["open"], "zh-hant")
    feed = feedparser.parse(client.get("/zh-hant/calls.atom").content)
    assert feed.feed.language == "zh-Hant-HK"
    assert in_language("zh-hant", "%(programme)s call opens", programme="AIR") in [
        entry.title for entry in feed.entries
    ]


def head_links(html):
    import re

    return re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"', html)


def test_pages_name_their_feeds_in_the_head(client, site_pages):
    everything = [
        ("text/calendar", "/en/calls.ics"),
        ("application/atom+xml", "/en/calls.atom"),
    ]
    assert head_links(client.get("/en/").content.decode()) == everything
    assert head_links(client.get(site_pages["index"].url).content.decode()) == everything
    assert head_links(client.get(site_pages["partner"].url).content.decode()) == [
        ("text/calendar", "/en/calls.ics?partner=huawei"),
        ("application/atom+xml", "/en/calls.atom?partner=huawei"),
    ]
    air = site_pages["open"]
    html = client.get(air.url).content.decode()
    assert head_links(html) == [("text/calendar", f"/en/calls.ics?programme={air.pk}")]
    assert f'href="/en/calls.ics?programme={air.pk}" type="text/calendar" download>' in html
    # A rolling programme has no dates to add.
    html = client.get(site_pages["rolling"].url).content.decode()
    assert head_links(html) == [] and "download>" not in html


@pytest.mark.parametrize("url", ["/en/calls.ics", "/en/calls.atom", "/en/calls.ics?partner=huawei"])
def test_a_feed_costs_the_same_queries_however_much_it_lists(
    client, site_pages, django_assert_num_queries, url
):
    from page_cache import store

    client.get(url)  # warms the site root paths, as on a live site
    store.invalidate_all()
    # The home page; (the partner;) the programmes, partner pages and other pages,
    # each with Wagtail's view restrictions (`public()`); the programmes' publishes.
    expected = 10 if "partner=" in url else 8
    with django_assert_num_queries(expected):
        assert client.get(url)["X-Page-Cache"] == "miss"
    partner = site_pages["partner"]
    for number in range(5):
        publish(
            factories.ProgrammePageFactory.build(
                slug=f"more-{number}", call_opens=days(number), call_closes=days(number + 9)
            ),
            partner,
        )
        factories.StandardPageFactory(
            parent=partner,
            body=[factories.timeline_block([factories.event(D(2019, 1, 1), "x", precision="day")])],
        )
    client.get(url)
    store.invalidate_all()
    with django_assert_num_queries(expected):
        assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_publish_refreshes_the_stored_feeds(client, site_pages):
    assert client.get("/en/calls.ics?partner=huawei")["X-Page-Cache"] == "miss"
    assert client.get("/en/calls.ics?partner=huawei")["X-Page-Cache"] == "hit"
    air = ProgrammePage.objects.get(pk=site_pages["open"].pk)
    air.call_closes = days(30)
    air.save_revision().publish()
    found = events(calendar_at(client, "/en/calls.ics?partner=huawei"))
    assert found["AIR call closes"].decoded("DTSTART") == days(30)
