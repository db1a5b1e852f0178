"""A translator's and a reviewer's day in a real browser: the translator corrects a
segment in the translation editor and clicks Submit for review; the reviewer finds
it on the dashboard and approves it; visitors get the corrected page. Another time
the reviewer asks for changes from the translation editor, and the translator reads
the comment there and resubmits."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "browser-review-day-password"
ENGLISH_SUMMARY = "A programme of Alibaba Innovative Research for research scholars."
CORRECTED_SUMMARY = "阿里巴巴創新研究計劃為研究學者而設的資助項目。"
SECOND_SUMMARY = "阿里巴巴创新研究計劃為研究學者而設的資助項目。"
COMMENT = "「创新」是簡體字，請改為「創新」。"


def arf_translation():
    """The Traditional Chinese translation of the demo's Alibaba Research Fellow page."""
    english = Page.objects.get(locale__language_code="en", slug="arf")
    return Translation.objects.get(
        source__object_id=english.translation_key,
        source__locale__language_code="en",
        target_locale__language_code="zh-hant",
    )


def arf_page():
    english = Page.objects.get(locale__language_code="en", slug="arf")
    return english.get_translation(Locale.objects.get(language_code="zh-hant"))


@pytest.fixture(scope="module")
def day(site_url, django_db_blocker):
    """A Traditional Chinese translator and reviewer the live server can see (committed), and
    the page's addresses and title.

    The test itself reads nothing from the database: beside Playwright it has a connection
    of its own, whose reads would lock the tables the live server writes (SQLite).
    Afterwards the demo page gets its own translation back, published again."""
    with django_db_blocker.unblock():
        users = {}
        for role, group in (
            ("translator", "Translators (Traditional Chinese)"),
            ("reviewer", "Reviewers (Traditional Chinese)"),
        ):
            user = get_user_model().objects.create_user(
                f"browser-{role}", f"{role}@example.edu", PASSWORD
            )
            user.groups.add(Group.objects.get(name=group))
            users[role] = user
        translation = arf_translation()
        segment = StringSegment.objects.get(source=translation.source, string__data=ENGLISH_SUMMARY)
        original = StringTranslation.objects.get(
            translation_of=segment.string, context=segment.context, locale=translation.target_locale
        ).data
        page = arf_page()
        facts = {
            "translator": users["translator"].username,
            "reviewer": users["reviewer"].username,
            "edit_url": f"{site_url}/admin/pages/{page.pk}/edit/",
            "public_url": page.get_url(),
            "title": page.title,
        }
    yield facts
    with django_db_blocker.unblock():
        for state in WorkflowState.objects.active().filter(object_id=str(page.pk)):
            state.cancel()
        StringTranslation.objects.filter(
            translation_of=segment.string, context=segment.context, locale=translation.target_locale
        ).update(data=original)
        arf_translation().save_target(publish=True)
        for user in users.values():
            user.delete()


def signed_in(open_page, username):
    return sign_in(open_page("/admin/login/"), username, PASSWORD)


def translate_summary(editor, text):
    segment = editor.locator(".js-translation-editor li", has_text=ENGLISH_SUMMARY).first
    segment.wait_for(timeout=15_000)
    segment.get_by_role("button", name="Edit").click()
    segment.locator("textarea").fill(text)
    with editor.expect_response(lambda response: response.request.method == "PUT"):
        segment.get_by_role("button", name="Save").click()


def test_translator_submits_reviewer_approves_visitors_read_it(open_page, day):
    translator = signed_in(open_page, day["translator"])
    translator.goto(day["edit_url"])
    translate_summary(translator, CORRECTED_SUMMARY)

    # Submit for review is the footer's main action; nothing there undoes the translation.
    footer = translator.locator(".js-translation-editor footer")
    submit = footer.get_by_role("button", name="Submit for review")
    assert submit.is_visible()
    assert not footer.get_by_role("button", name="Stop Synced translation").is_visible()
    assert footer.get_by_text("Convert to alias page").count() == 0
    screenshot(translator, "review-day-translator-submits")
    submit.click()
    translator.wait_for_load_state()
    assert translator.get_by_text("has been submitted for review").is_visible()
    assert translator.get_by_text("Awaiting Traditional Chinese review").is_visible()
    assert translator.console_errors == []
    screenshot(translator, "review-day-translator-awaiting-review")

    reviewer = signed_in(open_page, day["reviewer"])
    awaiting = reviewer.locator("#awaiting-review-section")
    assert awaiting.get_by_text("Awaiting your review").is_visible()
    assert awaiting.get_by_role("link", name=day["title"]).is_visible()
    screenshot(reviewer, "review-day-reviewer-dashboard")
    awaiting.get_by_role("button", name="Actions").click()
    with reviewer.expect_navigation():
        awaiting.get_by_role("button", name="Approve", exact=True).click()
    assert reviewer.console_errors == []

    visitor = open_page(day["public_url"])
    assert visitor.response.status == 200
    assert visitor.get_by_text(CORRECTED_SUMMARY).is_visible()
    screenshot(visitor, "review-day-public-page")


def test_reviewer_asks_for_changes_in_the_editor_translator_resubmits(open_page, day):
    translator = signed_in(open_page, day["translator"])
    translator.goto(day["edit_url"])
    translate_summary(translator, SECOND_SUMMARY)
    translator.locator("footer").get_by_role("button", name="Submit for review").click()
    translator.wait_for_load_state()

    reviewer = signed_in(open_page, day["reviewer"])
    reviewer.goto(day["edit_url"])
    review_bar = reviewer.locator("[data-translation-review]")
    review_bar.get_by_role("button", name="Request changes").click()
    dialog = reviewer.locator(".modal-dialog")
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    with reviewer.expect_navigation():
        dialog.get_by_role("button", name="Request changes").click()
    assert reviewer.url == day["edit_url"]
    assert reviewer.console_errors == []

    translator.reload()
    request = translator.locator("[data-review-changes]")
    assert request.get_by_text(COMMENT).is_visible()
    screenshot(translator, "review-day-translator-reads-the-comment")
    translate_summary(translator, CORRECTED_SUMMARY)
    translator.locator("footer").get_by_role("button", name="Resubmit").click()
    translator.wait_for_load_state()
    assert translator.get_by_text("Awaiting Traditional Chinese review").is_visible()
    assert translator.console_errors == []
