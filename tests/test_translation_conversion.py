"""Traditional ⇄ Simplified conversion: the converter, the editor button and the bulk command."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation

from core.chinese import convert
from tests.translation_fixtures import (
    make_english_page,
    start_translations,
    translate,
    translated_texts,
)

pytestmark = pytest.mark.django_db

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
WITH_DUMMY_DELEGATE = {
    "CLASS": "translation_workflow.machine_translator.ChineseVariantTranslator",
    "OPTIONS": {
        "DELEGATE": {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    },
}


@pytest.fixture
def page_in_traditional():
    """An English page, translated by hand into Traditional Chinese, not yet into Simplified."""
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", HANT)
    return source, translations


def locale(code):
    return Locale.objects.get(language_code=code)


# --- The conversion itself ------------------------------------------------------------


def test_conversion_keeps_inline_tags_and_attributes():
    assert convert(HANT["body"], "zh-hant", "zh-hans") == HANS["body"]
    assert convert(HANS["body"], "zh-hans", "zh-hant") == HANT["body"]


def test_conversion_uses_the_hong_kong_profiles():
    # s2hk writes 為 and 裏 (Hong Kong); s2t would give 爲, s2tw 裡.
    assert convert("为什么 里面", "zh-hans", "zh-hant") == "為什麼 裏面"
    assert convert("為什麼 裏面", "zh-hant", "zh-hans") == "为什么 里面"


# --- Which pairs the machine translator offers ------------------------------------------


def test_translator_offers_the_chinese_pair_but_not_english_to_chinese_without_a_delegate():
    translator = get_machine_translator()
    assert translator.can_translate(locale("zh-hant"), locale("zh-hans"))
    assert translator.can_translate(locale("zh-hans"), locale("zh-hant"))
    assert not translator.can_translate(locale("en"), locale("zh-hans"))
    assert not translator.can_translate(locale("en"), locale("zh-hant"))


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=WITH_DUMMY_DELEGATE)
def test_a_configured_delegate_adds_english_to_chinese():
    translator = get_machine_translator()
    assert translator.can_translate(locale("en"), locale("zh-hans"))
    assert translator.display_name == "Dummy translator"
    assert translator.can_translate(locale("zh-hant"), locale("zh-hans"))
    assert translator.display_name == "OpenCC"


def editor(client, page, code):
    target = page.get_translation(locale(code))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_translation_editor_offers_conversion_from_the_other_chinese_script(
    admin_client, page_in_traditional
):
    source, _translations = page_in_traditional
    page = source.get_source_instance()
    assert "Convert from Traditional Chinese" in editor(admin_client, page, "zh-hans")
    assert "Convert from Simplified Chinese" in editor(admin_client, page, "zh-hant")
    # No English → Chinese machine translation without a delegate.
    assert "&quot;machineTranslator&quot;: null" in editor(admin_client, page, "zh-hans")


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=WITH_DUMMY_DELEGATE)
def test_translation_editor_offers_the_delegate_for_english_when_configured(
    admin_client, page_in_traditional
):
    source, _translations = page_in_traditional
    html = editor(admin_client, source.get_source_instance(), "zh-hans")
    assert "&quot;name&quot;: &quot;Dummy translator&quot;" in html
    assert "Convert from Traditional Chinese" in html


def test_english_page_has_no_conversion_button(admin_client):
    page = make_english_page()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Convert from" not in response.content.decode()


# --- Converting in the editor ---------------------------------------------------------


def test_convert_fills_only_untranslated_segments_from_the_sibling(
    admin_client, admin_user, page_in_traditional
):
    source, translations = page_in_traditional
    translate(source, "zh-hans", {"title": "联合实验室（人手校对）"})  # a person's translation

    response = admin_client.post(
        reverse("translation_workflow:convert", args=[translations["zh-hans"].pk]),
        {"next": "/admin/"},
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Converted 2 segments from Traditional Chinese" in html
    assert "has no Traditional Chinese translation yet" not in html
    texts = translated_texts(source, "zh-hans")
    assert texts["title"] == "联合实验室（人手校对）"  # untouched
    assert texts["summary"] == HANS["summary"]
    assert next(v for k, v in texts.items() if k.startswith("body.")) == HANS["body"]
    converted = StringTranslation.objects.filter(
        locale__language_code="zh-hans", translation_type="machine"
    )
    assert converted.count() == 2
    assert {row.tool_name for row in converted} == {"OpenCC"}
    assert {row.last_translated_by for row in converted} == {admin_user}
    assert not converted.filter(has_error=True).exists()  # tags still match the source


def test_segments_without_a_sibling_translation_stay_untranslated(admin_client):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", {"title": HANT["title"]})

    response = admin_client.post(
        reverse("translation_workflow:convert", args=[translations["zh-hans"].pk]),
        follow=True,
    )

    html = response.content.decode()
    assert "Converted 1 segment from Traditional Chinese" in html
    assert "2 segments have no Traditional Chinese translation yet" in html
    assert set(translated_texts(source, "zh-hans")) == {"title"}


def test_conversion_into_traditional_uses_s2hk(admin_client):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hans", {"summary": "为什么在里面合作"})
    admin_client.post(reverse("translation_workflow:convert", args=[translations["zh-hant"].pk]))
    assert translated_texts(source, "zh-hant") == {"summary": "為什麼在裏面合作"}


def test_convert_needs_edit_permission_on_the_translation(client, django_user_model):
    page = make_english_page()
    _source, translations = start_translations(page)
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    response = client.post(
        reverse("translation_workflow:convert", args=[translations["zh-hans"].pk])
    )
    assert response.status_code in {302, 403}
    assert not StringTranslation.objects.filter(locale__language_code="zh-hans").exists()


def test_page_written_in_traditional_is_machine_translated_into_simplified(admin_client):
    """A Traditional-source page: wagtail-localize's own "Translate with OpenCC" converts it."""
    from wagtail.models import Page

    from partner_pages.models import StandardPage

    hant_home = Page.objects.get(depth=2, locale__language_code="zh-hant")
    page = StandardPage(title=HANT["title"], slug="lab", summary=HANT["summary"])
    hant_home.add_child(instance=page)
    page.save_revision().publish()
    source, translations = start_translations(page, codes=("zh-hans",))

    html = editor(admin_client, page, "zh-hans")
    assert "Translate with" not in html  # the button's label lives in the JS bundle
    assert "&quot;name&quot;: &quot;OpenCC&quot;" in html
    admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translations["zh-hans"].pk])
    )
    assert translated_texts(source, "zh-hans") == {
        "title": HANS["title"],
        "summary": HANS["summary"],
    }


