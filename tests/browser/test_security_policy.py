"""The site works under its Content-Security-Policy and Permissions-Policy in Chromium.

Every frame of every page reports each `securitypolicyviolation` event, enforced
or not, to the console, where the tests collect it with the page's script
errors; the public pages must also keep their strict policy while doing so.
The video players' sites are answered by Playwright with a stand-in page, so
the test proves the policy lets them be framed without reaching the Internet.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Locale, Page

from .conftest import LANGUAGES, page_url, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

USERNAME = "browser-security"
PASSWORD = "browser-security-password"
VIDEO_URL = "https://www.youtube.com/watch?v=aaaaaaaaaaa"
PLAYER = "https://www.youtube-nocookie.com/embed/aaaaaaaaaaa"

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error("CSP violation: " + JSON.stringify({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        disposition: event.disposition,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
    }));
});
// Wagtail's editor compares the form with a snapshot it takes two seconds after
// the page loads; edits made before that are part of the snapshot, and the
// preview never hears of them.
document.addEventListener("w-unsaved:watch-edits", () => { window.watchingEdits = true; });
"""


@pytest.fixture(scope="module")
def programme_with_video(site_url, django_db_blocker):
    """The English AIR programme page with a video block, as an editor would add one."""
    with django_db_blocker.unblock():
        page = Page.objects.get(locale__language_code="en", slug="air").specific
        original = list(page.body.raw_data)
        page.body.append(("video", {"url": VIDEO_URL, "title": "AIR in two minutes"}))
        page.save_revision().publish()
        cache.clear()
    yield page
    with django_db_blocker.unblock():
        page = Page.objects.get(pk=page.pk).specific
        page.body = original
        page.save_revision().publish()
        cache.clear()


@pytest.fixture(scope="module")
def security_account(site_url, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(USERNAME, "security@example.com", PASSWORD)
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def watched(browser, site_url):
    """watched(path) -> a page whose script errors and policy violations are collected."""
    contexts = []

    def watched(path, context=None):
        if context is None:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            context.add_init_script(REPORT_VIOLATIONS)
            context.route(
                re.compile(r"https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/.*"),
                lambda route: route.fulfill(
                    status=200,
                    content_type="text/html",
                    body="<!DOCTYPE html><title>Player</title><p id=player>Video player</p>",
                ),
            )
        page = context.new_page()
        # Leaving an edited page: Wagtail asks whether to discard the changes.
        page.on("dialog", lambda dialog: dialog.accept())
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                (message.type == "error" or "olicy" in message.text)
                and not message.text.startswith("Failed to load resource")
                and page.problems.append(f"{message.type}: {message.text}")
            ),
        )
        page.response = page.goto(path if path.startswith("http") else site_url + path)
        page.wait_for_load_state("networkidle")
        return page

    yield watched
    for context in contexts:
        context.close()


def strict_public_policy(response):
    csp = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    return script_src == ["'self'"] and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "partner", "programme", "search"])
def test_public_pages_work_under_their_policy(
    watched, site_url, programme_with_video, language, page_type
):
    page = watched(page_url(site_url, language, page_type))
    assert page.response.status == 200
    assert strict_public_policy(page.response)
    assert "permissions-policy" in page.response.headers
    # JSON-LD sits inline; data blocks are not scripts that CSP must allow.
    json_ld = page.locator('script[type="application/ld+json"]')
    assert json_ld.count() >= 1
    for index in range(json_ld.count()):
        json.loads(json_ld.nth(index).text_content())
    if page_type == "partner":
        # The gallery viewer, the site's one script, builds its dialog.
        page.locator(".gallery__open").first.click()
        assert page.locator("dialog.lightbox").is_visible()
    page.wait_for_timeout(300)
    assert page.problems == []


def test_the_video_player_is_framed_on_the_programme_page(watched, site_url, programme_with_video):
    page = watched(page_url(site_url, "en", "programme"))
    iframe = page.locator(".video iframe")
    assert iframe.get_attribute("src") == PLAYER
    iframe.scroll_into_view_if_needed()
    player = page.frame_locator(".video iframe").locator("#player")
    player.wait_for(timeout=10_000)
    assert player.inner_text() == "Video player"
    assert page.problems == []


def sign_in_watched(watched):
    return sign_in(watched("/admin/login/"), USERNAME, PASSWORD)


def admin_path(slug, language):
    english = Page.objects.get(locale__language_code="en", slug=slug)
    page = english.get_translation(Locale.objects.get(language_code=language))
    return f"/admin/pages/{page.pk}/edit/"


def visit(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")


def test_the_admin_works_under_its_policy(
    watched, site_url, security_account, programme_with_video
):
    page = sign_in_watched(watched)
    for path in (
        "/admin/pages/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/sign-in-lockouts/",
        "/admin/tags/",
        "/admin/translation-workflow/status/",
    ):
        visit(page, site_url, path)
        assert page.problems == [], path

    # Edit the programme page: add a paragraph to its body and change its title,
    # then open the preview panel and see both, with the page's video. The form is
    # valid before the panel opens (an empty paragraph is a validation error, and
    # an invalid form never reaches the preview), so its first render shows it all.
    visit(page, site_url, admin_path("air", "en"))
    page.wait_for_function("() => window.watchingEdits === true", timeout=15_000)
    page.locator("button.c-sf-add-button").last.click()
    page.locator(".w-combobox__option", has_text="Paragraph").first.click()
    paragraph = page.locator("[data-contentpath=body] .Draftail-Editor [contenteditable]").last
    paragraph.click()
    paragraph.type("Previewed under the admin's policy.")
    page.fill("#id_title", "AIR, previewed under the admin's policy")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe.w-preview__iframe").last
    preview.get_by_role("heading", name="AIR, previewed under the admin's policy").wait_for(
        timeout=30_000
    )
    preview.get_by_text("Previewed under the admin's policy.").wait_for(timeout=10_000)
    preview.locator(".video iframe").wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    assert page.problems == []
    screenshot(page, "admin-edit-under-csp")

    # A chooser modal (loaded with its scripts over fetch).
    visit(page, site_url, admin_path("alibaba", "en"))
    page.locator(".chooser__choose-button:visible").first.click()
    page.locator(".modal-content").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    assert page.problems == []

    # The translation editor (wagtail-localize's React editor).
    visit(page, site_url, admin_path("alibaba", "zh-hans"))
    page.wait_for_selector(".js-translation-editor li", timeout=15_000)
    page.get_by_role("button", name="Convert from Traditional Chinese").wait_for()
    assert page.problems == []
