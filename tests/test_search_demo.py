"""Search against the demo content, in three languages: the table of queries visitors type.

The demo content is loaded once for this module inside a transaction that is rolled
back at the end, so other test modules never see it.
"""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db

ALIBABA = {
    "en": "Alibaba – PolyU Big Data & Cloud Computing",
    "zh-hant": "阿里巴巴－理大大數據及雲計算",
    "zh-hans": "阿里巴巴－理大大数据及云计算",
}
AIR = {
    "en": "Alibaba Innovative Research (AIR)",
    "zh-hant": "阿里巴巴創新研究計劃（AIR）",
    "zh-hans": "阿里巴巴创新研究计划（AIR）",
}
ARF = {"zh-hant": "阿里巴巴研究學者計劃（ARF）"}
RI = {"zh-hant": "阿里巴巴研究實習生計劃（RI）"}
HUAWEI = {
    "en": "Huawei – PolyU Communication & Advanced Computing",
    "zh-hant": "華為－理大通訊及先進計算",
    "zh-hans": "华为－理大通信及先进计算",
}
HIRP = {
    "en": "Huawei Innovation Research Program (HIRP)",
    "zh-hant": "華為創新研究計劃（HIRP）",
    "zh-hans": "华为创新研究计划（HIRP）",
}
LAB = {
    "en": (
        "PolyU-Huawei Joint Laboratory for Optical Interconnection Network "
        "and Advanced Computing System"
    ),
    "zh-hant": "理大－華為光互連網絡及先進計算系統聯合實驗室",
    "zh-hans": "理大－华为光互连网络及先进计算系统联合实验室",
}
PARTNERS = {"zh-hant": "合作夥伴", "zh-hans": "合作伙伴"}
HOME = {"zh-hant": "產學合作", "zh-hans": "产学合作"}

# (site language, what the visitor types, the page it must find)
QUERIES = [
    # Two-character words
    ("zh-hant", "合作", PARTNERS),
    ("zh-hant", "華為", HUAWEI),
    ("zh-hant", "杭州", ALIBABA),
    ("zh-hant", "張磊", ALIBABA),
    ("zh-hant", "楊磊", AIR),
    ("zh-hant", "通訊", HUAWEI),
    # A single character
    ("zh-hant", "雲", ALIBABA),
    # Three-, four- and five-character words, from titles and bodies
    ("zh-hant", "大數據", ALIBABA),
    ("zh-hant", "雲計算", ALIBABA),
    ("zh-hant", "聯合實驗室", LAB),
    ("zh-hant", "人工智能", ALIBABA),
    ("zh-hant", "區塊鏈", HIRP),
    ("zh-hant", "半導體", HIRP),
    ("zh-hant", "城市大腦", ALIBABA),
    ("zh-hant", "博士研究生", RI),
    ("zh-hant", "研究學者", ARF),
    ("zh-hant", "衞炳江", ALIBABA),  # 衞 is the Hong Kong form of 衛
    ("zh-hant", "理工大學", HOME),  # inside 香港理工大學, on the home page
    ("zh-hans", "理工大学", HOME),
    # Words in different blocks of one page
    ("zh-hant", "杭州 冠狀病毒", ALIBABA),
    ("zh-hant", "區塊鏈 儲存技術", HIRP),
    ("zh-hant", "數據中心 聯合實驗室", LAB),
    ("en", "Hangzhou COVID-19", ALIBABA),
    # Simplified typed on the Traditional site
    ("zh-hant", "大数据", ALIBABA),
    ("zh-hant", "联合实验室", LAB),
    ("zh-hant", "区块链", HIRP),
    ("zh-hant", "卫炳江", ALIBABA),
    ("zh-hant", "华为 通讯", HUAWEI),
    # Traditional typed on the Simplified site
    ("zh-hans", "雲計算", ALIBABA),
    ("zh-hans", "聯合實驗室", LAB),
    ("zh-hans", "創新研究計劃", HIRP),
    ("zh-hans", "合作夥伴", PARTNERS),
    # Mixed English and Chinese
    ("zh-hant", "華為 HIRP", HIRP),
    ("zh-hant", "AIR 2021", AIR),
    ("zh-hant", "阿里巴巴 AIR", AIR),
    ("zh-hans", "华为HIRP", HIRP),
    ("zh-hant", "PID 控制器", ALIBABA),
    ("zh-hant", "DAC", ALIBABA),
    # English: whole words, any case, word beginnings
    ("en", "Alibaba", ALIBABA),
    ("en", "cloud computing", ALIBABA),
    ("en", "BIG DATA", ALIBABA),
    ("en", "HIRP", HIRP),
    ("en", "AIR 2021", AIR),
    ("en", "joint laboratory", LAB),
    ("en", "optic", LAB),
]


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        # wagtail-localize publishes translations on commit: run those callbacks now.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    # Cached site root paths and the like would outlive the rolled-back pages.
    cache.clear()


