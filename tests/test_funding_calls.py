"""The funding calls page: every programme's call, its status and time left, filters, order."""

import datetime
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale, PageViewRestriction

from page_cache import store
from partner_pages.models import FundingCallsPage, ProgrammePage
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
# Noon in Hong Kong on 19 May 2026 (04:00 UTC).
NOW = datetime.datetime(2026, 5, 19, 4, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def today_is_19_may_2026(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def add_funding_calls_page(home, title="Funding calls"):
    page = FundingCallsPage(title=title, slug="funding-calls")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def calls(home_pages):
    """Two partners' programmes, one in each state, and the English funding calls page."""
    home = home_pages["en"]
    index = factories.PartnerIndexPageFactory(parent=home, slug="partnerships")
    big_data = factories.ResearchAreaFactory(name="Big data", slug="big-data")
    optics = factories.ResearchAreaFactory(name="Optical communication", slug="optics")
    alibaba = factories.PartnerPageFactory(parent=index, title="Alibaba", slug="alibaba")
    alibaba.research_areas.add(big_data)
    alibaba.save()
    huawei = factories.PartnerPageFactory(
        parent=index, title="Huawei", slug="huawei", partner_name="Huawei"
    )
    huawei.research_areas.add(optics)
    huawei.save()

    def programme(parent, title, opens=None, closes=None, audience="Faculty members", **extra):
        return factories.ProgrammePageFactory(
            parent=parent,
            title=title,
            acronym="",
            audience=audience,
            call_opens=opens,
            call_closes=closes,
            **extra,
        )

    air = programme(alibaba, "Alibaba Innovative Research", D(2026, 5, 1), D(2026, 5, 31))
    pages = {
        "air": air,
        "arf": programme(air, "Alibaba Research Fellow", D(2026, 5, 22), D(2026, 6, 30)),
        "ri": programme(alibaba, "Alibaba Research Intern", audience="PhD students"),
        "hirp": programme(huawei, "Huawei Innovation Research", call_to_be_announced=True),
        "seed": programme(huawei, "Huawei Seed Fund", None, D(2026, 5, 19)),
        "open_ended": programme(huawei, "Huawei Open Call", D(2026, 1, 1), None),
        "old": programme(huawei, "Huawei Spring Call", D(2026, 1, 1), D(2026, 3, 31)),
        "older": programme(huawei, "Huawei Winter Call", D(2025, 10, 1), D(2025, 12, 31)),
    }
    pages["draft"] = programme(huawei, "Huawei Draft Call", live=False)
    private = programme(huawei, "Huawei Private Call")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    pages["finder"] = add_funding_calls_page(home)
    pages.update(alibaba=alibaba, huawei=huawei)
    return pages


def listed(response):
    """The titles of the calls listed, in order."""
    html = response.content.decode()
    return [
        unescape(re.sub(r"<[^>]+>", "", title)).strip()
        for title in re.findall(r'<h3 class="call__title">(.*?)</h3>', html, re.S)
    ]


def call_text(response, title):
    """The visible text of one call's entry."""
    html = response.content.decode()
    for article in re.findall(r'<article class="call">(.*?)</article>', html, re.S):
        if title in article:
            return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article))).strip()
    raise AssertionError(f"{title} is not listed")


