"""Translation memory: a sentence the site has translated before fills itself in.

A new English page (or contact) that reuses sentences of the demo gets them filled
in both Chinese locales on every way a translation starts or is synced: the
admin's "Translate this page" and a snippet's "Translate", "Sync translated
pages" / "Update translations", the management commands, and code
(TranslationCreator, Translation.objects.create). Filled segments are machine
translations "Translated with Translation memory"; nothing translated is replaced;
only reviewed, published text in the same locale is copied. Similar sentences are
offered in the editor, with one click to use them, to the locale's translators only.
"""

import csv
import html
import io
import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage
from partner_pages.models import Contact, StandardPage
from tests import factories
from tests.translation_fixtures import segments, translate
from translation_workflow import memory
from translation_workflow.memory import TOOL_NAME, fill_from_memory

pytestmark = pytest.mark.django_db

CODES = ("zh-hant", "zh-hans")
NEW_TITLE = "A partnership the demo never mentions"
NEW_SENTENCE = "This sentence was never translated anywhere on the site."
REPORT = reverse("translation_workflow:report")


@pytest.fixture(autouse=True)
def demo(demo_site):
    """The demo content (loaded once for the module), translated and published."""


def locale(code):
    return Locale.objects.get(language_code=code)


def remembered(string_data, code):
    """What the demo says for an English text in a locale (its most recent translation)."""
    return (
        StringTranslation.objects.filter(
            translation_of__data=string_data, locale__language_code=code
        )
        .order_by("-updated_at", "-pk")
        .values_list("data", flat=True)
        .first()
    )


def demo_sentences(count=4):
    """Plain English sentences of the demo's pages, translated in both Chinese locales."""
    page_keys = Page.objects.filter(locale__language_code="en", depth__gt=2).values(
        "translation_key"
    )
    texts = sorted(
        set(
            StringSegment.objects.filter(
                source__object_id__in=page_keys, string__data__contains=" "
            ).values_list("string__data", flat=True)
        )
    )
    plain = [
        text
        for text in texts
        if 30 < len(text) < 200
        and not set(text) & set("<>&\"'")
        and all(remembered(text, code) for code in CODES)
    ]
    assert len(plain) >= count
    return plain[:count]


def new_page(sentences, slug="memory-page", title=NEW_TITLE):
    """A new English StandardPage: its summary and paragraphs are `sentences`, plus one
    sentence the site has never translated."""
    summary, *paragraphs = sentences
    page = StandardPage(
        title=title,
        slug=slug,
        summary=summary,
        body=[("paragraph", f"<p>{text}</p>") for text in [*paragraphs, NEW_SENTENCE]],
    )
    HomePage.in_language("en").add_child(instance=page)
    page.save_revision().publish()
    return page


def texts_of(instance, code):
    """{English text: (translated text, translation type, tool)} of `instance`'s segments."""
    source = TranslationSource.objects.get_for_instance(instance)
    result = {}
    for segment in segments(source).values():
        row = StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=locale(code)
        ).first()
        result[segment.string.data] = (
            (row.data, row.translation_type, row.tool_name) if row else None
        )
    return result


def assert_filled_from_memory(instance, sentences, untranslated=(NEW_TITLE, NEW_SENTENCE)):
    for code in CODES:
        texts = texts_of(instance, code)
        for sentence in sentences:
            assert texts[sentence] == (remembered(sentence, code), "machine", TOOL_NAME), (
                code,
                sentence,
            )
        for english in untranslated:
            if english in texts:
                assert texts[english] is None, (code, english)


def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.edu", "pw")


def translator(django_user_model, code):
    name = {"zh-hant": "Traditional Chinese", "zh-hans": "Simplified Chinese"}[code]
    user = django_user_model.objects.create_user(f"translator-{code}", password="pw")
    user.groups.add(Group.objects.get(name=f"Translators ({name})"))
    return user


def translation_of(instance, code):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale__language_code=code
    )


