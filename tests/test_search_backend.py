"""The Chinese-aware search backend (search/backends/), on SQLite or PostgreSQL."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Fuzzy, MatchAll, Not, Phrase, PlainText

from partner_pages.models import StandardPage
from search.backends import SearchBackend
from tests.search_pages import make_page, search_titles

pytestmark = pytest.mark.django_db

ALIBABA = "阿里巴巴 - 理大大數據及雲計算"
HUAWEI = "華為 - 理大通訊及先進計算"
LAB = "香港理工大學與華為聯合實驗室合作計劃"


@pytest.fixture
def pages():
    return {title: make_page(title) for title in (ALIBABA, HUAWEI, LAB)}


def test_the_site_uses_the_chinese_aware_backend_for_its_database():
    backend = get_search_backend()
    module = {"sqlite": "sqlite", "postgresql": "postgres"}[connection.vendor]
    assert type(backend).__module__ == f"search.backends.{module}"
    assert type(SearchBackend({})) is type(backend)


def test_the_index_holds_analysed_text_not_the_raw_title(pages):
    entry = IndexEntry.objects.get(object_id=str(pages[ALIBABA].pk))
    if connection.vendor == "sqlite":
        assert "大数 数据" in entry.title
    else:
        assert "'大数'" in str(entry.title)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("阿里巴巴", {ALIBABA}),
        ("大數據", {ALIBABA}),
        ("雲計算", {ALIBABA}),
        ("計算", {ALIBABA, HUAWEI}),
        ("理工大學", {LAB}),
        ("合作", {LAB}),
        ("聯合實驗室", {LAB}),
        ("華為", {HUAWEI, LAB}),
        ("通", {HUAWEI}),  # a single character
        ("算", {ALIBABA, HUAWEI}),  # the last character of a run
        # Simplified queries find Traditional text.
        ("大数据", {ALIBABA}),
        ("联合实验室", {LAB}),
        ("华为 合作", {LAB}),
        ("理大 云计算", {ALIBABA}),
    ],
)
def test_chinese_words_inside_titles_are_found(pages, query, expected):
    assert search_titles(query) == expected


def test_words_must_be_next_to_each_other_in_order(pages):
    # 大 and 數據 both appear in HUAWEI's neighbours, but 數據大 nowhere.
    assert search_titles("數據大") == set()
    assert search_titles("據大數") == set()


def test_traditional_queries_find_simplified_text():
    make_page("阿里巴巴 - 理大大数据及云计算", language="zh-hans")
    assert search_titles("大數據", language="zh-hans") == {"阿里巴巴 - 理大大数据及云计算"}


def test_english_keeps_case_folding_word_beginnings_and_postgres_stemming():
    make_page("Alibaba - PolyU Big Data & Cloud Computing", language="en")
    title = {"Alibaba - PolyU Big Data & Cloud Computing"}
    assert search_titles("alibaba", language="en") == title
    assert search_titles("CLOUD computing", language="en") == title
    assert search_titles("comput", language="en") == title
    # PostgreSQL stems English ("clouds" -> "cloud"); SQLite's FTS5 tokenizer does not.
    stemmed = title if connection.vendor == "postgresql" else set()
    assert search_titles("clouds", language="en") == stemmed


def test_mixed_english_and_chinese_queries():
    make_page("華為創新研究計劃 (HIRP) 2021")
    assert search_titles("華為 HIRP") == {"華為創新研究計劃 (HIRP) 2021"}
    assert search_titles("华为HIRP") == {"華為創新研究計劃 (HIRP) 2021"}
    assert search_titles("HIRP 2021") == {"華為創新研究計劃 (HIRP) 2021"}
    assert search_titles("HIRP 2020") == set()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"大數據',
        "大數據*",
        "NEAR(大數據 雲計算)",
        "AND",
        "OR 大數據",
        "NOT 大數據",
        "( )",
        "^大數據",
        "title:大數據",
        "{title}: x",
        "'",
        "\\",
        "大數據\x00",
        "😀",
        "%",
        "_",
    ],
)
def test_query_syntax_is_searched_as_text_without_errors(pages, query):
    search_titles(query)  # must not raise


def test_queries_with_nothing_searchable_find_nothing(pages):
    assert search_titles("😀 *") == set()
    assert search_titles("大數據 😀") == {ALIBABA}


def test_autocomplete_finds_chinese_and_word_beginnings(pages):
    make_page("Huawei Innovation Research Program", language="en")
    pages = Page.objects.live().filter(depth__gt=2)
    assert {page.title for page in pages.autocomplete("大數")} == {ALIBABA}
    assert {page.title for page in pages.autocomplete("Huawei Innov")} == {
        "Huawei Innovation Research Program"
    }


def test_editing_a_title_reindexes_the_page(pages):
    page = pages[ALIBABA]
    page.title = "阿里巴巴創新研究計劃"
    page.save_revision().publish()
    assert search_titles("大數據") == set()
    assert search_titles("創新研究") == {"阿里巴巴創新研究計劃"}


def test_deleting_a_page_removes_it_from_the_index(pages):
    pages[HUAWEI].delete()
    assert search_titles("華為") == {LAB}
    assert not IndexEntry.objects.filter(object_id=str(pages[HUAWEI].pk)).exists()


def test_update_index_rebuilds_the_analysed_index(pages):
    IndexEntry.objects.all().delete()
    assert search_titles("大數據") == set()
    call_command("update_index", stdout=io.StringIO())
    assert search_titles("大數據") == {ALIBABA}


def modelsearch_results_class():
    """modelsearch's own results class for this database, with its own ranking query."""
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchResults

        return SQLiteSearchResults
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

    return PostgresSearchResults


