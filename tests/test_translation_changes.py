"""What changed: an Outdated translation shows which English sentences changed, and how.

A translated page's English changes; "Update translations" (without publishing)
brings the change in through the real admin address; the translator opens the
translation editor and sees, for each changed sentence, the English before and
now with the difference highlighted, the translation before, and that
translation filled in as the starting point, marked for review.
"""

import html
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import String, StringSegment, StringTranslation, TranslationContext
from wagtail_localize.strings import StringValue

from tests.translation_fixtures import (
    PARAGRAPH,
    make_english_page,
    segment_path,
    start_translations,
    translate,
)
from translation_workflow.changes import highlighted_diff
from translation_workflow.models import SourceSegmentChange

pytestmark = pytest.mark.django_db

HANT = {
    "title": "聯合實驗室",
    "summary": "大數據研究。",
    "body": '理大與<b>阿里巴巴</b>合作發展<a id="a1">雲計算</a>。',
}
NEW_SUMMARY = "Big data and AI research."
NEW_PARAGRAPH = PARAGRAPH.replace("work on", "work together on")


@pytest.fixture
def hant_translator(django_user_model):
    user = django_user_model.objects.create_user("translator-hant", password="pw")
    user.groups.add(Group.objects.get(name="Translators (Traditional Chinese)"))
    return user


@pytest.fixture
def translated(hant_translator):
    """An English page translated by hand into Traditional Chinese (Simplified started only)."""
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", HANT, user=hant_translator)
    return page, source, translations


def change_english(page, paragraph=None, **fields):
    """Change the English page as its editor would: the paragraph block keeps its id."""
    page = page.specific_class.objects.get(pk=page.pk)
    if paragraph is not None:
        block = page.body[0]
        fields["body"] = [{"type": "paragraph", "value": paragraph, "id": block.id}]
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def update_translations(client, source):
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302, response.content
    return response


def editor_url(source, code):
    target = source.get_source_instance().get_translation(Locale.objects.get(language_code=code))
    return reverse("wagtailadmin_pages:edit", args=[target.pk])


def changed_panel(page_html):
    """[{path, old, new, before}] as the panel above the editor shows them (HTML inside)."""
    return [
        {
            "path": path,
            "old": re.search(r"data-old-english>(.*?)</dd>", block, re.S).group(1),
            "new": re.search(r"data-new-english>(.*?)</dd>", block, re.S).group(1),
            "before": re.search(r"data-previous-translation[^>]*>(.*?)</dd>", block, re.S).group(1),
        }
        for path, block in re.findall(
            r'data-changed-segment="([^"]*)">(.*?)</div>', page_html, flags=re.S
        )
    ]


def editor_segments(page_html):
    """{source text: (translation, comment)} as the editor's React app is given them."""
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', page_html).group(1)))
    sources = {
        segment["id"]: segment["source"]
        for segment in props["segments"]
        if segment["type"] == "string"
    }
    return {
        sources[row["segment_id"]]: (row["data"], row["comment"])
        for row in props["initialStringTranslations"]
    }


def test_the_editor_shows_the_changed_sentences_with_the_difference_and_the_translation_before(
    client, translated, hant_translator
):
    page, source, _translations = translated
    client.force_login(hant_translator)
    change_english(page, summary=NEW_SUMMARY, paragraph=NEW_PARAGRAPH)
    update_translations(client, source)

    response = client.get(editor_url(source, "zh-hant"))
    assert response.status_code == 200
    page_html = response.content.decode()
    panel = changed_panel(page_html)
    assert [change["path"] for change in panel] == ["summary", segment_path(source, "body")]
    summary, paragraph = panel
    assert summary["old"] == "Big data research."
    assert summary["new"] == "Big data <ins>and AI </ins>research."
    assert summary["before"] == HANT["summary"]
    # Tags of the rich text are shown as text, escaped; only the difference is marked.
    assert paragraph["old"] == (
        "PolyU and &lt;b&gt;Alibaba&lt;/b&gt; work on &lt;a id=&quot;a1&quot;&gt;cloud "
        "computing&lt;/a&gt;."
    )
    assert "work<ins> together</ins> on" in paragraph["new"]
    assert "<del>" not in paragraph["old"]  # nothing removed
    assert "2 sentences changed in the English since they were translated" in page_html

    # The translation before is the starting point, marked as not checked by a person.
    segments = editor_segments(page_html)
    text, comment = segments[NEW_SUMMARY]
    assert text == HANT["summary"]
    assert comment.startswith("Translated with the previous translation on ")
    assert (
        segments['PolyU and <b>Alibaba</b> work together on <a id="a1">cloud computing</a>.'][0]
        == HANT["body"]
    )
    # The title did not change: it is not listed and keeps its own translation.
    assert segments["Joint Laboratory"] == (HANT["title"], segments["Joint Laboratory"][1])
    assert segments["Joint Laboratory"][1].startswith("Translated manually on ")
    # Simplified had translated nothing: nothing to show, nothing made up.
    assert changed_panel(client.get(editor_url(source, "zh-hans")).content.decode()) == []