# --- Every way a translation starts --------------------------------------------------


def test_translate_this_page_in_the_admin_fills_demo_sentences(client, django_user_model):
    sentences = demo_sentences()
    page = new_page(sentences)
    client.force_login(superuser(django_user_model))
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale(code).pk for code in CODES]},
    )
    assert response.status_code == 302
    assert_filled_from_memory(page, sentences)
    # The draft the translation wrote already says it.
    for code in CODES:
        draft = Page.objects.get(translation_key=page.translation_key, locale=locale(code))
        body = draft.specific.get_latest_revision_as_object().body
        assert remembered(sentences[1], code) in str(body)


def test_translating_a_snippet_in_the_admin_fills_its_fields(client, django_user_model):
    demo_contact = (
        Contact.objects.filter(locale__language_code="en").exclude(unit="").order_by("pk").first()
    )
    contact = factories.ContactFactory(name="Dr. New Person", unit=demo_contact.unit)
    client.force_login(superuser(django_user_model))
    response = client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["partner_pages", "contact", contact.pk],
        ),
        {"locales": [locale(code).pk for code in CODES]},
    )
    assert response.status_code == 302
    assert_filled_from_memory(contact, [demo_contact.unit], untranslated=["Dr. New Person"])


def start_in_both_locales(instance):
    """Translations of `instance` into both locales, as wagtail-localize's views start them."""
    creator = TranslationCreator(None, [locale(code) for code in CODES])
    creator.create_translations(instance)


@pytest.mark.parametrize("publish", [False, True])
def test_sync_translated_pages_fills_the_sentences_the_english_page_gained(
    client, django_user_model, django_capture_on_commit_callbacks, publish
):
    sentences = demo_sentences()
    page = new_page([NEW_SENTENCE])
    start_in_both_locales(page)
    page.summary = sentences[0]
    page.body = [("paragraph", f"<p>{text}</p>") for text in sentences[1:]]
    page.save_revision().publish()

    client.force_login(superuser(django_user_model))
    source = TranslationSource.objects.get_for_instance(page)
    data = {"next": "/admin/", **({"publish_translations": "on"} if publish else {})}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), data
        )
    assert response.status_code == 302
    assert_filled_from_memory(page, sentences)
    if publish:
        live = Page.objects.get(translation_key=page.translation_key, locale=locale("zh-hans"))
        assert remembered(sentences[0], "zh-hans") == live.specific.summary


def test_sync_translated_snippets_fills_the_fields_the_english_snippet_gained(
    client, django_user_model
):
    demo_contact = (
        Contact.objects.filter(locale__language_code="en").exclude(unit="").order_by("pk").first()
    )
    contact = factories.ContactFactory(name="Dr. New Person", unit="")
    start_in_both_locales(contact)
    contact.unit = demo_contact.unit
    contact.save()
    client.force_login(superuser(django_user_model))
    source = TranslationSource.objects.get_for_instance(contact)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert_filled_from_memory(contact, [demo_contact.unit], untranslated=["Dr. New Person"])


def test_translation_creator_in_code_fills_demo_sentences():
    sentences = demo_sentences()
    page = new_page(sentences)
    TranslationCreator(None, [locale(code) for code in CODES]).create_translations(page)
    assert_filled_from_memory(page, sentences)


def test_a_translation_created_in_code_fills_demo_sentences():
    sentences = demo_sentences()
    page = new_page(sentences)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    for code in CODES:
        Translation.objects.create(source=source, target_locale=locale(code))
    assert_filled_from_memory(page, sentences)


def test_update_from_db_in_code_fills_new_sentences():
    sentences = demo_sentences()
    page = new_page([NEW_SENTENCE])
    start_in_both_locales(page)
    page.summary = sentences[0]
    page.save_revision().publish()
    TranslationSource.objects.get_for_instance(page).update_from_db()
    assert_filled_from_memory(page, sentences[:1])