def test_results_are_the_pages_modelsearch_finds_and_counts(pages):
    for number in range(12):
        make_page(f"合作計劃 {number}" + " 華為合作" * (number % 4))
    backend = get_search_backend()
    for query in ("合作", "華為 合作", "計劃"):
        results = backend.search(query, Page.objects.live().filter(depth__gt=2))
        # modelsearch ranks in SQL that gets slow with many matches (see the backends).
        expected = modelsearch_results_class()(backend, results.query_compiler)
        assert {page.pk for page in results} == {page.pk for page in expected}
        assert results.count() == expected.count() >= 10
        assert results[3:7].count() == 4
        assert [page.pk for page in results[3:7]] == [page.pk for page in results][3:7]
        if connection.vendor == "postgresql":
            # Same ts_rank weights as modelsearch, so the same order.
            assert [page.pk for page in results] == [page.pk for page in expected]


def test_pages_with_the_words_in_their_title_come_first():
    body_only = [
        make_page(f"計劃 {number}", page_class=StandardPage, summary="與華為合作的計劃。" * number)
        for number in (1, 3)
    ]
    in_title = make_page("華為", page_class=StandardPage, summary="一個很長的摘要。" * 20)
    titles = [page.title for page in Page.objects.live().filter(depth__gt=2).search("華為")]
    assert titles[0] == in_title.title
    assert set(titles[1:]) == {page.title for page in body_only}


def compiler(query, autocomplete=False, **options):
    """The query compiler the site's backend makes for a search of the live pages."""
    backend = get_search_backend()
    search = backend.autocomplete if autocomplete else backend.search
    return search(query, Page.objects.live(), **options).query_compiler


@pytest.mark.parametrize(
    ("query", "options", "ranked"),
    [
        ("大數據", {}, True),
        (Phrase("華為"), {}, True),
        ("大數", {"autocomplete": True}, True),
        (And([PlainText("華為"), Not(PlainText("合作"))]), {}, True),
        ("大數據", {"order_by_relevance": False}, False),
        ("😀 *", {}, False),
        (MatchAll(), {}, False),
        (Not(PlainText("華為")), {}, False),
        (Fuzzy("華為"), {}, False),
    ],
)
def test_both_databases_rank_the_same_queries(query, options, ranked):
    assert bool(compiler(query, **options).can_rank()) is ranked


def test_a_search_in_some_fields_is_ranked_where_the_ranking_keeps_to_them():
    # SQLite's ranking matches the FTS5 columns named; PostgreSQL's reads the index
    # table, and modelsearch matches `fields=` against the model's own columns.
    title = "Alibaba - PolyU Big Data & Cloud Computing"
    make_page(title, language="en")
    ranked = connection.vendor == "sqlite"
    assert bool(compiler("alibaba", fields=["title"]).can_rank()) is ranked
    assert search_titles("alibaba", language="en") == {title}
    pages = Page.objects.live().filter(depth__gt=2)
    assert {page.title for page in pages.search("alibaba", fields=["title"])} == {title}


def test_autocomplete_completes_only_the_last_word():
    title = "Huawei Innovation Research Program"
    make_page(title, language="en")
    pages = Page.objects.live().filter(depth__gt=2)
    assert search_titles("Huaw Innov", language="en") == {title}
    assert {page.title for page in pages.autocomplete("Huawei Innov")} == {title}
    assert {page.title for page in pages.autocomplete("Huaw Innov")} == set()
