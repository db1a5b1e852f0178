"""The search page at /<language>/search/: scope, results, pagination, promotions, bad input."""

import re

import pytest
from django.utils.translation import override
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

from search import hits
from tests.search_pages import make_page

pytestmark = pytest.mark.django_db


def result_titles(response):
    html = response.content.decode()
    titles = re.findall(r'<h2 class="search-result__title"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def excerpts(response):
    return re.findall(r'<p class="search-result__excerpt">(.*?)</p>', response.content.decode())


def test_search_url_is_in_every_language(client):
    for language, lang in [("en", "en"), ("zh-hant", "zh-Hant-HK"), ("zh-hans", "zh-Hans")]:
        response = client.get(f"/{language}/search/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()


def test_header_search_box_searches_in_the_visitors_language(client):
    html = client.get("/zh-hant/").content.decode()
    assert re.search(r'<form class="site-search" role="search" action="/zh-hant/search/"', html)
    assert 'name="query"' in html


def test_results_come_only_from_the_visitors_locale(client):
    source = make_page("Graphene 石墨烯", language="en")
    for language in ("zh-hant", "zh-hans"):
        translation = source.copy_for_translation(Locale.objects.get(language_code=language))
        translation.save_revision().publish()
    pages = {
        language: set(result_titles(client.get(f"/{language}/search/", {"query": "石墨烯"})))
        for language in ("en", "zh-hant", "zh-hans")
    }
    assert pages == {
        "en": {"Graphene 石墨烯"},
        "zh-hant": {"Graphene 石墨烯"},
        "zh-hans": {"Graphene 石墨烯"},
    }
    response = client.get("/zh-hant/search/", {"query": "石墨烯"})
    links = re.findall(
        r'<h2 class="search-result__title"><a href="([^"]+)"', response.content.decode()
    )
    assert len(links) == 1 and links[0].startswith("/zh-hant/")


def test_drafts_unpublished_and_private_pages_are_not_found(client):
    make_page("納米材料 草稿", live=False)
    private = make_page("納米材料 內部")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    unpublished = make_page("納米材料 已下架")
    make_page("納米材料 公開")
    unpublished.unpublish()
    assert result_titles(client.get("/zh-hant/search/", {"query": "納米材料"})) == ["納米材料 公開"]


def test_publishing_a_translation_adds_it_to_that_locales_results(client):
    source = make_page("Nanomaterials Lab", language="en")
    translation = source.copy_for_translation(Locale.objects.get(language_code="zh-hant"))
    translation.title = "納米材料實驗室"
    translation.save_revision()
    assert result_titles(client.get("/zh-hant/search/", {"query": "納米材料"})) == []
    translation.get_latest_revision().publish()
    assert result_titles(client.get("/zh-hant/search/", {"query": "納米材料"})) == [
        "納米材料實驗室"
    ]
    assert result_titles(client.get("/zh-hant/search/", {"query": "纳米材料"})) == [
        "納米材料實驗室"
    ]


def test_excerpt_marks_matches_in_the_pages_own_script(client):
    make_page(
        "理大 – 納米材料研究",
        search_description="理大與業界在石墨烯及納米材料方面的合作，始於二零一六年。",
    )
    response = client.get("/zh-hant/search/", {"query": "纳米材料"})  # typed in Simplified
    html = response.content.decode()
    assert "理大 – <mark>納米材料</mark>研究" in html
    assert excerpts(response) == [
        "理大與業界在石墨烯及<mark>納米材料</mark>方面的合作，始於二零一六年。"
    ]


def test_titles_and_excerpts_are_html_escaped(client):
    make_page("<script>alert(1)</script> 石墨烯", search_description="<b>石墨烯</b> & more")
    html = client.get("/zh-hant/search/", {"query": "石墨烯"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>石墨烯</mark>" in html
    assert "&lt;b&gt;<mark>石墨烯</mark>&lt;/b&gt; &amp; more" in html


def test_long_text_is_cut_around_the_first_match(client):
    before = "Collaboration in technology development and research outputs. " * 5
    make_page(
        "Huawei HIRP",
        language="en",
        search_description=f"{before}The HIRP call for proposals opens soon. {before}",
    )
    [text] = excerpts(client.get("/en/search/", {"query": "HIRP"}))
    assert text.startswith("… ") and text.endswith(" …")
    assert "The <mark>HIRP</mark> call for proposals" in text
    assert len(re.sub(r"<[^>]+>", "", text)) < 200


def test_each_result_says_its_section_and_the_count_is_shown(client):
    make_page("量子糾纏 一")
    make_page("量子糾纏 二")
    with override("zh-hant"):
        html = client.get("/zh-hant/search/", {"query": "量子糾纏"}).content.decode()
    assert html.count('<p class="search-result__section">') == 2
    assert 'class="search-result search-result--other"' in html
    assert re.search(r'<p class="search-count" role="status">\s*2\b', html)


def test_results_are_paginated_and_bad_page_numbers_do_not_fail(client):
    for number in range(23):
        make_page(f"Zephyr Programme {number}", language="en")

    def titles(page):
        response = client.get("/en/search/", {"query": "zephyr", "page": page})
        assert response.status_code == 200
        return result_titles(response)

    first, second, third = titles(1), titles(2), titles(3)
    assert (len(first), len(second), len(third)) == (10, 10, 3)
    assert len(set(first) | set(second) | set(third)) == 23
    assert titles("abc") == first
    assert titles("") == first
    assert titles(0) == third
    assert titles(-1) == third
    assert titles(99999999999999999999) == third
    html = client.get("/en/search/", {"query": "zephyr", "page": 2}).content.decode()
    assert 'rel="prev" href="?query=zephyr&amp;page=1"' in html
    assert 'rel="next" href="?query=zephyr&amp;page=3"' in html


def test_no_results_explains_what_to_try(client):
    with override("en"):
        html = client.get("/en/search/", {"query": "Zyxwvut"}).content.decode()
    assert "No pages match “Zyxwvut”." in html
    assert "Traditional or Simplified" in html


def test_promotions_show_for_the_visitors_locale_in_either_script(client):
    zh_page = make_page("阿里巴巴雲")
    en_page = make_page("Alibaba Cloud", language="en")
    query = Query.get("雲計算")
    SearchPromotion.objects.create(
        query=query, page=zh_page, description="推介：阿里巴巴雲", sort_order=0
    )
    SearchPromotion.objects.create(
        query=query, page=en_page, description="Promoted: Alibaba Cloud", sort_order=1
    )
    for typed in ("雲計算", "云计算"):
        html = client.get("/zh-hant/search/", {"query": typed}).content.decode()
        promotions = re.search(
            r'<section class="search-promotions".*?</section>', html, re.S
        ).group()
        assert "推介：阿里巴巴雲" in promotions
        assert "Alibaba Cloud" not in promotions
    assert (
        "search-promotions" not in client.get("/en/search/", {"query": "雲計算 x"}).content.decode()
    )


def test_searches_are_counted_for_the_search_terms_report(client):
    client.get("/zh-hant/search/", {"query": "大數據"})
    client.get("/zh-hant/search/", {"query": "大數據"})
    hits.flush()  # written outside the request
    assert Query.get("大數據").hits == 2


@pytest.mark.parametrize(
    "query_string",
    [
        "",
        "query=",
        "query=%20%20",
        "query=%22",
        "query=%22%E5%A4%A7%E6%95%B8%E6%93%9A",  # "大數據
        "query=*",
        "query=NEAR(a%20b)",
        "query=a%20AND%20b%20OR%20NOT%20c",
        "query=(%20)%20^%20:",
        "query=title:x%20{title}:%20y",
        "query=%00",
        "query=%E5%A4%A7%00%E6%95%B8",
        "query=%ED%A0%80",  # a lone surrogate
        "query=%FF%FE",  # not UTF-8
        "query=%F0%9F%98%80%F0%9F%87%AD%F0%9F%87%B0",  # emoji
        "query=%D7%A9%D7%9C%D7%95%D7%9D%20%D8%A8%D8%AD%D8%AB",  # Hebrew and Arabic
        "query=%E2%80%8F%E2%80%AE",  # right-to-left marks
        "query=%25%5C'%3B--",
        "query=a&query=b&page=x",
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_odd_input_answers_200(client, language, query_string):
    make_page("大數據 Big Data", language=language)
    response = client.get(f"/{language}/search/?{query_string}")
    assert response.status_code == 200


def test_too_long_a_query_answers_400_with_a_message(client):
    with override("en"):
        response = client.get("/en/search/", {"query": "大" * 10_000})
    assert response.status_code == 400
    assert "Your search is too long" in response.content.decode()
    assert client.get("/en/search/", {"query": "a" * 200}).status_code == 200
    assert client.get("/en/search/", {"query": "a" * 201}).status_code == 400