def test_the_demo_command_keeps_its_own_translations():
    """load_demo_content writes its catalogue's translations before their Translations: the
    memory finds nothing left to fill, and every demo segment is the catalogue's."""
    assert not StringTranslation.objects.filter(tool_name=TOOL_NAME).exists()
    assert StringTranslation.objects.filter(translation_type="manual").count() > 100


LATER_SENTENCE = "A sentence the site translates only after this page was started."


def publish_translation(translation, capture):
    with capture(execute=True):  # wagtail-localize publishes once the transaction commits
        translation.save_target(publish=True)


def test_the_fill_from_memory_command_fills_translations_started_before(
    django_capture_on_commit_callbacks,
):
    """A translation started before its sentence was translated and published elsewhere."""
    earlier = new_page([LATER_SENTENCE], slug="earlier")
    start_in_both_locales(earlier)
    assert all(text is None for text in texts_of(earlier, "zh-hans").values())

    later = new_page([LATER_SENTENCE], slug="later")
    start_in_both_locales(later)
    translate(
        TranslationSource.objects.get_for_instance(later),
        "zh-hans",
        {"summary": "后来才译的句子。"},
    )
    publish_translation(translation_of(later, "zh-hans"), django_capture_on_commit_callbacks)

    out = StringIO()
    call_command("fill_from_memory", "--locale", "zh-hans", stdout=out)
    assert "filled 1 segment(s) in zh-hans" in out.getvalue()
    assert texts_of(earlier, "zh-hans")[LATER_SENTENCE] == (
        "后来才译的句子。",
        "machine",
        TOOL_NAME,
    )
    assert texts_of(earlier, "zh-hant")[LATER_SENTENCE] is None
    # Run again: nothing left to fill.
    out = StringIO()
    call_command("fill_from_memory", stdout=out)
    assert "filled 0 segment(s) in zh-hans" in out.getvalue()


def test_the_command_refuses_an_unknown_locale():
    with pytest.raises(CommandError, match="No such locale: xx"):
        call_command("fill_from_memory", "--locale", "xx", stdout=StringIO())


# --- What the memory copies, and what it never touches -------------------------------


def test_nothing_translated_is_replaced():
    sentences = demo_sentences()
    page = new_page(sentences)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translate(source, "zh-hans", {"summary": "人手写的译文。"})
    for code in CODES:
        Translation.objects.create(source=source, target_locale=locale(code))
    hans = texts_of(page, "zh-hans")
    assert hans[sentences[0]] == ("人手写的译文。", "manual", "")
    assert texts_of(page, "zh-hant")[sentences[0]][2] == TOOL_NAME
    assert_filled_from_memory(page, sentences[1:])


def test_only_reviewed_published_text_in_the_same_locale_is_copied(
    django_capture_on_commit_callbacks,
):
    def started(slug):
        page = new_page([LATER_SENTENCE], slug=slug)
        start_in_both_locales(page)
        return page

    first = started("first")
    first_source = TranslationSource.objects.get_for_instance(first)
    translate(first_source, "zh-hant", {"summary": "草稿裏的譯文。"})
    # A draft is the translator's word alone: not copied.
    assert texts_of(started("while-draft"), "zh-hant")[LATER_SENTENCE] is None

    publish_translation(translation_of(first, "zh-hant"), django_capture_on_commit_callbacks)
    after_publishing = started("after-publishing")
    assert texts_of(after_publishing, "zh-hant")[LATER_SENTENCE] == (
        "草稿裏的譯文。",
        "machine",
        TOOL_NAME,
    )
    # Never across locales: Simplified has no translation of it.
    assert texts_of(after_publishing, "zh-hans")[LATER_SENTENCE] is None

    # Edited after it was published: what the page now says in the editor is not reviewed.
    translate(first_source, "zh-hant", {"summary": "發布後再改的譯文。"})
    assert texts_of(started("after-editing"), "zh-hant")[LATER_SENTENCE] is None


