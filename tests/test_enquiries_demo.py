"""The seed's last line, "tell us your idea", reaches a person on the demo site.

From a partner page in Traditional Chinese to the demo's "Tell us your idea"
form about that partnership, stored against the English form in English
words, and mailed to ENQUIRY_NOTIFY_EMAIL; with nothing configured it is
still kept, marked as having no recipient, for an officer to read.
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.models import Page

from partner_pages.enquiries import EnquiryNotification, EnquirySubmission
from partner_pages.models import EnquiryFormPage
from tests.enquiry_fixtures import member_of

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def ask_about_alibaba(client, language="zh-hant"):
    """Follow the Alibaba page's "Ask about" link and send an idea through the form."""
    partner = Page.objects.get(slug="alibaba", locale__language_code=language)
    link = html(client.get(partner.url)).find(class_="enquiry-link").a["href"]
    form_page = EnquiryFormPage.objects.get(
        slug="tell-us-your-idea", locale__language_code=language
    )
    assert link == f"{form_page.url}?about={partner.pk}"
    form = html(client.get(link))
    assert partner.title in form.find(class_="enquiry-form__topic").get_text()

    fields = {f.label: f.clean_name for f in form_page.source_form().get_form_fields()}
    choice = form.find("select", attrs={"name": fields["You are interested in"]})("option")[0]
    response = client.post(
        form_page.url,
        {
            fields["Your name"]: "陳大文",
            fields["E-mail address"]: "taiman@example.com",
            fields["You are interested in"]: choice["value"],
            fields["Your idea"]: "大數據聯合研討會",
            "website_url": "",
            "about_page": form.find("input", attrs={"name": "about_page"})["value"],
        },
    )
    assert response.status_code == 200
    return partner, fields, choice


def test_an_idea_about_a_partnership_reaches_the_partnerships_office(demo_site, client, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = ["partnerships@example.edu.hk"]
    partner, fields, choice = ask_about_alibaba(client)
    assert choice.get_text() == "合作研究計劃"

    enquiry = EnquirySubmission.objects.get()
    assert enquiry.page.locale.language_code == "en"
    assert enquiry.language == "zh-hant"
    assert enquiry.topic_id == partner.pk
    assert enquiry.form_data[fields["You are interested in"]] == (
        "A collaborative research programme"
    )
    assert enquiry.notification.status == EnquiryNotification.Status.SENT
    (message,) = mail.outbox
    assert message.to == ["partnerships@example.edu.hk"]
    assert "大數據聯合研討會" in message.body


def test_with_nothing_configured_the_idea_is_kept_for_an_officer(
    demo_site, client, settings, django_user_model
):
    settings.ENQUIRY_NOTIFY_EMAIL = []
    ask_about_alibaba(client, language="zh-hans")
    enquiry = EnquirySubmission.objects.get()
    assert enquiry.notification.status == EnquiryNotification.Status.NO_RECIPIENT
    assert mail.outbox == []

    client.force_login(member_of(django_user_model, "Enquiry officers", "officer"))
    listing = client.get(reverse("wagtailforms:list_submissions", args=[enquiry.page_id]))
    row = html(listing).find("table", class_="listing").tbody.tr.get_text(" ", strip=True)
    assert "陳大文" in row
    assert "Simplified Chinese" in row
    assert "No recipient" in row
