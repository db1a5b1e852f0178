"""Converted segments follow corrections of the version they were converted from.

A Simplified segment filled by "Convert from Traditional Chinese" is converted
again when its Traditional segment is corrected, as long as nobody has edited
it; an edited one is kept and flagged in the status report and the editor. And
the same from Simplified to Traditional.
"""

import html
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.translation_fixtures import (
    make_english_page,
    segment_path,
    start_translations,
    translate,
    translated_texts,
)
from translation_workflow.models import ConvertedSegment

pytestmark = pytest.mark.django_db

REPORT = reverse("translation_workflow:report")
HANT = {
    "title": "聯合實驗室",
    "summary": "大數據研究與雲計算發展。",
    "body": '理大與<b>阿里巴巴</b>合作發展<a id="a1">雲計算</a>。',
}
HANS = {
    "title": "联合实验室",
    "summary": "大数据研究与云计算发展。",
    "body": '理大与<b>阿里巴巴</b>合作发展<a id="a1">云计算</a>。',
}
# 衞 is the Hong Kong form: OpenCC's hk2s makes it 卫 (t2s would leave it), s2hk 卫 → 衞
# (s2t would write 衛).
CORRECTED_HANT_SUMMARY = "衞生數據研究與雲計算發展。"
CORRECTED_HANS_SUMMARY = "卫生数据研究与云计算发展。"
TRADITIONAL_FLAG = "The Traditional text changed after this was written"
SIMPLIFIED_FLAG = "The Simplified text changed after this was written"


def translator(django_user_model, code):
    name = {"zh-hant": "Traditional Chinese", "zh-hans": "Simplified Chinese"}[code]
    user = django_user_model.objects.create_user(f"translator-{code}", password="pw")
    user.groups.add(Group.objects.get(name=f"Translators ({name})"))
    return user


@pytest.fixture
def hant_translator(django_user_model):
    return translator(django_user_model, "zh-hant")


@pytest.fixture
def hans_translator(django_user_model):
    return translator(django_user_model, "zh-hans")


def as_user(client, user):
    client.force_login(user)
    return client


def convert(client, translation):
    response = client.post(reverse("translation_workflow:convert", args=[translation.pk]))
    assert response.status_code == 302


def edit_segment(client, translation, path_start, value):
    """What the translation editor sends when a translator saves one segment."""
    segment = StringSegment.objects.get(
        source=translation.source, context__path=segment_path(translation.source, path_start)
    )
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        data=urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in {200, 201}, response.content


def text(source, code, path_start):
    texts = translated_texts(source, code)
    return next(value for path, value in texts.items() if path.startswith(path_start))


def row(source, code, path_start):
    return StringTranslation.objects.get(
        locale__language_code=code,
        context__object_id=source.object_id,
        context__path=segment_path(source, path_start),
    )


def editor_html(client, source, code):
    target = source.get_source_instance().get_translation(Locale.objects.get(language_code=code))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    return response.content.decode()


def editor_segments(page_html):
    """{text: comment} of the segments the translation editor's React app is given to show."""
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page_html).group(1)))
    return {row["data"]: row["comment"] for row in props["initialStringTranslations"]}


def flags(page_html):
    return [
        " ".join(match.split())
        for match in re.findall(r"data-sibling-changed>(.*?)</", page_html, flags=re.S)
    ]


@pytest.fixture
def converted_into_simplified(client, hans_translator):
    """An English page translated by hand into Traditional, converted into Simplified
    by the Simplified translator."""
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", HANT)
    convert(as_user(client, hans_translator), translations["zh-hans"])
    assert translated_texts(source, "zh-hans") == {
        "title": HANS["title"],
        "summary": HANS["summary"],
        segment_path(source, "body"): HANS["body"],
    }
    return source, translations


