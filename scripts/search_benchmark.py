"""Benchmark site search on a throwaway database: index time, index size, query latency.

    .venv/bin/python scripts/search_benchmark.py                 # SQLite, 1,000 pages a language
    .venv/bin/python scripts/search_benchmark.py --pages 200     # quicker
    DATABASE_URL=postgres://user@127.0.0.1/site .venv/bin/python scripts/search_benchmark.py

It never touches the site's own database: like the test suite, it creates a test
database next to the configured one (a temporary SQLite file, or `test_<name>` on
PostgreSQL), fills it with N generated pages per language of mixed Chinese and English
text, and drops it at the end. It rebuilds the index twice, with Wagtail's stock
database backend and with this site's Chinese-aware one (search/backends/), and prints
for each: index time, index size, and for a fixed set of queries in each script the
latency (median and 95th percentile of count + first page of results, as the search
page runs them) and how many pages each query finds.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

# Words of the site's domain, in Traditional Chinese (Hong Kong) and English.
ZH_WORDS = (
    "理大 香港理工大學 華為 阿里巴巴 合作 研究 計劃 大數據 雲計算 人工智能 聯合實驗室 通訊 "
    "先進計算 創新 技術 學系 教授 博士 研究生 資助 項目 智慧城市 物聯網 區塊鏈 半導體 "
    "軟件工程 數據管理 無線通訊 光通訊 系統 網絡 演算法 深度學習 電腦視覺 醫療 應用 "
    "夥伴 研討會 工作坊 交流 學術 發展 推動 成果 轉化 大灣區 杭州 深圳 峰會 講座 "
    "計算機 工程學院 應用數學 護理學院 電子計算學系 創新及科技發展處 諒解備忘錄 "
    "以及 包括 旨在 雙方 共同 進一步 於 與 及 的 在 為 由 將 並 已 年"
).split()
EN_WORDS = (
    "PolyU Huawei Alibaba collaboration research programme joint laboratory big data "
    "cloud computing artificial intelligence communication advanced computing innovation "
    "technology department professor PhD student funding project smart city internet of "
    "things blockchain semiconductor software engineering data management wireless optical "
    "system network algorithm deep learning computer vision healthcare application partner "
    "seminar workshop exchange academic development outcome Greater Bay Area Hangzhou "
    "Shenzhen summit lecture engineering mathematics nursing memorandum understanding "
    "the and of in for with to by a on was is are has been will"
).split()
LATIN_IN_CHINESE = (
    "HIRP AIR ARF RI AI 5G ICT RFID COVID-19 DAC PID 2016 2017 2018 2020 2021"
).split()

QUERIES = {
    "en": ["cloud computing", "HIRP", "joint laboratory", "AIR 2021", "comput", "PolyU Huawei"],
    "zh-hant": ["大數據", "雲計算", "聯合實驗室", "合作", "理工大學", "華為 HIRP", "云计算", "雲"],
    "zh-hans": ["大数据", "云计算", "联合实验室", "合作", "理工大学", "华为 HIRP", "雲計算", "云"],
}


def chinese_text(rng, characters):
    words = []
    while sum(len(word) for word in words) < characters:
        word = rng.choice(LATIN_IN_CHINESE) if rng.random() < 0.06 else rng.choice(ZH_WORDS)
        words.append(f" {word} " if word.isascii() else word)
        if rng.random() < 0.08:
            words.append(rng.choice("，。、；"))
    return "".join(words).strip()


def english_text(rng, words):
    text = " ".join(rng.choice(EN_WORDS + LATIN_IN_CHINESE) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def page_texts(rng, language, to_simplified):
    """(title, summary, [paragraphs]) for one generated page."""
    if language == "en":
        title = english_text(rng, rng.randint(4, 9)).rstrip(".").title()
        return title, english_text(rng, 30), [english_text(rng, 90) for _ in range(3)]
    title = chinese_text(rng, rng.randint(8, 18))
    summary = chinese_text(rng, 60)
    paragraphs = [chinese_text(rng, 220) for _ in range(3)]
    if language == "zh-hans":
        title, summary = to_simplified(title), to_simplified(summary)
        paragraphs = [to_simplified(paragraph) for paragraph in paragraphs]
    return title, summary, paragraphs


def generate_pages(pages_per_language, seed=2024):
    from django.db.models.signals import post_save
    from wagtail.models import Page
    from wagtail.search.signal_handlers import post_save_signal_handler

    from core.chinese import to_simplified
    from partner_pages.models import StandardPage

    rng = random.Random(seed)  # noqa: S311 (repeatable sample text, not a secret)
    # Pages are indexed by the timed rebuild below, not one by one as they are made.
    post_save.disconnect(post_save_signal_handler, sender=StandardPage)
    try:
        for home in Page.objects.filter(depth=2).select_related("locale"):
            language = home.locale.language_code
            for number in range(pages_per_language):
                title, summary, paragraphs = page_texts(rng, language, to_simplified)
                body = [("paragraph", f"<p>{paragraph}</p>") for paragraph in paragraphs]
                home.add_child(
                    instance=StandardPage(
                        title=title, slug=f"bench-{number}", summary=summary, body=body
                    )
                )
    finally:
        post_save.connect(post_save_signal_handler, sender=StandardPage)


def index_size(connection):
    """Bytes used by the search index: (total, rows, full-text index).

    SQLite: the index entries' table, and FTS5's tables (its own copy of the text
    and the inverted index). PostgreSQL: the table (tsvectors, text for fuzzy search)
    and its indexes (GIN).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rebuilding rewrites every row (title norms); count live data, not dead rows.
            cursor.execute("VACUUM FULL wagtailsearch_indexentry")
            cursor.execute(
                "SELECT pg_table_size('wagtailsearch_indexentry'), "
                "pg_indexes_size('wagtailsearch_indexentry')"
            )
            rows, full_text = cursor.fetchone()
        else:
            cursor.execute(
                "SELECT SUM(CASE WHEN name LIKE '%\\_fts%' ESCAPE '\\' THEN 0 ELSE pgsize END),"
                " SUM(CASE WHEN name LIKE '%\\_fts%' ESCAPE '\\' THEN pgsize ELSE 0 END)"
                " FROM dbstat WHERE name LIKE 'wagtailsearch_indexentry%'"
            )
            rows, full_text = cursor.fetchone()
    return rows + full_text, rows, full_text


