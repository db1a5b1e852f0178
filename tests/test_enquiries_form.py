"""What a visitor sees on an enquiry form: the privacy statement, required fields, the topic.

And what is stored: the answers to choices in English whatever the form's
language, the visitor's language, the page the enquiry is about.
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage
from partner_pages.enquiries import EnquirySubmission
from partner_pages.models import ProgrammeContact
from tests import factories
from tests.enquiry_fixtures import (
    english_form,
    enquiry,
    form_in_three_languages,
    names,
    partner_with_contact,
)

pytestmark = pytest.mark.django_db

STATEMENT_HEADINGS = {
    "en": "Personal information collection statement",
    "zh-hant": "收集個人資料聲明",
    "zh-hans": "个人信息收集声明",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def statement(page_soup):
    return page_soup.find("section", class_="privacy-statement")


# --- Personal information collection statement ---------------------------------------


def test_the_standard_statement_is_on_the_form_in_each_language_above_the_send_button(
    client, settings
):
    settings.ENQUIRY_RETENTION_DAYS = 730
    forms = form_in_three_languages(to_address="itdo@example.edu.hk")
    for code, page in forms.items():
        html = soup(client.get(page.url))
        section = statement(html)
        assert section is not None, code
        with translation.override(code):
            heading = translation.gettext("Personal information collection statement")
        assert section.h2.get_text() == heading
        # Where to ask for access or correction: the form's own recipient.
        assert section.find("a", href="mailto:itdo@example.edu.hk")
        # Read before sending: inside the form, before the button.
        assert section.find_parent("form", class_="enquiry-form") is not None
        assert section.find_next("button", type="submit") is not None
    english = statement(soup(client.get(forms["en"].url))).get_text(" ", strip=True)
    assert "to handle your enquiry and to follow up with you on possible collaboration" in english
    assert "Only the University's staff who handle industry partnerships see it." in english
    assert "We keep it for 2 years, then delete it." in english
    assert "Personal Data (Privacy) Ordinance" in english
    assert "Data Protection Officer at itdo@example.edu.hk" in english


def test_the_standard_statement_is_translated(client):
    # The Chinese wording comes from the interface translations (locale/): once they are
    # compiled, each Chinese form says it in its own script.
    forms = form_in_three_languages()
    for code, page in forms.items():
        with translation.override(code):
            expected = translation.gettext("Personal information collection statement")
        if code != "en" and expected == STATEMENT_HEADINGS["en"]:
            pytest.skip("the interface translations of the statement are not compiled yet")
        assert statement(soup(client.get(page.url))).h2.get_text() == STATEMENT_HEADINGS[code]


def test_a_forms_own_statement_replaces_the_standard_one_in_each_language(client):
    forms = form_in_three_languages()
    own = {
        "en": "<p>We use your details to reply to you. Ask ITDO to see them.</p>",
        "zh-hant": "<p>我們只會用您的資料回覆您。如欲查閱，請聯絡ITDO。</p>",
        "zh-hans": "<p>我们只会用您的资料回复您。如欲查阅，请联络ITDO。</p>",
    }
    for code, page in forms.items():
        page.privacy_statement = own[code]
        page.save_revision().publish()
    for code, page in forms.items():
        section = statement(soup(client.get(page.url)))
        text = section.get_text()
        assert BeautifulSoup(own[code], "html.parser").get_text() in text
        assert "Data Protection Officer" not in text


def test_without_any_address_the_statement_names_the_data_protection_officer(client, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = []
    page = english_form(to_address="")
    section = statement(soup(client.get(page.url)))
    assert "the University's Data Protection Officer" in section.get_text()
    assert section.find("a") is None


def test_the_statement_says_how_long_enquiries_are_kept(client, settings):
    settings.ENQUIRY_RETENTION_DAYS = 90
    page = english_form()
    assert "We keep it for 90 days, then delete it." in statement(
        soup(client.get(page.url))
    ).get_text(" ", strip=True)


# --- Required fields -----------------------------------------------------------------------


def test_required_fields_are_marked_before_any_error(client):
    page = english_form()
    html = soup(client.get(page.url))
    form = html.find("form", class_="enquiry-form")
    assert "Fields marked * are required." in form.find(class_="enquiry-form__legend").get_text()
    assert form.find(class_="errorlist") is None  # nothing has been sent yet
    fields = names(page)

    name_label = form.find("label", attrs={"for": f"id_{fields['Your name']}"})
    assert name_label.find(class_="required-marker", attrs={"aria-hidden": "true"}).text == "*"
    assert name_label.find(class_="visually-hidden").get_text(strip=True) == "(required)"
    name_input = form.find("input", attrs={"name": fields["Your name"]})
    assert name_input.has_attr("required")
    assert name_input["aria-required"] == "true"
    idea = form.find("textarea", attrs={"name": fields["Your idea"]})
    assert idea.has_attr("required") and idea["aria-required"] == "true"
    dropdown = form.find("select", attrs={"name": fields["You are interested in"]})
    assert dropdown["aria-required"] == "true"

    # An optional group of checkboxes: a legend without a marker, no required input.
    topics = form.find("input", attrs={"name": fields["Topics"]}).find_parent("fieldset")
    assert topics.legend.get_text(strip=True) == "Topics"
    assert topics.find(class_="required-marker") is None
    assert not any(box.has_attr("required") for box in topics.find_all("input"))


def test_a_form_with_no_required_field_has_no_legend(client):
    page = factories.EnquiryFormPageFactory(parent=HomePage.in_language("en"))
    factories.EnquiryFormFieldFactory(page=page, label="Anything else?", required=False)
    html = soup(client.get(page.url))
    assert html.find(class_="enquiry-form__legend") is None
    assert html.find(class_="required-marker") is None


# --- Choices: stored in English, shown in the visitor's language ---------------------------


def test_a_chinese_visitors_choice_is_stored_in_english(client):
    forms = form_in_three_languages()
    chinese = forms["zh-hant"]
    fields = names(chinese)
    html = soup(client.get(chinese.url))
    options = {
        option.get_text(): option["value"]
        for option in html.find("select", attrs={"name": fields["You are interested in"]})("option")
    }
    assert options["教研人員交流"] == "A faculty exchange"

    response = client.post(
        chinese.url,
        enquiry(
            chinese,
            **{"You are interested in": options["教研人員交流"], "Topics": ["Cloud computing"]},
        ),
    )
    assert response.status_code == 200
    submission = EnquirySubmission.objects.get()
    assert submission.form_data[fields["You are interested in"]] == "A faculty exchange"
    assert submission.form_data[fields["Topics"]] == ["Cloud computing"]
    assert submission.language == "zh-hant"
    # The visitor's own words in the notification: the form they used, in their language.
    (message,) = mail.outbox
    assert "您感興趣的是: 教研人員交流" in message.body
    assert "題目: 雲計算" in message.body
    assert "A faculty exchange" not in message.body


def test_a_translated_label_cannot_be_posted_as_an_answer(client):
    chinese = form_in_three_languages()["zh-hans"]
    response = client.post(chinese.url, enquiry(chinese, **{"You are interested in": "其他"}))
    assert response.status_code == 200
    assert not EnquirySubmission.objects.exists()
    assert soup(response).find(class_="errorlist") is not None


# --- ?about=: an enquiry about a partnership or a programme --------------------------------


@pytest.fixture
def partner():
    return partner_with_contact(title="Alibaba – PolyU Big Data & Cloud Computing")


def test_the_topic_is_shown_kept_through_errors_and_recorded(client, partner, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = ["partnerships@example.edu.hk"]
    page = english_form(to_address="itdo@example.edu.hk")
    html = soup(client.get(f"{page.url}?about={partner.pk}"))
    topic = html.find(class_="enquiry-form__topic")
    assert topic.get_text() == "Your enquiry is about: Alibaba – PolyU Big Data & Cloud Computing"
    assert html.find("input", attrs={"name": "about_page"})["value"] == str(partner.pk)

    # A mistake in the form: the topic is still there.
    fields = names(page)
    invalid = client.post(
        page.url, {**enquiry(page, **{"Your name": ""}), "about_page": partner.pk}
    )
    invalid_html = soup(invalid)
    assert invalid_html.find(class_="errorlist") is not None
    assert "Alibaba – PolyU" in invalid_html.find(class_="enquiry-form__topic").get_text()
    assert invalid_html.find("input", attrs={"name": "about_page"})["value"] == str(partner.pk)
    assert not EnquirySubmission.objects.exists()

    sent = client.post(page.url, {**enquiry(page), "about_page": partner.pk})
    assert sent.status_code == 200
    submission = EnquirySubmission.objects.get()
    assert submission.topic_id == partner.pk
    assert "about_page" not in submission.form_data
    assert fields["Your name"] in submission.form_data
    # The partner page's contact is told, with the site's and the form's addresses.
    (message,) = mail.outbox
    assert sorted(message.to) == [
        "itdo@example.edu.hk",
        "karen.jiang@example.edu.hk",
        "partnerships@example.edu.hk",
    ]
    assert "About: Alibaba – PolyU Big Data & Cloud Computing" in message.body


def test_a_programmes_contacts_are_told_of_an_enquiry_about_it(client, partner):
    programme = factories.ProgrammePageFactory(parent=partner, title="Alibaba Innovative Research")
    ProgrammeContact.objects.create(
        page=programme,
        contact=factories.ContactFactory(name="Victor Zhao", email="victor.zhao@example.edu.hk"),
    )
    page = english_form(to_address="")
    html = soup(client.get(f"{page.url}?about={programme.pk}"))
    assert "Alibaba Innovative Research" in html.find(class_="enquiry-form__topic").get_text()
    client.post(page.url, {**enquiry(page), "about_page": programme.pk})
    assert EnquirySubmission.objects.get().topic_id == programme.pk
    (message,) = mail.outbox
    assert message.to == ["victor.zhao@example.edu.hk"]


def test_the_topic_is_shown_in_the_visitors_language(client, partner):
    chinese_partner = partner.copy_for_translation(
        Locale.objects.get(language_code="zh-hant"), copy_parents=True
    )
    chinese_partner.title = "阿里巴巴 – 理大大數據及雲計算"
    chinese_partner.save_revision().publish()
    chinese_form = form_in_three_languages()["zh-hant"]
    # The English page's number, on the Chinese form: the Chinese title.
    html = soup(client.get(f"{chinese_form.url}?about={partner.pk}"))
    assert "阿里巴巴 – 理大大數據及雲計算" in html.find(class_="enquiry-form__topic").get_text()


@pytest.mark.parametrize(
    "about",
    ["nonsense", "-3", "0", "99999999999999999999", "99999", "home", "draft", "private", ""],
)
def test_an_about_that_is_not_a_live_partner_or_programme_is_ignored(client, partner, about):
    page = english_form()
    home = page.get_parent()
    draft = factories.PartnerPageFactory(parent=partner.get_parent(), live=False)
    private = factories.PartnerPageFactory(parent=partner.get_parent())
    private.view_restrictions.create(restriction_type="password", password="secret")
    about = {"home": home.pk, "draft": draft.pk, "private": private.pk}.get(about, about)

    html = soup(client.get(f"{page.url}?about={about}"))
    assert html.find(class_="enquiry-form__topic") is None
    assert html.find("input", attrs={"name": "about_page"}) is None
    response = client.post(page.url, {**enquiry(page), "about_page": about})
    assert response.status_code == 200
    assert EnquirySubmission.objects.get().topic is None
    (message,) = mail.outbox
    assert message.to == ["itdo@example.edu.hk"]


# --- "Ask about this partnership" ------------------------------------------------------------


def test_partner_and_programme_pages_link_to_the_form_in_their_language(client, partner):
    page = english_form()
    programme = factories.ProgrammePageFactory(parent=partner)
    partner_link = soup(client.get(partner.url)).find("a", string="Ask about this partnership")
    assert partner_link["href"] == f"{page.url}?about={partner.pk}"
    programme_link = soup(client.get(programme.url)).find("a", string="Ask about this programme")
    assert programme_link["href"] == f"{page.url}?about={programme.pk}"

    html = soup(client.get(partner_link["href"]))
    assert partner.title in html.find(class_="enquiry-form__topic").get_text()


def test_without_a_form_in_the_pages_language_there_is_no_link(client, partner, settings):
    # Through the page cache: a form's publish refreshes every page that may link to it.
    settings.PAGE_CACHE_ENABLED = True
    chinese_only = factories.EnquiryFormPageFactory(
        parent=HomePage.in_language("zh-hant"),
        locale=Locale.objects.get(language_code="zh-hant"),
    )
    assert chinese_only.live
    assert soup(client.get(partner.url)).find(class_="enquiry-link") is None
    assert client.get(partner.url)["X-Page-Cache"] == "hit"
    # Publishing an English form shows the link (the cached lookup is dropped on publish).
    english = english_form()
    english.save_revision().publish()
    link = soup(client.get(partner.url)).find(class_="enquiry-link")
    assert link.a["href"].startswith(english.url)