def test_conversion_records_what_it_converted(converted_into_simplified):
    source, _translations = converted_into_simplified
    record = ConvertedSegment.objects.get(string_translation=row(source, "zh-hans", "summary"))
    assert (record.sibling_text, record.converted_text) == (HANT["summary"], HANS["summary"])
    assert ConvertedSegment.objects.count() == 3
    assert not ConvertedSegment.objects.filter(string_translation__locale__language_code="zh-hant")


def test_a_traditional_correction_in_the_editor_is_converted_into_simplified(
    client, converted_into_simplified, hant_translator, hans_translator
):
    source, translations = converted_into_simplified
    as_user(client, hant_translator)

    edit_segment(client, translations["zh-hant"], "summary", CORRECTED_HANT_SUMMARY)
    edit_segment(client, translations["zh-hant"], "body", HANT["body"].replace("合作", "攜手"))

    assert text(source, "zh-hans", "summary") == CORRECTED_HANS_SUMMARY  # hk2s: 衞 → 卫
    assert text(source, "zh-hans", "body") == HANS["body"].replace("合作", "携手")  # tags kept
    assert text(source, "zh-hans", "title") == HANS["title"]  # not corrected: untouched
    converted = row(source, "zh-hans", "summary")
    assert (converted.translation_type, converted.tool_name) == ("machine", "OpenCC")
    assert not converted.has_error
    # The Simplified translator sees the new text in their editor, with nothing flagged.
    page_html = editor_html(as_user(client, hans_translator), source, "zh-hans")
    comment = editor_segments(page_html)[CORRECTED_HANS_SUMMARY]
    assert comment.startswith("Translated with OpenCC on ")
    assert flags(page_html) == []


def test_it_keeps_following_later_corrections(client, converted_into_simplified, hant_translator):
    source, translations = converted_into_simplified
    as_user(client, hant_translator)
    edit_segment(client, translations["zh-hant"], "summary", CORRECTED_HANT_SUMMARY)
    edit_segment(client, translations["zh-hant"], "summary", "裏面的研究。")
    assert text(source, "zh-hans", "summary") == "里面的研究。"


def test_a_simplified_segment_edited_by_hand_is_kept_and_flagged(
    client, converted_into_simplified, hant_translator, hans_translator
):
    source, translations = converted_into_simplified
    edit_segment(as_user(client, hans_translator), translations["zh-hans"], "title", "联合实验所")

    edit_segment(as_user(client, hant_translator), translations["zh-hant"], "title", "聯合研究所")
    edit_segment(client, translations["zh-hant"], "summary", CORRECTED_HANT_SUMMARY)

    assert text(source, "zh-hans", "title") == "联合实验所"  # the person's text stays
    assert text(source, "zh-hans", "summary") == CORRECTED_HANS_SUMMARY  # still followed
    as_user(client, hans_translator)
    report = client.get(REPORT, {"locale": "zh-hans"}).content.decode()
    assert flags(report) == [f"{TRADITIONAL_FLAG}: title"]
    assert flags(editor_html(client, source, "zh-hans")) == [f"{TRADITIONAL_FLAG}: title"]
    # The Traditional translator's own page shows no flag: their text is the newer one.
    hant_report = as_user(client, hant_translator).get(REPORT).content.decode()
    assert TRADITIONAL_FLAG not in hant_report
    assert SIMPLIFIED_FLAG not in hant_report


def test_the_flag_is_in_the_csv_and_goes_once_the_segment_is_written_again(
    client, converted_into_simplified, hant_translator, hans_translator
):
    source, translations = converted_into_simplified
    edit_segment(as_user(client, hans_translator), translations["zh-hans"], "title", "联合实验所")
    edit_segment(as_user(client, hant_translator), translations["zh-hant"], "title", "聯合研究所")

    as_user(client, hans_translator)
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert "Changed in the other Chinese version since written" in csv
    assert ",title\r\n" in csv

    edit_segment(client, translations["zh-hans"], "title", "联合研究所")
    assert flags(client.get(REPORT).content.decode()) == []
    assert flags(editor_html(client, source, "zh-hans")) == []
    # Written after the correction, by hand: it no longer follows.
    edit_segment(as_user(client, hant_translator), translations["zh-hant"], "title", "聯合中心")
    assert text(source, "zh-hans", "title") == "联合研究所"