def rebuild(backend_name):
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    started = time.perf_counter()
    call_command("update_index", backend_name=backend_name, verbosity=0)
    return time.perf_counter() - started


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def measure_queries(backend, repeats):
    from wagtail.models import Locale, Page

    rows = []
    for language, queries in QUERIES.items():
        locale = Locale.objects.get(language_code=language)
        timings = []
        found = {}
        for query in queries:
            pages = Page.objects.live().public().filter(locale=locale)
            for _ in range(repeats):
                started = time.perf_counter()
                results = backend.search(query, pages)
                count = results.count()
                list(results[:10])
                timings.append((time.perf_counter() - started) * 1000)
            found[query] = count
        rows.append((language, statistics.median(timings), percentile(timings, 0.95), found))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each query")
    arguments = parser.parse_args()

    import django
    from django.conf import settings

    # A throwaway database: a temporary SQLite file, or test_<name> on PostgreSQL.
    database = settings.DATABASES["default"]
    scratch = tempfile.TemporaryDirectory(prefix="search-benchmark-")
    if "sqlite" in database["ENGINE"]:
        database["TEST"] = {"NAME": str(Path(scratch.name) / "benchmark.sqlite3")}
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "stock": {"BACKEND": "wagtail.search.backends.database"},
    }
    django.setup()

    from django.db import connection
    from wagtail.search.backends import get_search_backend

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        generate_pages(arguments.pages)
        out = sys.stdout.write
        out(
            f"{connection.vendor}: {arguments.pages} pages in each of en, zh-hant, zh-hans "
            f"({time.perf_counter() - started:.0f} s to create)\n\n"
        )
        for name, label in [("stock", "Wagtail's stock backend"), ("default", "Chinese-aware")]:
            seconds = rebuild(name)
            total, rows, full_text = (size / 1024 / 1024 for size in index_size(connection))
            out(
                f"## {label}: index {seconds:.1f} s, {total:.1f} MiB "
                f"({rows:.1f} MiB entries + {full_text:.1f} MiB full-text index)\n"
            )
            out("| script | p50 ms | p95 ms | pages found per query |\n|---|---|---|---|\n")
            for language, p50, p95, found in measure_queries(
                get_search_backend(name), arguments.repeats
            ):
                hits = ", ".join(f"{query} {count}" for query, count in found.items())
                out(f"| {language} | {p50:.1f} | {p95:.1f} | {hits} |\n")
            out("\n")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        scratch.cleanup()


if __name__ == "__main__":
    main()