def test_every_live_public_call_is_listed_in_order_with_its_facts(client, calls):
    response = client.get("/en/funding-calls/")
    assert response.status_code == 200
    assert listed(response) == [
        "Huawei Seed Fund",  # open, closes today
        "Alibaba Innovative Research",  # open, closes on 31 May
        "Huawei Open Call",  # open, no closing date
        "Alibaba Research Fellow",  # opens on 22 May
        "Alibaba Research Intern",  # rolling
        "Huawei Innovation Research",  # to be announced
        "Huawei Spring Call",  # closed on 31 March
        "Huawei Winter Call",  # closed on 31 December
    ]
    html = response.content.decode()
    assert "Open calls come first, the soonest to close at the top" in html
    air = call_text(response, "Alibaba Innovative Research")
    assert "Open for applications Closes in 12 days" in air
    assert "Partner Alibaba" in air
    assert "Who it is for Faculty members" in air
    assert "Call opens 1 May 2026" in air
    assert "Call closes 31 May 2026" in air
    assert '<a href="/en/partnerships/alibaba/">Alibaba</a>' in html
    # A programme inside a programme is listed with its partner too.
    assert "Partner Alibaba" in call_text(response, "Alibaba Research Fellow")
    assert "Opening soon Opens in 3 days" in call_text(response, "Alibaba Research Fellow")
    assert "Open for applications Closes today" in call_text(response, "Huawei Seed Fund")
    assert "To be announced" in call_text(response, "Huawei Innovation Research")
    assert "Rolling (no fixed dates)" in call_text(response, "Alibaba Research Intern")
    assert "Closed Partner" in call_text(response, "Huawei Spring Call")
    assert "Huawei Draft Call" not in html and "Huawei Private Call" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["Huawei Seed Fund", "Alibaba Innovative Research", "Huawei Open Call"]),
        ("status=upcoming", ["Alibaba Research Fellow"]),
        ("status=tba", ["Huawei Innovation Research"]),
        ("status=rolling", ["Alibaba Research Intern"]),
        ("status=closed", ["Huawei Spring Call", "Huawei Winter Call"]),
        (
            "partner=alibaba",
            ["Alibaba Innovative Research", "Alibaba Research Fellow", "Alibaba Research Intern"],
        ),
        ("audience=PhD+students", ["Alibaba Research Intern"]),
        (
            "area=big-data",
            ["Alibaba Innovative Research", "Alibaba Research Fellow", "Alibaba Research Intern"],
        ),
        # The form sends every field, the empty ones too.
        (
            "status=open&partner=huawei&audience=&area=optics",
            ["Huawei Seed Fund", "Huawei Open Call"],
        ),
    ],
)
def test_each_filter_narrows_the_list(client, calls, query, expected):
    response = client.get(f"/en/funding-calls/?{query}")
    assert response.status_code == 200
    assert listed(response) == expected
    html = response.content.decode()
    assert f"{len(expected)} call" in html and "of 8</h2>" in html
    # The form shows what was chosen, and offers to clear it.
    for name, value in re.findall(r"(\w+)=([^&]+)", query):
        assert re.search(
            rf'<select id="call-filter-{name}" name="{name}">.*?'
            rf'<option value="{re.escape(value.replace("+", " "))}" selected>',
            html,
            re.S,
        ), name
    assert '<a href="/en/funding-calls/">Clear the filters</a>' in html


def test_the_filters_are_a_plain_form_with_labels(client, calls):
    html = client.get("/en/funding-calls/").content.decode()
    assert re.search(r'<form class="call-filters" method="get" action="/en/funding-calls/"', html)
    for name, label in [
        ("status", "Status"),
        ("partner", "Partner"),
        ("audience", "Who it is for"),
        ("area", "Research area"),
    ]:
        assert f'<label for="call-filter-{name}">{label}</label>' in html
    assert '<option value="big-data">Big data</option>' in html
    assert '<option value="huawei">Huawei</option>' in html
    assert "<script" not in html.split('class="call-filters"')[1].split("</form>")[0]


@pytest.mark.parametrize(
    "query", ["status=soon", "partner=nobody", "area=%3Cb%3E", "status=x&area=y"]
)
def test_a_filter_value_not_offered_is_ignored_and_said_so(client, calls, query):
    response = client.get(f"/en/funding-calls/?{query}")
    assert response.status_code == 200
    assert len(listed(response)) == 8
    html = response.content.decode()
    assert "Some filters in this address are not offered here, so they are ignored" in html
    assert "<b>" not in html
    # Not stored: made-up values cannot fill the cache.
    assert response["X-Page-Cache"] == "bypass"


def test_no_match_says_what_to_do(client, calls):
    factories.enquiry_form_page(slug="tell-us-your-idea")
    response = client.get("/en/funding-calls/?status=tba&partner=alibaba")
    assert listed(response) == []
    html = response.content.decode()
    assert "No call matches these filters." in html
    assert '<a href="/en/funding-calls/">see every call</a>' in html
    assert '<a href="/en/tell-us-your-idea/">Tell us about it</a>' in html


