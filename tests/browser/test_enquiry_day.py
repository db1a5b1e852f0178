"""An enquiry from a visitor to the person who answers it, in a real browser.

A visitor on the Traditional Chinese Huawei page clicks "Ask about this
partnership", sees the topic and the privacy statement, fills in the form on a
phone and sends it. An enquiry officer signs in, opens the form's one list of
enquiries and finds it there with its language and topic; a translator who
signs in finds no enquiries at all.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from partner_pages.enquiries import EnquirySubmission

from .conftest import WIDTHS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "browser-enquiry-day-password"
VISITOR = "陳大文"
IDEA = "我們想與理大合辦光通訊研討會。"


@pytest.fixture(scope="module")
def day(django_db_blocker):
    """An officer and a translator the live server can see; the addresses the test needs.

    The test body reads nothing from the database (beside Playwright its own connection's
    reads would lock tables the live server writes, on SQLite); afterwards the enquiry
    the visitor sent and the two users are deleted.
    """
    with django_db_blocker.unblock():
        users = {}
        for role, group in (
            ("officer", "Enquiry officers"),
            ("translator", "Translators (Traditional Chinese)"),
        ):
            user = get_user_model().objects.create_user(f"browser-{role}", password=PASSWORD)
            user.groups.add(Group.objects.get(name=group))
            users[role] = user
        huawei = Page.objects.get(locale__language_code="zh-hant", slug="huawei")
        form = Page.objects.get(locale__language_code="en", slug="tell-us-your-idea")
        facts = {
            "partner_url": huawei.get_url(),
            "partner_title": huawei.title,
            # The officer reads in English: the topic in their language.
            "partner_title_en": Page.objects.get(locale__language_code="en", slug="huawei").title,
            "submissions": f"/admin/forms/submissions/{form.pk}/",
        }
        before = set(EnquirySubmission.objects.values_list("pk", flat=True))
    yield facts
    with django_db_blocker.unblock():
        EnquirySubmission.objects.exclude(pk__in=before).delete()
        for user in users.values():
            user.delete()


def test_a_visitors_enquiry_reaches_the_enquiry_officer_and_no_one_else(open_page, day):
    # The visitor, on a phone.
    visitor = open_page(day["partner_url"], width=WIDTHS["phone"])
    visitor.get_by_role("link", name="查詢此合作項目").click()
    visitor.wait_for_load_state("networkidle")
    assert day["partner_title"] in visitor.locator(".enquiry-form__topic").inner_text()
    assert visitor.locator("section.privacy-statement").is_visible()
    form = visitor.locator("form.enquiry-form")
    required = form.locator("[aria-required=true]")
    assert required.count() >= 4  # marked before any error
    form.get_by_label("您的姓名", exact=False).fill(VISITOR)
    form.locator("input[type=email]").fill("taiman@example.com")
    form.locator("select").first.select_option(index=1)
    form.locator("textarea").fill(IDEA)
    screenshot(visitor, "enquiry-day-visitor-form")
    form.locator("[type=submit]").click()
    visitor.wait_for_load_state("networkidle")
    assert visitor.locator("form.enquiry-form").count() == 0  # the thank-you page
    screenshot(visitor, "enquiry-day-visitor-thanks")
    assert visitor.console_errors == []

    # The enquiry officer finds it in the form's one list, with its language and topic.
    officer = sign_in(open_page("/admin/login/"), "browser-officer", PASSWORD)
    officer.goto(officer.url.rsplit("/admin/", 1)[0] + day["submissions"])
    officer.wait_for_load_state("networkidle")
    listing = officer.locator("main").inner_text()
    assert VISITOR in listing
    assert IDEA in listing
    assert day["partner_title_en"] in listing
    assert "No recipient" in listing  # no address is configured: marked, not lost
    screenshot(officer, "enquiry-day-officer-list")

    # A translator, who edits the form's translation, sees no enquiry.
    translator = sign_in(open_page("/admin/login/"), "browser-translator", PASSWORD)
    translator.goto(translator.url.rsplit("/admin/", 1)[0] + day["submissions"])
    translator.wait_for_load_state("networkidle")
    assert VISITOR not in translator.content()
    assert translator.url.endswith("/admin/")
