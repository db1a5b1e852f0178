"""The enquiry form: stored before any e-mail, bots turned away, editors read and export."""

import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from tests import factories

pytestmark = pytest.mark.django_db


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("Connection refused")


@pytest.fixture
def form_page(db):
    return factories.enquiry_form_page(thank_you_text="<p>Thank you for your idea.</p>")


def fields(page):
    return {field.label: field.clean_name for field in page.get_form_fields()}


def enquiry(page, **overrides):
    names = fields(page)
    data = {
        names["Your name"]: "Chan Tai Man",
        names["Your e-mail"]: "taiman@example.com",
        names["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }
    data.update(overrides)
    return data


def test_the_form_hides_its_honeypot_from_people(client, form_page):
    html = client.get(form_page.url).content.decode()
    honeypot = html.split('<div class="visually-hidden" aria-hidden="true">', 1)[1].split("</div>")[
        0
    ]
    assert 'name="website_url"' in honeypot
    assert "Leave this field empty" in honeypot
    assert 'tabindex="-1"' in honeypot


def test_a_valid_enquiry_is_stored_mailed_and_thanked_for(client, form_page):
    response = client.post(form_page.url, enquiry(form_page))
    assert response.status_code == 200
    assert "Thank you for your idea." in response.content.decode()
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()[fields(form_page)["Your name"]] == "Chan Tai Man"
    assert "website_url" not in submission.form_data
    assert len(mail.outbox) == 1
    assert "A joint workshop on optical networks." in mail.outbox[0].body
    assert "Leave this field empty" not in mail.outbox[0].body


def test_an_administrator_sees_and_exports_submissions_in_the_admin(
    client, admin_client, form_page
):
    client.post(form_page.url, enquiry(form_page))
    listing = admin_client.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))
    assert listing.status_code == 200
    assert "Chan Tai Man" in listing.content.decode()
    export = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[form_page.pk]), {"export": "csv"}
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    csv = (
        b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    )
    assert "Chan Tai Man" in csv
    assert "taiman@example.com" in csv


def test_a_filled_in_honeypot_is_refused_and_nothing_is_stored(client, form_page):
    response = client.post(form_page.url, enquiry(form_page, website_url="https://spam.example"))
    assert response.status_code == 400
    assert "we could not accept this message" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 3, "seconds": 3600})
def test_one_submission_too_many_from_an_address_is_refused_and_keeps_what_was_typed(
    client, form_page
):
    for _ in range(3):
        assert client.post(form_page.url, enquiry(form_page)).status_code == 200
    response = client.post(
        form_page.url, enquiry(form_page, **{fields(form_page)["Your name"]: "Lee"})
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "please try again in an hour" in html
    assert 'value="Lee"' in html
    assert FormSubmission.objects.count() == 3
    # Another address is not affected.
    other = client.post(form_page.url, enquiry(form_page), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200
    assert FormSubmission.objects.count() == 4


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
def test_invalid_forms_do_not_count_against_the_limit(client, form_page):
    invalid = client.post(form_page.url, enquiry(form_page, **{fields(form_page)["Your name"]: ""}))
    assert invalid.status_code == 200
    assert "This field is required." in invalid.content.decode()
    assert client.post(form_page.url, enquiry(form_page)).status_code == 200
    assert FormSubmission.objects.count() == 1


@override_settings(EMAIL_BACKEND="tests.test_enquiry_form.FailingEmailBackend")
def test_a_failing_mail_server_still_stores_the_enquiry_and_thanks_the_visitor(
    client, form_page, caplog
):
    response = client.post(form_page.url, enquiry(form_page))
    assert response.status_code == 200
    assert "Thank you for your idea." in response.content.decode()
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    assert "could not be sent" in caplog.text


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 2, "seconds": 3600})
def test_the_limit_counts_a_forms_three_languages_together(client, form_page, home_pages):
    chinese = factories.enquiry_form_page(
        parent=home_pages["zh-hant"],
        slug=form_page.slug,
        locale=Locale.objects.get(language_code="zh-hant"),
        translation_key=form_page.translation_key,
    )
    assert client.post(form_page.url, enquiry(form_page)).status_code == 200
    assert client.post(chinese.url, enquiry(chinese)).status_code == 200
    assert client.post(chinese.url, enquiry(chinese)).status_code == 429
    assert client.post(form_page.url, enquiry(form_page)).status_code == 429
    assert FormSubmission.objects.count() == 2


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
def test_ipv6_addresses_of_one_subscriber_share_a_count(client, form_page):
    # One IPv6 subscriber is given a whole /64; a new address from it is the same sender.
    first = client.post(form_page.url, enquiry(form_page), REMOTE_ADDR="2001:db8:1:2::10")
    again = client.post(form_page.url, enquiry(form_page), REMOTE_ADDR="2001:db8:1:2:ffff::1")
    other = client.post(form_page.url, enquiry(form_page), REMOTE_ADDR="2001:db8:1:3::10")
    assert [first.status_code, again.status_code, other.status_code] == [200, 429, 200]
    assert FormSubmission.objects.count() == 2


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
def test_emptying_the_cache_does_not_reset_the_count(client, form_page):
    assert client.post(form_page.url, enquiry(form_page)).status_code == 200
    cache.clear()
    assert client.post(form_page.url, enquiry(form_page)).status_code == 429
    assert FormSubmission.objects.count() == 1


@override_settings(ENQUIRY_RATE_LIMIT={"submissions": 1, "seconds": 3600})
def test_the_count_stores_no_address(client, form_page):
    from partner_pages.enquiries import EnquiryCount

    client.post(form_page.url, enquiry(form_page), REMOTE_ADDR="198.51.100.23")
    (count,) = EnquiryCount.objects.all()
    assert "198.51.100" not in count.sender
