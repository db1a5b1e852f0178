"""Header and footer: main navigation per locale, breadcrumbs, the footer snippet, its cache."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import site_chrome
from core.models import FooterContent
from partner_pages.models import PartnerIndexPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def main_nav(html):
    match = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    return (
        re.findall(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', match.group(0))
        if match
        else []
    )


@pytest.fixture
def sections(home_pages):
    """Partnerships (in menus by default) and a hidden page, in English and Traditional Chinese."""
    index = PartnerIndexPage(title="Partnerships", slug="partnerships")
    home_pages["en"].add_child(instance=index)
    index.save_revision().publish()
    hidden = StandardPage(title="Hidden", slug="hidden", show_in_menus=False)
    home_pages["en"].add_child(instance=hidden)
    hidden.save_revision().publish()
    hant = index.copy_for_translation(home_pages["zh-hant"].locale)
    hant.title = "合作夥伴"
    hant.save_revision().publish()
    return index


def test_main_navigation_lists_the_locale_home_pages_children_in_menus(client, sections):
    assert main_nav(client.get("/en/").content.decode()) == [
        ("/en/partnerships/", "", "Partnerships")
    ]
    assert main_nav(client.get("/zh-hant/").content.decode()) == [
        ("/zh-hant/partnerships/", "", "合作夥伴")
    ]
    assert main_nav(client.get("/zh-hans/").content.decode()) == []


def test_main_navigation_marks_the_current_section(client, sections, home_pages):
    from home.models import HomePage  # a page type with a template on every branch

    about = HomePage(title="About", slug="about", show_in_menus=True)
    home_pages["en"].add_child(instance=about)
    about.save_revision().publish()
    child = HomePage(title="Team", slug="team")
    about.add_child(instance=child)
    child.save_revision().publish()
    assert main_nav(client.get("/en/about/").content.decode()) == [
        ("/en/partnerships/", "", "Partnerships"),
        ("/en/about/", "page", "About"),
    ]
    assert main_nav(client.get("/en/about/team/").content.decode())[1] == (
        "/en/about/",
        "true",
        "About",
    )


def test_menu_and_footer_are_cached_and_cost_no_query(client, sections):
    client.get("/en/")  # warms the cache
    with CaptureQueriesContext(connection) as queries:
        site_chrome.menu_for("en")
        site_chrome.footer_for("en")
    assert len(queries) == 0


def test_publishing_a_page_refreshes_the_menu(client, sections, home_pages):
    client.get("/en/")
    page = StandardPage(title="About", slug="about")
    home_pages["en"].add_child(instance=page)
    page.save_revision().publish()
    titles = [title for _url, _current, title in main_nav(client.get("/en/").content.decode())]
    assert titles == ["Partnerships", "About"]


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_footer_shows_the_snippet_in_the_page_language(client):
    assert "香港九龍紅磡" in footer(client.get("/zh-hant/").content.decode())
    assert "香港九龙红磡" in footer(client.get("/zh-hans/").content.decode())
    html = footer(client.get("/en/").content.decode())
    assert "Hung Hom, Kowloon" in html
    assert '<a href="tel:+85227665111">+852 2766 5111</a>' in html
    assert '<a href="https://www.polyu.edu.hk/">PolyU website</a>' in html


def test_footer_falls_back_to_english_and_follows_edits(client):
    FooterContent.objects.filter(locale__language_code="zh-hans").delete()
    assert "Hung Hom, Kowloon" in footer(client.get("/zh-hans/").content.decode())

    english = FooterContent.objects.get(locale__language_code="en")
    english.social_links = [
        {
            "type": "social_link",
            "value": {
                "platform": "linkedin",
                "url": "https://www.linkedin.com/school/polyu/",
                "label": "",
            },
        }
    ]
    english.save()
    html = footer(client.get("/zh-hans/").content.decode())
    assert '<a href="https://www.linkedin.com/school/polyu/" rel="me">LinkedIn</a>' in html


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_pages):
    from home.models import HomePage

    parent = HomePage(title="Research", slug="research")
    home_pages["en"].add_child(instance=parent)
    parent.save_revision().publish()
    child = HomePage(title="Laboratories", slug="labs")
    parent.add_child(instance=child)
    child.save_revision().publish()
    html = client.get("/en/research/labs/").content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav) == [
        ("/en/", "Industry Partnerships"),
        ("/en/research/", "Research"),
    ]
    assert '<span aria-current="page">Laboratories</span>' in nav


def test_home_page_has_no_visible_breadcrumbs(client):
    assert '<nav class="breadcrumbs"' not in client.get("/en/").content.decode()