def test_the_change_goes_once_the_translator_saves_the_segment(client, translated, hant_translator):
    page, source, translations = translated
    client.force_login(hant_translator)
    change_english(page, summary=NEW_SUMMARY)
    update_translations(client, source)
    segment = StringSegment.objects.get(source=source, context__path="summary")

    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translations["zh-hant"].pk, segment.pk],
        ),
        data=urlencode({"value": "大數據與人工智能研究。"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in {200, 201}
    assert changed_panel(client.get(editor_url(source, "zh-hant")).content.decode()) == []
    assert not SourceSegmentChange.objects.exists()


def test_changed_twice_it_shows_the_english_the_translation_was_made_for(
    client, translated, hant_translator
):
    page, source, _translations = translated
    client.force_login(hant_translator)
    change_english(page, summary=NEW_SUMMARY)
    update_translations(client, source)
    change_english(page, summary="Big data and AI research in Hong Kong.")
    update_translations(client, source)

    (summary,) = changed_panel(client.get(editor_url(source, "zh-hant")).content.decode())
    assert summary["old"] == "Big data research."
    assert summary["new"] == "Big data <ins>and AI </ins>research<ins> in Hong Kong</ins>."
    assert summary["before"] == HANT["summary"]
    assert SourceSegmentChange.objects.count() == 1


def test_hostile_text_is_shown_escaped(client, translated, hant_translator):
    page, source, _translations = translated
    translate(source, "zh-hant", {"summary": "大數據<script>alert(1)</script>"})
    client.force_login(hant_translator)
    change_english(page, summary="Big <script>alert('en')</script> data & research.")
    update_translations(client, source)

    page_html = client.get(editor_url(source, "zh-hant")).content.decode()
    (summary,) = changed_panel(page_html)
    assert "<script>" not in summary["new"] + summary["before"]
    assert "&lt;script&gt;alert(&#x27;en&#x27;)&lt;/script&gt;" in summary["new"]
    assert "&amp;" in summary["new"]
    assert summary["before"] == "大數據&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>alert" not in page_html


def test_a_chinese_word_in_an_english_sentence_is_highlighted_alone():
    old, new = highlighted_diff("Visit 香港理工大學 today", "Visit 香港理工大学 today")
    assert old == "Visit 香港理工大<del>學</del> today"
    assert new == "Visit 香港理工大<ins>学</ins> today"


def test_a_segment_already_filled_again_is_not_overwritten(client, translated, hant_translator):
    """Translation memory or conversion may fill the new segment first: it is kept, the
    translation before is only shown."""
    page, source, _translations = translated
    change_english(page, summary=NEW_SUMMARY)
    # Filled before the update brings the new English in (as memory would fill it).
    StringTranslation.objects.create(
        translation_of=String.from_value(
            Locale.objects.get(language_code="en"), StringValue.from_plaintext(NEW_SUMMARY)
        ),
        context=TranslationContext.objects.get(object_id=page.translation_key, path="summary"),
        locale=Locale.objects.get(language_code="zh-hant"),
        data="大數據與人工智能研究。",
        translation_type="machine",
        tool_name="memory",
    )
    client.force_login(hant_translator)
    update_translations(client, source)

    page_html = client.get(editor_url(source, "zh-hant")).content.decode()
    (summary,) = changed_panel(page_html)
    assert summary["before"] == HANT["summary"]
    assert editor_segments(page_html)[NEW_SUMMARY][0] == "大數據與人工智能研究。"


def editor_queries(client, source):
    url = editor_url(source, "zh-hant")
    client.get(url)  # warm-up: content types, site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The editor page as a translator, with its bars: wagtail-localize's own editor costs a query
# per translated segment (three here), and three more for each one translated by hand (its
# translator), so every segment here starts as a machine translation. The panel of changed
# sentences is one query, however many changed; the term base warnings (the Term table, read
# once per process: each test starts without it) and the memory's near matches one more each.
EDITOR_QUERIES = 94


def test_the_editor_costs_the_same_queries_however_many_sentences_changed(client, hant_translator):
    page = make_english_page()
    source, _translations = start_translations(page)
    translate(source, "zh-hant", HANT, kind=StringTranslation.TRANSLATION_TYPE_MACHINE)
    client.force_login(hant_translator)
    change_english(page, summary=NEW_SUMMARY)
    update_translations(client, source)
    assert len(changed_panel(client.get(editor_url(source, "zh-hant")).content.decode())) == 1
    assert editor_queries(client, source) == EDITOR_QUERIES

    change_english(page, title="Joint Research Laboratory", paragraph=NEW_PARAGRAPH)
    update_translations(client, source)
    assert len(changed_panel(client.get(editor_url(source, "zh-hant")).content.decode())) == 3
    assert editor_queries(client, source) == EDITOR_QUERIES