# --- The bulk command -----------------------------------------------------------------


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("convert_chinese_variant", *args, stdout=out)
    return out.getvalue()


def test_command_fills_every_segment_prints_changes_and_leaves_hand_edits(page_in_traditional):
    source, _translations = page_in_traditional
    translate(source, "zh-hans", {"summary": "人手翻译的摘要"})

    output = run("--from", "zh-hant", "--to", "zh-hans", "--all")

    texts = translated_texts(source, "zh-hans")
    assert texts["title"] == HANS["title"]
    assert texts["summary"] == "人手翻译的摘要"
    assert "聯合實驗室 → 联合实验室" in output
    assert "filled 2 segment(s) in zh-hans" in output


def test_command_dry_run_writes_nothing(page_in_traditional):
    source, _translations = page_in_traditional
    output = run("--from", "zh-hant", "--to", "zh-hans", "--all", "--dry-run")
    assert "[dry run] would fill 3 segment(s)" in output
    assert translated_texts(source, "zh-hans") == {}


def test_command_for_one_page(page_in_traditional):
    source, _translations = page_in_traditional
    other = make_english_page(title="Other", slug="other")
    other_source, _ = start_translations(other)
    translate(other_source, "zh-hant", {"title": "其他"})

    run("--from", "zh-hant", "--to", "zh-hans", "--page", str(source.get_source_instance().pk))

    assert len(translated_texts(source, "zh-hans")) == 3
    assert translated_texts(other_source, "zh-hans") == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "en", "--to", "zh-hans", "--all"], "must be zh-hant and zh-hans"),
        (["--from", "zh-hant", "--to", "zh-hant", "--all"], "must be zh-hant and zh-hans"),
        (["--from", "zh-hant", "--to", "zh-hans", "--page", "999999"], "no page with ID"),
    ],
)
def test_command_refuses_bad_arguments(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