def test_a_site_without_programmes_says_so(client, home_pages):
    add_funding_calls_page(home_pages["en"])
    html = client.get("/en/funding-calls/").content.decode()
    assert "There are no funding calls to show yet." in html
    assert "call-filters" not in html


def translate(page, code, **fields):
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.mark.parametrize(
    ("code", "closes_in_12_days", "opens_in_3_days", "closes_today"),
    [
        ("en", "Closes in 12 days", "Opens in 3 days", "Closes today"),
        ("zh-hant", "12日後截止", "3日後開始接受申請", "今日截止"),
        ("zh-hans", "12天后截止", "3天后开始接受申请", "今天截止"),
    ],
)
def test_the_time_left_reads_in_each_language(
    client, calls, code, closes_in_12_days, opens_in_3_days, closes_today
):
    if code != "en":
        for name in ("air", "arf", "seed"):
            translate(calls[name], code)
        translate(calls["finder"], code)
    response = client.get(f"/{code}/funding-calls/")
    html = response.content.decode()
    assert f'<span class="time-left">{closes_in_12_days}</span>' in html
    assert f'<span class="time-left">{opens_in_3_days}</span>' in html
    assert f'<span class="time-left">{closes_today}</span>' in html
    # The programme page and its partner page show the same countdown.
    air = ProgrammePage.objects.get(
        translation_key=calls["air"].translation_key, locale__language_code=code
    )
    assert closes_in_12_days in client.get(air.url).content.decode()
    assert closes_in_12_days in client.get(air.get_parent().url).content.decode()


def test_a_call_to_be_announced_says_so_everywhere(client, calls):
    hirp = calls["hirp"]
    for url in (hirp.url, calls["huawei"].url, "/en/funding-calls/"):
        html = client.get(url).content.decode()
        assert '<span class="status status--tba">To be announced</span>' in html, url
    # Without the tick, a programme without dates is rolling.
    assert ProgrammePage(call_to_be_announced=False).status_on(D(2026, 5, 19)) == "rolling"


def test_a_call_to_be_announced_cannot_have_dates():
    programme = ProgrammePage(
        title="HIRP", slug="hirp", call_to_be_announced=True, call_closes=D(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        programme.clean()
    assert "call_to_be_announced" in error.value.message_dict


def test_one_funding_calls_page_per_language_under_its_home_page(calls, home_pages):
    assert not FundingCallsPage.can_create_at(home_pages["en"])
    assert FundingCallsPage.can_create_at(home_pages["zh-hant"])
    assert not FundingCallsPage.can_create_at(calls["alibaba"])


def test_the_funding_calls_page_is_in_the_main_navigation(client, calls):
    html = client.get("/en/").content.decode()
    nav = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert '<a href="/en/funding-calls/">Funding calls</a>' in nav


def queries_on_a_miss(client, url):
    assert client.get(url).status_code == 200  # warms Wagtail's site root paths
    store.invalidate_all()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


# The site, its locale and the route (5 with the page's ancestors and aliases),
# view restrictions (2), then the page's own content in bulk: the programmes,
# the partners, their research areas, the page's locale (4), and the language
# switcher's translations and the breadcrumbs (2). Research areas in another
# language than the page's add one query (their versions in its language).
FUNDING_CALLS_QUERIES = 14


def test_the_page_costs_the_same_queries_however_many_calls(client, calls):
    url = "/en/funding-calls/?status=open"
    assert queries_on_a_miss(client, url) == FUNDING_CALLS_QUERIES
    index = calls["alibaba"].get_parent()
    for number in range(5):
        partner = factories.PartnerPageFactory(parent=index, slug=f"partner-{number}")
        partner.research_areas.add(factories.ResearchAreaFactory())
        partner.save()
        for call in range(3):
            factories.ProgrammePageFactory(
                parent=partner, slug=f"call-{number}-{call}", call_closes=D(2026, 6, call + 1)
            )
    assert queries_on_a_miss(client, url) == FUNDING_CALLS_QUERIES
    with translation.override("en"):
        assert len(listed(client.get(url))) == 3 + 15
