"""Consistency with the term base: the other region's word, and a term translated differently.

Shown to a translator in the translation editor (the real editor URL), and in the
translation status report, as a count per translation linking to its editor, and in
its CSV export.
"""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from core.models import Term
from tests.translation_fixtures import make_english_page, start_translations, target_of, translate

pytestmark = pytest.mark.django_db
REPORT = reverse("translation_workflow:report")

HONG_KONG_WORD = "Hong Kong word in title: 通讯 (the term base says 通信)"
MAINLAND_WORD = "Mainland word in title: 信息 (the term base says 資訊)"
DEPARTMENT_IN_SIMPLIFIED = (
    "“Department of Computing” in summary is not translated as in the term base: 电子计算学系"
)


@pytest.fixture
def term_base():
    """A term base of its own (the shipped one has these terms and hundreds more)."""
    Term.objects.all().delete()
    for traditional, simplified in [
        ("通訊", "通信"),
        ("資訊", "信息"),
        ("演算法", "算法"),
        ("軟件", "软件"),  # the same word in both regions: only the script differs
    ]:
        Term.objects.create(traditional=traditional, simplified=simplified, kind="vocabulary")
    Term.objects.create(
        english="Department of Computing",
        traditional="電子計算學系",
        simplified="电子计算学系",
        kind="name",
    )


@pytest.fixture
def translations(term_base):
    """An English page translated into both Chinese locales, each with its own mistakes."""
    page = make_english_page(
        title="Communication research", summary="The Department of Computing studies software."
    )
    source, translations = start_translations(page)
    translate(
        source,
        "zh-hans",
        {
            "title": "通讯研究",  # Hong Kong's 通訊 in Simplified characters
            "summary": "计算机系研究软件。",  # not the department's name
            "body": '理大与<b>阿里巴巴</b>合作研究<a id="a1">算法</a>。',
        },
    )
    translate(
        source,
        "zh-hant",
        {
            "title": "信息研究",  # the mainland's word
            "summary": "電子計算學系研究軟件。",
            # 算法 is inside 演算法, the Hong Kong word: nothing to say.
            "body": '理大與<b>阿里巴巴</b>合作研究<a id="a1">演算法</a>。',
        },
    )
    return translations


@pytest.fixture
def translator(client, django_user_model):
    def log_in(code):
        user = django_user_model.objects.create_user(f"translator-{code}", password="pw")
        name = {"zh-hans": "Simplified", "zh-hant": "Traditional"}[code]
        user.groups.add(Group.objects.get(name=f"Translators ({name} Chinese)"))
        client.force_login(user)
        return client

    return log_in


def editor_warnings(client, translation):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target_of(translation).pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's translation editor
    return re.findall(r'<p class="[^"]*" data-term-warning="\w+">(.*?)</p>', html)


def test_the_editor_shows_a_hong_kong_word_and_a_term_translated_differently(
    translator, translations
):
    client = translator("zh-hans")
    assert editor_warnings(client, translations["zh-hans"]) == [
        DEPARTMENT_IN_SIMPLIFIED,
        HONG_KONG_WORD,
    ]


def test_the_editor_shows_a_mainland_word_on_a_traditional_page(translator, translations):
    client = translator("zh-hant")
    assert editor_warnings(client, translations["zh-hant"]) == [MAINLAND_WORD]


def test_a_corrected_translation_has_no_warnings(translator, translations):
    source = translations["zh-hans"].source
    translate(source, "zh-hans", {"title": "通信研究", "summary": "电子计算学系研究软件。"})
    client = translator("zh-hans")
    assert editor_warnings(client, translations["zh-hans"]) == []
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[target_of(translations["zh-hans"]).pk])
    ).content.decode()
    assert "data-term-warnings" not in html


def test_a_term_added_in_the_term_base_is_checked_next_time(translator, translations):
    client = translator("zh-hant")
    Term.objects.create(traditional="研發", simplified="研究", kind="vocabulary")
    # 研究 is now the mainland's word for Hong Kong's 研發 (for this test).
    assert "Mainland word in title: 研究 (the term base says 研發)" in editor_warnings(
        client, translations["zh-hant"]
    )


def report_rows(client, **params):
    html = client.get(REPORT, params).content.decode()
    return re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)


def test_the_report_counts_the_warnings_of_each_translation_and_links_to_its_editor(
    admin_client, translations
):
    for code, count in (("zh-hans", 2), ("zh-hant", 1)):
        [row] = [
            row for row in report_rows(admin_client, locale=code) if "data-term-warnings" in row
        ]
        assert "Communication research" in row
        editor = reverse("wagtailadmin_pages:edit", args=[target_of(translations[code]).pk])
        link = re.search(r'data-term-warnings="(\d+)">\s*<a href="([^"]+)"[^>]*>(.*?)</a>', row)
        assert link.groups() == (
            str(count),
            editor,
            f"{count} term base warning" + ("s" if count > 1 else ""),
        )


def test_the_csv_export_lists_the_warnings(admin_client, translations):
    response = admin_client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    warnings = {
        row["Locale"]: row["Term base warnings"]
        for row in rows
        if row["Title"] == "Communication research"
    }
    assert warnings == {
        Locale.objects.get(language_code="zh-hans").get_display_name(): (
            f"{DEPARTMENT_IN_SIMPLIFIED}; {HONG_KONG_WORD}"
        ),
        Locale.objects.get(language_code="zh-hant").get_display_name(): MAINLAND_WORD,
    }
    assert all(
        row["Term base warnings"] == "" for row in rows if row["Title"] != "Communication research"
    )


def test_the_shipped_term_base_is_checked(translator):
    page = make_english_page(title="Mobile networks")
    source, translations = start_translations(page, codes=("zh-hans",))
    translate(source, "zh-hans", {"title": "流动网络研究"})  # OpenCC's 流動網絡
    client = translator("zh-hans")
    assert editor_warnings(client, translations["zh-hans"]) == [
        "Hong Kong word in title: 流动网络 (the term base says 移动网络)"
    ]
