"""The script check: Simplified characters in Traditional content, and the reverse."""

import pytest

from translation_workflow.script_check import (
    is_simplified_only,
    is_traditional_only,
    wrong_script_characters,
)


@pytest.mark.parametrize("char", ["发", "爱", "实", "验", "这", "们"])
def test_simplified_only_characters(char):
    assert is_simplified_only(char)
    assert not is_traditional_only(char)


@pytest.mark.parametrize("char", ["發", "愛", "實", "驗", "這", "們", "裏"])
def test_traditional_only_characters(char):
    assert is_traditional_only(char)
    assert not is_simplified_only(char)


@pytest.mark.parametrize(
    "char",
    # Shared by both scripts (干 幹/乾, 台 臺, 后 後, 里 裏, 了 瞭, 面 麵, 云 雲), Hong Kong or
    # Taiwan standard forms (温 户 着 峰), and characters no script changes.
    ["干", "台", "后", "里", "了", "面", "云", "温", "户", "着", "峰", "中", "大", "a", "，"],
)
def test_shared_characters_are_never_flagged(char):
    assert not is_simplified_only(char)
    assert not is_traditional_only(char)


def test_wrong_script_characters_per_locale():
    assert wrong_script_characters("香港理工大学與阿里巴巴", "zh-hant") == ["学"]
    assert wrong_script_characters("香港理工大学與阿里巴巴", "zh-hans") == ["與"]
    assert wrong_script_characters("發展與發達", "zh-hans") == [
        "發",
        "與",
        "達",
    ]  # each character once
    assert wrong_script_characters("发展 develop", "en") == []


def test_tags_and_attributes_are_not_checked():
    assert wrong_script_characters('<a id="a1" href="/发">理大</a>', "zh-hant") == []


def test_clean_text_has_no_warnings():
    assert wrong_script_characters("於峰會上獲頒最佳合作夥伴獎", "zh-hant") == []
    assert wrong_script_characters("于峰会上获颁最佳合作伙伴奖", "zh-hans") == []