def search(query, language):
    locale = Locale.objects.get(language_code=language)
    return [page.title for page in Page.objects.live().public().filter(locale=locale).search(query)]


@pytest.mark.parametrize(("language", "query", "page"), QUERIES)
def test_query_finds_its_page(demo_content, language, query, page):
    assert page[language] in search(query, language)


def test_the_table_has_at_least_30_queries_in_every_kind():
    assert len(QUERIES) >= 30
    assert {language for language, _query, _page in QUERIES} == {"en", "zh-hant", "zh-hans"}


@pytest.mark.parametrize(
    ("language", "query", "pages"),
    [
        ("zh-hant", "大數據", [ALIBABA, HUAWEI, HIRP, LAB]),
        ("zh-hant", "聯合實驗室", [LAB]),
        ("zh-hant", "華為 HIRP", [HIRP]),
        ("zh-hans", "雲計算", [ALIBABA]),
        ("en", "HIRP", [HIRP]),
    ],
)
def test_queries_find_only_the_pages_that_contain_them(demo_content, language, query, pages):
    assert set(search(query, language)) == {page[language] for page in pages}


@pytest.mark.parametrize("query", ["阿里巴巴", "AIR", "華為", "华为", "合作"])
def test_a_traditional_chinese_search_never_shows_english_or_simplified_pages(
    demo_content, client, query
):
    html = client.get("/zh-hant/search/", {"query": query}).content.decode()
    links = re.findall(r'<h2 class="search-result__title"><a href="([^"]+)"', html)
    assert links
    assert all(link.startswith("/zh-hant/") for link in links)


def test_results_show_their_section_and_a_marked_excerpt_in_the_pages_script(demo_content, client):
    html = client.get("/zh-hant/search/", {"query": "区块链"}).content.decode()
    [result] = re.findall(r'<li class="search-result search-result--(\w+)">(.*?)</li>', html, re.S)
    section, body = result
    assert section == "programme"
    assert re.search(r'<p class="search-result__section">[^<]+</p>', body)
    assert "<mark>區塊鏈</mark>" in body

    html = client.get("/zh-hant/search/", {"query": "雲計算"}).content.decode()
    assert 'class="search-result search-result--partnership"' in html


def test_unpublishing_a_page_removes_it_from_results(demo_content, client):
    page = Page.objects.get(title=HIRP["zh-hant"])
    with transaction.atomic():
        page.unpublish()
        assert HIRP["zh-hant"] not in search("HIRP", "zh-hant")
        assert HIRP["zh-hans"] in search("HIRP", "zh-hans")
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("language", "query"),
    [
        # Labels of the editors' choices (heading level, how a date is shown) are
        # interface text: no page says them, so no search finds them.
        ("en", "Section level"),
        ("en", "Month and year"),
        ("zh-hant", "Section level"),
        ("zh-hant", "Month and year"),
    ],
)
def test_editors_choice_labels_are_not_searchable(demo_content, language, query):
    assert search(query, language) == []