def test_a_segment_saved_unchanged_still_follows(
    client, converted_into_simplified, hant_translator, hans_translator
):
    source, translations = converted_into_simplified
    edit_segment(as_user(client, hans_translator), translations["zh-hans"], "title", HANS["title"])
    edit_segment(as_user(client, hant_translator), translations["zh-hant"], "title", "聯合研究所")
    assert text(source, "zh-hans", "title") == "联合研究所"


def test_a_simplified_correction_is_converted_into_traditional(
    client, hant_translator, hans_translator
):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hans", HANS)
    convert(as_user(client, hant_translator), translations["zh-hant"])
    edit_segment(client, translations["zh-hant"], "title", "聯合實驗所")  # edited by hand

    as_user(client, hans_translator)
    edit_segment(client, translations["zh-hans"], "summary", CORRECTED_HANS_SUMMARY)
    edit_segment(client, translations["zh-hans"], "title", "联合研究所")

    assert text(source, "zh-hant", "summary") == CORRECTED_HANT_SUMMARY  # s2hk: 卫 → 衞
    assert text(source, "zh-hant", "title") == "聯合實驗所"
    as_user(client, hant_translator)
    assert flags(client.get(REPORT).content.decode()) == [f"{SIMPLIFIED_FLAG}: title"]
    assert flags(editor_html(client, source, "zh-hant")) == [f"{SIMPLIFIED_FLAG}: title"]


def test_a_po_upload_of_the_traditional_translation_is_followed(
    client, converted_into_simplified, hant_translator
):
    source, translations = converted_into_simplified
    po = translations["zh-hant"].export_po()
    next(entry for entry in po if entry.msgctxt == "summary").msgstr = CORRECTED_HANT_SUMMARY

    response = as_user(client, hant_translator).post(
        reverse("wagtail_localize:upload_pofile", args=[translations["zh-hant"].pk]),
        {"file": SimpleUploadedFile("page.po", str(po).encode()), "next": "/admin/"},
    )

    assert response.status_code == 302
    assert text(source, "zh-hant", "summary") == CORRECTED_HANT_SUMMARY
    assert text(source, "zh-hans", "summary") == CORRECTED_HANS_SUMMARY


def test_a_correction_with_broken_links_is_not_spread(
    client, converted_into_simplified, hant_translator
):
    source, translations = converted_into_simplified
    broken = HANT["body"].replace('id="a1"', 'id="a9"')
    edit_segment(as_user(client, hant_translator), translations["zh-hant"], "body", broken)
    assert row(source, "zh-hant", "body").has_error  # wagtail-localize's own check
    assert text(source, "zh-hans", "body") == HANS["body"]


def last_updated(translation):
    return Translation.objects.get(pk=translation.pk).translations_last_updated_at


def test_a_live_translated_page_is_not_republished(
    client, converted_into_simplified, hant_translator
):
    source, translations = converted_into_simplified
    translations["zh-hans"].save_target(publish=True)
    hans_page = source.get_source_instance().get_translation(
        Locale.objects.get(language_code="zh-hans")
    )
    live_revision = hans_page.live_revision_id
    updated_before = last_updated(translations["zh-hans"])

    as_user(client, hant_translator)
    edit_segment(client, translations["zh-hant"], "summary", "新摘要。")
    edit_segment(client, translations["zh-hant"], "title", "聯合研究所")

    hans_page.refresh_from_db()
    assert text(source, "zh-hans", "summary") == "新摘要。"
    assert hans_page.summary == HANS["summary"]  # until someone publishes the translation
    assert hans_page.title == HANS["title"]
    assert hans_page.draft_title == "联合研究所"  # wagtail-localize's own: the admin's listings
    assert hans_page.live_revision_id == live_revision
    assert last_updated(translations["zh-hans"]) > updated_before