def test_of_several_translations_the_most_recently_written_wins(
    django_capture_on_commit_callbacks,
):
    for slug, text in (("older", "较早的译文。"), ("newer", "较新的译文。")):
        page = new_page([LATER_SENTENCE], slug=slug)
        start_in_both_locales(page)
        translate(TranslationSource.objects.get_for_instance(page), "zh-hans", {"summary": text})
        publish_translation(translation_of(page, "zh-hans"), django_capture_on_commit_callbacks)
    page = new_page([LATER_SENTENCE], slug="third")
    start_in_both_locales(page)
    assert texts_of(page, "zh-hans")[LATER_SENTENCE] == ("较新的译文。", "machine", TOOL_NAME)


def test_memory_runs_before_conversion_which_fills_only_the_rest():
    from translation_workflow.conversion import convert_from_sibling

    sentences = demo_sentences()
    page = new_page(sentences)
    start_in_both_locales(page)
    source = TranslationSource.objects.get_for_instance(page)
    new_path = next(
        path for path, seg in segments(source).items() if seg.string.data == NEW_SENTENCE
    )
    translate(source, "zh-hant", {"title": "示範從未提及的合作", new_path: "從未譯過的句子。"})
    result = convert_from_sibling(source, locale("zh-hans"))
    assert {change.text for change in result.changes} == {"示范从未提及的合作", "从未译过的句子。"}
    assert_filled_from_memory(page, sentences, untranslated=())


def test_a_sync_fills_with_a_fixed_number_of_queries(django_assert_num_queries):
    """Seven queries, whatever the number of segments: segments, their translations, the
    memory, then a savepoint, the new rows, the translations' dates and its release."""
    sentences = demo_sentences(count=8)
    for slug, reused in (("few", sentences[:2]), ("many", sentences * 5)):
        page = new_page(reused, slug=slug)
        source, _created = TranslationSource.get_or_create_from_instance(page)
        locale_ids = [locale(code).pk for code in CODES]
        with django_assert_num_queries(7):
            filled = fill_from_memory(source, locale_ids)
        assert filled == dict.fromkeys(locale_ids, len(reused))


# --- Near matches in the editor ------------------------------------------------------

HOSTILE_ENGLISH = 'Use <script>alert("x")</script> to try the partnership programme pages.'
HOSTILE_NEAR = 'Use <script>alert("x")</script> to try the partnership programme page.'
HOSTILE_HANS = '用<script>alert("x")</script>试用合作计划的网页。'


@pytest.fixture
def near_match(django_capture_on_commit_callbacks):
    """A published Simplified translation of HOSTILE_ENGLISH, and a new page whose summary
    is HOSTILE_NEAR (one word differs), started in both locales: not filled."""
    earlier = new_page([HOSTILE_ENGLISH], slug="earlier")
    start_in_both_locales(earlier)
    source = TranslationSource.objects.get_for_instance(earlier)
    translate(source, "zh-hans", {"summary": html.escape(HOSTILE_HANS, quote=False)})
    publish_translation(translation_of(earlier, "zh-hans"), django_capture_on_commit_callbacks)

    page = new_page([HOSTILE_NEAR], slug="near")
    start_in_both_locales(page)
    assert memory.similarity(HOSTILE_ENGLISH, HOSTILE_NEAR) >= 0.75
    assert texts_of(page, "zh-hans")[html.escape(HOSTILE_NEAR, quote=False)] is None
    return page


def editor(client, page, code="zh-hans"):
    target = Page.objects.get(translation_key=page.translation_key, locale=locale(code))
    return reverse("wagtailadmin_pages:edit", args=[target.pk])


def suggestions(response):
    return re.findall(r"<div[^>]*data-memory-suggestion.*?</form>", response.text, re.S)


def use_url(response):
    action = re.search(r'<form method="post" action="([^"]+/memory/[^"]+)"', response.text)
    value = re.search(r'name="string_translation" value="(\d+)"', response.text)
    return html.unescape(action.group(1)), value.group(1)


