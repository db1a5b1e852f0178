"""The benchmark's search queries (bench/queries.py): real words and phrases of the demo
content in three languages, each asked on its own language's search page."""

import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import queries

pytestmark = pytest.mark.django_db

HAN_PHRASE = re.compile(f"[{queries.HAN}]{{2,4}}")


@pytest.fixture(scope="module")
def demo_terms(demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        texts = {language: queries.site_texts(language) for language in queries.LANGUAGES}
    terms = {language: queries.search_terms(texts[language], language) for language in texts}
    return texts, terms


def test_at_least_200_queries_from_the_demo_content_in_three_languages(demo_terms):
    texts, terms = demo_terms
    assert len(queries.interleaved_paths(terms)) >= 200
    for language in queries.LANGUAGES:
        assert len(terms[language]) >= 30, language
        assert len(set(terms[language])) == len(terms[language]), language
        content = " ".join(texts[language]).lower()
        for term in terms[language]:
            assert term.lower() in content or all(
                word.lower() in content for word in term.split()
            ), (language, term)
    for language in ("zh-hant", "zh-hans"):
        assert all(HAN_PHRASE.fullmatch(term) for term in terms[language]), language
    # The same content in the two scripts: Traditional in one, Simplified in the other.
    assert "大數據" in terms["zh-hant"]
    assert "大数据" in terms["zh-hans"]


def test_each_query_is_url_encoded_for_its_own_languages_search_page(demo_terms):
    _texts, terms = demo_terms
    paths = queries.interleaved_paths(terms)
    assert len(set(paths)) == len(paths)
    asked = {}
    for path in paths:
        address = urlsplit(path)
        assert path.isascii()
        language = address.path.strip("/").split("/")[0]
        assert address.path == f"/{language}/search/"
        asked.setdefault(language, []).append(parse_qs(address.query)["query"][0])
    assert asked == terms
    script = queries.wrk_script(paths, "-- report\n")
    assert all(f'"{path}"' in script for path in paths)
    assert "function request()" in script


def test_queries_find_the_pages_they_come_from(demo_terms, client):
    _texts, terms = demo_terms
    for language, found in terms.items():
        sample = found[:: max(1, len(found) // 8)]
        for term in sample:
            response = client.get(queries.search_path(language, term))
            assert response.status_code == 200
            assert 'class="search-result ' in response.content.decode(), (language, term)


def test_chinese_phrases_are_cut_at_punctuation_latin_text_and_joining_characters():
    text = "阿里巴巴 – 理大大數據及雲計算，人工智能與AI研究"
    assert queries.chinese_terms([text]) == ["阿里巴巴", "雲計算", "人工智能", "研究"]


def test_english_queries_are_short_titles_and_words_of_four_letters_or_more():
    texts = ["Big data", "The partnership began in 2016 with cloud computing."]
    assert queries.english_terms(texts) == [
        "Big data",
        "data",
        "partnership",
        "began",
        "cloud",
        "computing",
    ]
