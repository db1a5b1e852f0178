"""The Chinese text analysis shared by indexing and querying (search/analysis.py)."""

import pytest

from search.analysis import index_text, match_spans, normalise, query_terms

# Normalising reads the term base's vocabulary (search/analysis.py, core.terms).
pytestmark = pytest.mark.django_db


def test_traditional_and_simplified_fold_to_the_same_text():
    assert normalise("理工大學 聯合實驗室 雲計算 衞生") == normalise(
        "理工大学 联合实验室 云计算 卫生"
    )


def test_full_width_latin_folds_to_ascii():
    assert normalise("ＨＩＲＰ　２０２１") == "HIRP 2021"


def test_cjk_runs_become_bigrams_and_their_last_character():
    assert index_text("理工大學").split() == ["理工", "工大", "大学", "学"]


def test_latin_text_is_left_as_it_was():
    text = "Alibaba Innovative Research (AIR) 2021: COVID-19"
    assert index_text(text) == text


def test_mixed_text_keeps_latin_words_apart_from_chinese():
    assert index_text("華為HIRP計劃").split() == ["华为", "为", "HIRP", "计划", "划"]


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("大數據", [("大数", "数据")]),
        ("大数据", [("大数", "数据")]),
        ("合作", [("合作",)]),
        ("大", [("大",)]),
        ("華為 HIRP", [("华为",), ("HIRP",)]),
        ("AIR 2021", [("AIR",), ("2021",)]),
    ],
)
def test_queries_become_phrases_of_index_tokens(query, tokens):
    assert [term.tokens for term in query_terms(query)] == tokens


def test_single_characters_and_long_latin_words_match_as_prefixes():
    terms = {term.tokens[0]: term.prefix for term in query_terms("大 comput AI 2021")}
    assert terms == {"大": True, "comput": True, "AI": False, "2021": False}


@pytest.mark.parametrize("query", ["", "   ", "😀", "*", '"', "( ) ^ :", "\x00", "\ud800", "🇭🇰 ❤️"])
def test_queries_without_letters_or_digits_have_no_terms(query):
    assert query_terms(query) == []


def test_query_syntax_is_kept_as_text_not_operators():
    terms = query_terms('"AIR" NEAR(HIRP) OR NOT ^2021:')
    assert all(not term.cjk for term in terms)
    assert len(terms) == 5


def test_matches_are_found_in_the_original_script():
    text = "阿里巴巴 - 理大大數據及雲計算"
    spans = match_spans(text, query_terms("大数据 云计算"))
    assert [text[start:end] for start, end in spans] == ["大數據", "雲計算"]


def test_latin_matches_are_whole_words_or_prefixes_ignoring_case():
    text = "Alibaba Cloud Computing; AIR 2021 and airport"
    spans = match_spans(text, query_terms("comput air"))
    assert [text[start:end] for start, end in spans] == ["Computing", "AIR", "airport"]


@pytest.mark.parametrize(
    ("query", "marked"), [("通訊", ["通訊"]), ("通信", ["通訊"]), ("技術", ["技術"])]
)
def test_a_regional_word_at_the_end_of_a_text_marks_that_word_only(query, marked):
    # A vocabulary form that ends the text once marked everything from it to 12
    # characters on: the slice of the longest form, cut short by the end of the text.
    text = "無線通訊技術"
    spans = match_spans(text, query_terms(query))
    assert [text[start:end] for start, end in spans] == marked
    assert all(end <= len(text) for _start, end in spans)