def segment_snapshot(page):
    return sorted(
        StringTranslation.objects.filter(context__object_id=page.translation_key).values_list(
            "locale__language_code", "context__path", "data", "tool_name"
        )
    )


def test_the_editor_offers_a_similar_sentence_with_the_difference_escaped(
    client, django_user_model, near_match
):
    client.force_login(translator(django_user_model, "zh-hans"))
    response = client.get(editor(client, near_match))
    assert response.status_code == 200
    [suggestion] = suggestions(response)
    diff = re.search(r"data-memory-diff>(.*?)</p>", suggestion, re.S).group(1)
    assert diff == (
        "Use &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; to try the partnership "
        "programme <del>pages</del><ins>page</ins>."
    )
    assert "<script>alert" not in response.text
    assert "用&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;试用合作计划的网页。" in suggestion
    assert "99% similar" in suggestion


def test_one_click_uses_the_suggestion_as_a_machine_translation(
    client, django_user_model, near_match
):
    client.force_login(translator(django_user_model, "zh-hans"))
    address = editor(client, near_match)
    url, string_translation = use_url(client.get(address))
    response = client.post(url, {"string_translation": string_translation, "next": address})
    assert response.status_code == 302
    assert response.url == address
    assert texts_of(near_match, "zh-hans")[html.escape(HOSTILE_NEAR, quote=False)] == (
        html.escape(HOSTILE_HANS, quote=False),
        "machine",
        TOOL_NAME,
    )
    after = client.get(address)
    assert not suggestions(after)
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', after.text).group(1)))
    comments = {row["comment"] for row in props["initialStringTranslations"]}
    assert any(comment.startswith("Translated with Translation memory on") for comment in comments)
    # Used once: a second click changes nothing.
    again = client.post(url, {"string_translation": string_translation, "next": address})
    assert again.status_code == 302


def test_a_translator_of_the_other_locale_is_refused_and_nothing_changes(
    client, django_user_model, near_match
):
    client.force_login(translator(django_user_model, "zh-hans"))
    url, string_translation = use_url(client.get(editor(client, near_match)))
    before = segment_snapshot(near_match)
    client.force_login(translator(django_user_model, "zh-hant"))
    data = {"string_translation": string_translation, "next": editor(client, near_match)}
    # Wagtail's admin answers a refusal with its "Sorry, you do not have permission" page
    # redirect, and a script's request (X-Requested-With) with 403.
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert messages == ["Sorry, you do not have permission to access this area."]
    assert client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    assert segment_snapshot(near_match) == before


def test_a_forged_suggestion_is_refused_with_a_message(client, django_user_model, near_match):
    client.force_login(translator(django_user_model, "zh-hans"))
    address = editor(client, near_match)
    url, _string_translation = use_url(client.get(address))
    unrelated = StringTranslation.objects.filter(locale__language_code="zh-hans").first()
    before = segment_snapshot(near_match)
    for forged in (str(unrelated.pk), "nonsense", "", "²", "9" * 40):
        response = client.post(url, {"string_translation": forged, "next": address}, follow=True)
        assert response.status_code == 200
        assert "That suggestion is no longer available. Nothing was changed." in response.text
    assert segment_snapshot(near_match) == before


# --- The status report ---------------------------------------------------------------


def test_the_report_counts_the_segments_filled_from_memory(client, django_user_model):
    sentences = demo_sentences()
    page = new_page(sentences)
    start_in_both_locales(page)
    client.force_login(superuser(django_user_model))
    response = client.get(REPORT, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    mine = {row["Locale"]: row for row in rows if row["Title"] == NEW_TITLE}
    assert {row["Segments filled from memory"] for row in mine.values()} == {str(len(sentences))}
    demo_rows = [row for row in rows if row["Title"] != NEW_TITLE]
    assert {row["Segments filled from memory"] for row in demo_rows} == {"0"}
    page_html = client.get(REPORT).text
    assert page_html.count(f"{len(sentences)} segments filled from memory") == 2
