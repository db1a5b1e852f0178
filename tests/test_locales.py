"""Three languages: home pages, the root redirect, the switcher and hreflang links."""

import re

import pytest

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    ("url", "lang"),
    [("/en/", "en"), ("/zh-hant/", "zh-Hant-HK"), ("/zh-hans/", "zh-Hans")],
)
def test_each_locale_home_page_answers_in_its_own_language(client, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response) == lang


def test_home_pages_are_translations_of_one_another(home_pages):
    assert set(home_pages) == {"en", "zh-hant", "zh-hans"}
    assert len({page.translation_key for page in home_pages.values()}) == 1
    assert all(page.live for page in home_pages.values())


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-HK", "/zh-hant/"),
        ("zh-TW", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-Hant-HK,zh;q=0.8", "/zh-hant/"),
        ("zh-CN", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh", "/zh-hans/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("fr;q=1.0, zh-HK;q=0.5", "/zh-hant/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_without_accept_language_goes_to_english(client):
    response = client.get("/")
    assert response["Location"] == "/en/"


def switcher_links(response):
    html = response.content.decode()
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))


def hreflang_links(response):
    html = response.content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def test_switcher_links_to_the_same_page_in_the_other_locales(client):
    response = client.get("/zh-hant/")
    assert switcher_links(response) == {"/en/": "en", "/zh-hans/": "zh-Hans"}
    assert 'aria-current="true" lang="zh-Hant-HK">繁體中文<' in response.content.decode()


def test_hreflang_lists_every_live_translation_and_x_default(client):
    response = client.get("/zh-hans/")
    assert hreflang_links(response) == {
        "en": "http://localhost/en/",
        "zh-Hant-HK": "http://localhost/zh-hant/",
        "zh-Hans": "http://localhost/zh-hans/",
        "x-default": "http://localhost/en/",
    }


def test_switcher_falls_back_to_the_locale_home_page_without_a_live_translation(client, home_pages):
    from home.models import HomePage

    en_home = home_pages["en"]
    about = HomePage(title="About", slug="about")
    en_home.add_child(instance=about)
    about.save_revision().publish()
    hant_about = about.copy_for_translation(home_pages["zh-hant"].locale)  # a draft: not live

    response = client.get("/en/about/")
    assert response.status_code == 200
    links = switcher_links(response)
    assert links["/zh-hant/"] == "zh-Hant-HK"  # the Traditional home, not the draft
    assert links["/zh-hans/"] == "zh-Hans"
    assert set(hreflang_links(response)) == {"en", "x-default"}

    hant_about.save_revision().publish()
    response = client.get("/en/about/")
    assert "/zh-hant/about/" in switcher_links(response)
    assert set(hreflang_links(response)) == {"en", "zh-Hant-HK", "x-default"}


def test_unknown_locale_prefix_gives_the_404_page(client):
    response = client.get("/fr/", follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_missing_page_gives_the_404_page_in_the_visitors_language(client):
    response = client.get("/zh-hant/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "zh-Hant-HK"
    assert "找不到" in response.content.decode()


def test_admin_lives_outside_the_language_prefixes(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
