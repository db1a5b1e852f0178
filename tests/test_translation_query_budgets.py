"""What the translators' tools cost: an exact number of SQL queries, whatever the content.

The status report (translation_status(), its page and its CSV export, for a
superuser and for a translator) and the PO upload are measured on the demo
content, then again with ten times as many translated pages and snippets: the
numbers must not move. Each is measured after one warm-up request has filled
Wagtail's and Django's own caches (content types, site root paths).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from partner_pages.models import Contact, PartnerPage, ResearchArea
from tests import factories
from tests.translation_fixtures import make_english_page, segments, start_translations, translate
from translation_workflow.status import translation_status

pytestmark = pytest.mark.django_db

REPORT = reverse("translation_workflow:report")

# translation_status(): the locales, the English pages (a query per page type)
# and snippets (a query per snippet model, one per child relation), then in bulk
# their translation sources, translations, segment counts (a query per locale),
# translated pages and snippets (a query per model), string translations and
# the converted segments whose other Chinese version changed since, and the term
# base for its warnings (the Term table, read once per process: each test starts
# without it). The report adds the session, the user and their locales (a translator: their
# groups' page permissions, and the admin menu's permission checks, and the
# locales they may start translations in, for the "Start translation" links).
# A PO upload: the translation, the permission check, the source's segments and
# their stored translations, then wagtail-localize's import_po of the changed
# entries, a few queries each (one of them looks for a converted segment that
# follows the entry, one removes the entry's "changed in the English" record,
# translation_workflow.changes): the uploads measured change one entry.
BUDGETS = {
    "translation_status": 25,
    "report as superuser": 33,
    "report csv as superuser": 29,
    "report as translator": 36,
    "report csv as translator": 32,
    "po upload as superuser": 23,
    "po upload as translator": 26,
}


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("hans", password="pw")
    user.groups.add(Group.objects.get(name="Translators (Simplified Chinese)"))
    return user


def count_queries(action):
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries.captured_queries)


def get(client, url, data=None):
    response = client.get(url, data)
    assert response.status_code == 200, url
    if response.streaming:
        b"".join(response.streaming_content)  # the CSV is written while it streams


def report_queries(client, **data):
    get(client, REPORT, data)  # warm-up
    return count_queries(lambda: get(client, REPORT, data))


def status_queries():
    translation_status()  # warm-up
    return count_queries(translation_status)


def english_partner_translation():
    english = PartnerPage.objects.filter(locale__language_code="en").order_by("path").first()
    return Translation.objects.get(
        source__object_id=english.translation_key,
        source__locale__language_code="en",
        target_locale__language_code="zh-hans",
    )


def po_upload_queries(client, translation):
    """An upload of the translation's own PO file with one changed translation."""
    po = translation.export_po()
    entry = next(entry for entry in po if entry.msgstr and "<" not in entry.msgid)
    entry.msgstr += "（修订）"
    upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])

    def post():
        response = client.post(
            upload, {"file": SimpleUploadedFile("page.po", str(po).encode()), "next": "/admin/"}
        )
        assert response.status_code == 302

    client.get(reverse("wagtailadmin_home"))  # warm-up
    return count_queries(post)


def measure(client, admin_user, translator, po_translation):
    counts = {"translation_status": status_queries()}
    for who, user in (("superuser", admin_user), ("translator", translator)):
        client.force_login(user)
        counts[f"report as {who}"] = report_queries(client)
        counts[f"report csv as {who}"] = report_queries(client, export="csv")
        counts[f"po upload as {who}"] = po_upload_queries(client, po_translation)
    return counts


def grow_tenfold():
    """Nine more translated English pages, contacts and research areas for each of the demo's.

    The new pages are complete, in progress, outdated or (in Simplified Chinese,
    a few) untranslated; contacts have phone numbers, a child relation the
    outdated check compares.
    """
    english = Locale.objects.get(language_code="en")
    pages = Page.objects.filter(locale=english, depth__gt=2).count()
    for number in range(9 * pages):
        page = make_english_page(title=f"Page {number}", slug=f"tenfold-{number}")
        # Every eighth page is translated into Traditional Chinese only.
        codes = ("zh-hant",) if number % 8 == 7 else ("zh-hant", "zh-hans")
        source, _translations = start_translations(page, codes=codes)
        texts = {"title": f"第{number}页", "summary": "摘要", "body": "正文"}
        translate(source, "zh-hant", texts)
        if "zh-hans" in codes:
            translate(source, "zh-hans", texts if number % 2 else {"title": texts["title"]})
        if number % 3 == 0:
            page.summary = "The English summary changed."
            page.save_revision().publish()
    for number in range(9 * Contact.objects.filter(locale=english).count()):
        contact = factories.ContactFactory(name=f"Contact {number}")
        factories.ContactPhoneNumberFactory(contact=contact)
        factories.ContactPhoneNumberFactory(contact=contact, kind="mobile")
        source, _translations = start_translations(contact)
        translate(source, "zh-hans", {"name": f"联系人{number}"})
    for _number in range(9 * ResearchArea.objects.filter(locale=english).count()):
        area = factories.ResearchAreaFactory()
        start_translations(area)


def test_budgets_with_the_demo_content(demo_site, client, admin_user, translator):
    assert measure(client, admin_user, translator, english_partner_translation()) == BUDGETS


def test_budgets_with_ten_times_the_content(demo_site, client, admin_user, translator):
    grow_tenfold()
    assert measure(client, admin_user, translator, english_partner_translation()) == BUDGETS


def test_po_upload_budget_with_ten_times_the_segments(demo_site, client, admin_user, translator):
    """The upload of a page with ten times the demo page's segments costs the same."""
    demo_segments = len(segments(english_partner_translation().source))
    page = make_english_page(title="Long page", slug="long-page")
    page.body = [
        ("paragraph", f"<p>Sentence {number} of <b>a long</b> page.</p>")
        for number in range(10 * demo_segments)
    ]
    page.save_revision().publish()
    source, translations = start_translations(page, codes=("zh-hans",))
    translate(
        source,
        "zh-hans",
        {path: f"译{segment.string.data}" for path, segment in segments(source).items()},
    )
    budgets = {key: BUDGETS[key] for key in ("po upload as superuser", "po upload as translator")}
    counts = {}
    for who, user in (("superuser", admin_user), ("translator", translator)):
        client.force_login(user)
        counts[f"po upload as {who}"] = po_upload_queries(client, translations["zh-hans"])
    assert counts == budgets
