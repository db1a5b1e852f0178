"""A translator's day in a real browser: the translation editor with its Chinese
conversion bar, the conversion itself, and the translation status report."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from .conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

USERNAME = "browser-translator"
PASSWORD = "browser-translator-password"


@pytest.fixture(scope="module")
def translator_account(site_url, django_db_blocker):
    """An account the live server can see: committed, and removed afterwards."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(
            USERNAME, "translator@example.com", PASSWORD
        )
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def admin_page(open_page, translator_account):
    """Signed in and on the admin dashboard, every address the browser asked for kept."""
    page = open_page("/admin/login/")
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    return sign_in(page, USERNAME, PASSWORD)


def test_the_admin_asks_nothing_of_other_sites(admin_page, site_url):
    # Wagtail's dashboard would otherwise ask releases.wagtail.org for the latest
    # version, and Gravatar for the editor's picture.
    assert admin_page.requested
    assert [url for url in admin_page.requested if not url.startswith(site_url)] == []
    assert admin_page.console_errors == []


def edit_url(language):
    """The admin address of the Alibaba partner page's translation into `language`."""
    english = Page.objects.get(locale__language_code="en", slug="alibaba")
    translation = english.get_translation(Locale.objects.get(language_code=language))
    return f"/admin/pages/{translation.pk}/edit/"


@pytest.mark.parametrize(
    ("language", "button"),
    [
        ("zh-hans", "Convert from Traditional Chinese"),
        ("zh-hant", "Convert from Simplified Chinese"),
    ],
)
def test_translation_editor_shows_the_conversion_bar_beside_the_segments(
    admin_page, site_url, language, button
):
    admin_page.goto(site_url + edit_url(language))
    conversion = admin_page.get_by_role("button", name=button)
    assert conversion.is_visible()
    # Its icon is one Wagtail has, drawn at icon size beside the words.
    icon = conversion.locator("svg")
    symbol = icon.locator("use").get_attribute("href").removeprefix("#")
    assert admin_page.evaluate("id => document.getElementById(id) !== null", symbol)
    assert icon.bounding_box()["width"] <= 20
    # wagtail-localize's own editor (React) rendered its segments below the bar.
    admin_page.wait_for_selector(".js-translation-editor li", timeout=15_000)
    assert "阿里巴巴" in admin_page.locator(".js-translation-editor").inner_text()
    assert admin_page.console_errors == []
    screenshot(admin_page, f"translation-editor-{language}")


def test_converting_a_finished_translation_says_nothing_was_left(admin_page, site_url):
    admin_page.goto(site_url + edit_url("zh-hans"))
    admin_page.get_by_role("button", name="Convert from Traditional Chinese").click()
    admin_page.wait_for_load_state()
    # Back in the same editor, with the outcome said in words.
    assert admin_page.url.endswith(edit_url("zh-hans"))
    assert admin_page.get_by_text("There isn't anything left to translate.").is_visible()


def test_status_report_lists_each_page_in_each_chinese_locale(admin_page, site_url):
    admin_page.goto(site_url + "/admin/translation-workflow/status/")
    table = admin_page.locator("table.listing").last
    table.wait_for()
    text = table.inner_text()
    assert "Alibaba – PolyU Big Data & Cloud Computing" in text
    assert "Huawei Innovation Research Program (HIRP)" in text
    assert admin_page.console_errors == []
    screenshot(admin_page, "translation-status-report")
