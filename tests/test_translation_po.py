"""Working offline: download a PO file, check it with msgfmt, edit, upload; bad files refused."""

import shutil
import subprocess

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

from tests.translation_fixtures import (
    make_english_page,
    start_translations,
    translate,
    translated_texts,
)

pytestmark = pytest.mark.django_db

msgfmt = shutil.which("msgfmt")


@pytest.fixture
def translation():
    page = make_english_page()
    source, translations = start_translations(page, codes=("zh-hans",))
    translate(source, "zh-hans", {"title": "联合实验室", "summary": "大数据研究。"})
    return translations["zh-hans"]


def download(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    return response.content


def upload(client, translation, content):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("page.po", content), "next": "/admin/"},
        follow=True,
    )


def snapshot():
    return sorted(
        StringTranslation.objects.values_list("context_id", "locale_id", "data", "updated_at")
    )


@pytest.mark.skipif(msgfmt is None, reason="GNU gettext (msgfmt) is not installed")
def test_downloaded_po_file_passes_msgfmt_check_format(admin_client, translation, tmp_path):
    path = tmp_path / "page.po"
    path.write_bytes(download(admin_client, translation))
    result = subprocess.run(  # noqa: S603
        [msgfmt, "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_edit_one_string_and_upload_changes_exactly_that_segment(admin_client, translation):
    po = polib.pofile(download(admin_client, translation).decode())
    before = translated_texts(translation.source, "zh-hans")
    untouched = StringTranslation.objects.get(
        locale__language_code="zh-hans", context__path="title"
    )
    po.find("Big data research.", by="msgid").msgstr = "大数据与云计算研究。"

    response = upload(admin_client, translation, str(po).encode())

    assert "Imported 1 changed translation from the PO file." in response.content.decode()
    after = translated_texts(translation.source, "zh-hans")
    assert after == {**before, "summary": "大数据与云计算研究。"}
    assert StringTranslation.objects.get(pk=untouched.pk).updated_at == untouched.updated_at


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a PO file\n", "not a valid PO file: Syntax error in po file (line 1)"),
        (b'msgid "x"\ngarbage\nmsgstr "y"\n', "Syntax error in po file (line 2)"),
        (b"\xff\xfe\x00garbage", "not"),
    ],
)
def test_a_broken_po_file_is_refused_and_changes_nothing(
    admin_client, translation, content, reason
):
    before = snapshot()
    response = upload(admin_client, translation, content)
    html = response.content.decode()
    assert "PO file refused, nothing changed." in html
    assert reason in html
    assert snapshot() == before


def test_a_po_file_for_another_translation_is_refused(admin_client, translation):
    other = make_english_page(title="Other", slug="other")
    _source, translations = start_translations(other, codes=("zh-hans",))
    content = download(admin_client, translations["zh-hans"])
    before = snapshot()
    html = upload(admin_client, translation, content).content.decode()
    assert "downloaded for a different translation" in html
    assert snapshot() == before


def test_a_po_file_without_translation_id_is_refused(admin_client, translation):
    po = polib.pofile(download(admin_client, translation).decode())
    del po.metadata["X-WagtailLocalize-TranslationID"]
    po.find("Big data research.", by="msgid").msgstr = "改了"
    before = snapshot()
    html = upload(admin_client, translation, str(po).encode()).content.decode()
    assert "downloaded for a different translation" in html
    assert snapshot() == before


def test_a_stale_po_file_is_refused_whole(admin_client, translation):
    po = polib.pofile(download(admin_client, translation).decode())
    po.find("Big data research.", by="msgid").msgstr = "改了"
    po.append(
        polib.POEntry(msgid="A sentence the page no longer has.", msgctxt="summary", msgstr="旧")
    )
    before = snapshot()
    html = upload(admin_client, translation, str(po).encode()).content.decode()
    assert "does not match the current text" in html
    assert snapshot() == before


def test_a_duplicated_entry_is_refused(admin_client, translation):
    content = download(admin_client, translation).decode()
    entry = 'msgctxt "summary"\nmsgid "Big data research."\nmsgstr "重复"\n'
    before = snapshot()
    html = upload(admin_client, translation, (content + "\n" + entry).encode()).content.decode()
    assert "appears twice in the PO file" in html
    assert snapshot() == before


def test_a_translation_that_breaks_rich_text_tags_is_refused(admin_client, translation):
    po = polib.pofile(download(admin_client, translation).decode())
    body = next(entry for entry in po if entry.msgctxt.startswith("body."))
    body.msgstr = "理大与阿里巴巴合作发展云计算。<b>"  # lost the link, unclosed <b>
    before = snapshot()
    html = upload(admin_client, translation, str(po).encode()).content.decode()
    assert "changes its formatting tags or links" in html
    assert snapshot() == before


def test_deleting_an_english_page_keeps_its_chinese_translations_recoverable(translation):
    source = translation.source
    english = source.get_source_instance()
    hans = english.get_translation(Locale.objects.get(language_code="zh-hans"))
    texts = translated_texts(source, "zh-hans")

    english.delete()

    assert Page.objects.filter(pk=hans.pk).exists()  # the translated page stays
    assert translated_texts(source, "zh-hans") == texts  # and every translated string
    po = translation.export_po()
    assert {entry.msgstr for entry in po if entry.msgstr} >= {"联合实验室", "大数据研究。"}
