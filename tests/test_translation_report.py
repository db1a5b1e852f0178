"""The translation status report: statuses, counts, CSV, filters, links and script warnings."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from tests import factories
from tests.translation_fixtures import (
    make_english_page,
    start_translations,
    translate,
)
from translation_workflow.status import translation_status

pytestmark = pytest.mark.django_db
REPORT = reverse("translation_workflow:report")


@pytest.fixture
def cases():
    """One English page per status, as seen from Simplified Chinese."""
    make_english_page(title="Untranslated", slug="untranslated")

    partial = make_english_page(title="Partial", slug="partial")
    partial_source, _ = start_translations(partial, codes=("zh-hans",))
    translate(partial_source, "zh-hans", {"title": "部分"})  # 1 of 3 segments

    complete = make_english_page(title="Complete", slug="complete")
    complete_source, _ = start_translations(complete, codes=("zh-hans",))
    translate(complete_source, "zh-hans", {"title": "完成", "summary": "摘要", "body": "正文"})

    outdated = make_english_page(title="Outdated", slug="outdated")
    outdated_source, _ = start_translations(outdated, codes=("zh-hans",))
    translate(outdated_source, "zh-hans", {"title": "过时", "summary": "摘要", "body": "正文"})
    outdated.summary = "The English summary changed."
    outdated.save_revision().publish()
    return {"complete_source": complete_source}


def rows_for(code):
    locale = Locale.objects.get(language_code=code)
    return {row.title: row for row in translation_status([locale])}


def test_status_of_each_case(cases):
    rows = rows_for("zh-hans")
    assert rows["Untranslated"].status == "untranslated"
    assert rows["Partial"].status == "in_progress"
    assert (rows["Partial"].translated, rows["Partial"].total) == (1, 3)
    assert rows["Partial"].percent == 33
    assert rows["Complete"].status == "complete"
    assert rows["Outdated"].status == "outdated"


def test_report_page_shows_counts_rows_and_links_to_the_translation_editor(admin_client, cases):
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    counts = re.search(r'<tr data-locale="zh-hans">(.*?)</tr>', html, re.S).group(1)
    # Home pages and the footer exist in every locale without wagtail-localize:
    # "edited directly".
    assert dict(re.findall(r'data-status="(\w+)">(\d+)<', counts)) == {
        "untranslated": "1",
        "in_progress": "1",
        "complete": "1",
        "outdated": "1",
        "manual": "2",
    }
    complete = cases["complete_source"].get_translated_instance(
        Locale.objects.get(language_code="zh-hans")
    )
    assert reverse("wagtailadmin_pages:edit", args=[complete.pk]) in html


def test_report_filters_by_locale_and_status(admin_client, cases):
    response = admin_client.get(REPORT, {"locale": "zh-hans", "status": "in_progress"})
    html = response.content.decode()
    table = html[html.index("<table", html.index("data-translation-counts") + 10) :]
    assert "Partial" in table
    assert "Complete" not in table and "Untranslated" not in table


def test_a_snippet_is_outdated_once_its_english_child_objects_change():
    contact = factories.ContactFactory(name="Dr Chan", job_title="", unit="ITDO")
    factories.ContactPhoneNumberFactory(contact=contact, number="3400 2862")
    source, _ = start_translations(contact, codes=("zh-hans",))
    translate(source, "zh-hans", {"name": "陈博士", "unit": "创新及科技发展处"})
    assert rows_for("zh-hans")["Dr Chan (ITDO)"].status == "complete"

    contact.phone_numbers.update(number="3400 2863")
    assert rows_for("zh-hans")["Dr Chan (ITDO)"].status == "outdated"


def read_csv(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_csv_export(admin_client, cases):
    response = admin_client.get(REPORT, {"export": "csv", "locale": "zh-hans"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["Title"]: row for row in read_csv(response)}
    assert rows["Partial"]["Status"] == "In progress"
    assert rows["Partial"]["Translated (%)"] == "33"
    assert rows["Partial"]["Segments translated"] == "1/3"
    assert rows["Outdated"]["Status"] == "Outdated"
    assert len({row["Locale"] for row in rows.values()}) == 1  # the locale filter applies


def test_script_check_warnings_in_report_and_csv(admin_client):
    page = make_english_page(title="Mixed", slug="mixed")
    source, _ = start_translations(page)
    translate(source, "zh-hant", {"title": "聯合实验室"})  # 实 and 验 are Simplified
    translate(source, "zh-hans", {"title": "联合实验室"})

    html = admin_client.get(REPORT, {"locale": "zh-hant"}).content.decode()
    assert "Simplified characters in title: 实验" in html
    rows = read_csv(admin_client.get(REPORT, {"export": "csv"}))
    warnings = {(row["Title"], row["Locale"]): row["Script warnings"] for row in rows}
    assert [w for w in warnings.values() if w] == ["title: 实验"]


def test_translator_sees_the_report_for_their_locale_only(client, django_user_model, cases):
    user = django_user_model.objects.create_user("hans", password="pw")
    user.groups.add(Group.objects.get(name="Translators (Simplified Chinese)"))
    client.force_login(user)
    rows = read_csv(client.get(REPORT, {"export": "csv"}))
    assert rows
    assert len({row["Locale"] for row in rows}) == 1
    assert "Partial" in {row["Title"] for row in rows}


def test_a_moderator_sees_the_report_for_every_chinese_locale(client, django_user_model, cases):
    user = django_user_model.objects.create_user("mod", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))  # page permissions on the root page
    client.force_login(user)
    rows = read_csv(client.get(REPORT, {"export": "csv"}))
    assert {row["Locale"] for row in rows} == {
        Locale.objects.get(language_code=code).get_display_name() for code in ("zh-hant", "zh-hans")
    }


def test_someone_without_a_chinese_locale_cannot_open_the_report(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    Group.objects.get(name="Editors").page_permissions.all().delete()
    client.force_login(user)
    assert client.get(REPORT).status_code in {302, 403}


def test_report_is_in_the_reports_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translation status" in html
