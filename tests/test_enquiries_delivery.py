"""Every enquiry reaches a person, or is kept and marked until one is set.

Recipients: ENQUIRY_NOTIFY_EMAIL, the form's own addresses, the contacts of
the page the enquiry is about. Whatever the mail set-up (nobody to tell, a
mail server that fails, the queue) the enquiry is stored and its
notification says where it stands; `resend_enquiry_notifications` sends
what is left once it can.
"""

import secrets

import pytest
from django.core import checks, mail
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from partner_pages.enquiries import EnquiryNotification, EnquirySubmission
from tests.enquiry_fixtures import english_form, enquiry, partner_with_contact
from tests.test_enquiry_notifications import QUEUED, run_worker
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

Status = EnquiryNotification.Status
OFFICE = "partnerships@example.edu.hk"


@pytest.fixture
def nobody_to_tell(settings):
    settings.ENQUIRY_NOTIFY_EMAIL = []
    return english_form(to_address="")


def the_enquiry():
    submission = EnquirySubmission.objects.get()
    return submission, EnquiryNotification.objects.get(submission=submission)


def test_with_no_recipient_at_all_the_enquiry_is_kept_and_marked(client, nobody_to_tell, caplog):
    response = client.post(nobody_to_tell.url, enquiry(nobody_to_tell))
    assert response.status_code == 200
    submission, notification = the_enquiry()
    assert submission.form_data["your_name"] == "Chan Tai Man"
    assert notification.status == Status.NO_RECIPIENT
    assert mail.outbox == []
    assert "nobody is told of it" in caplog.text


def test_with_a_failing_mail_server_the_enquiry_is_kept_and_marked(client, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    settings.EMAIL_BACKEND = "tests.test_enquiry_form.FailingEmailBackend"
    page = english_form(to_address="")
    response = client.post(page.url, enquiry(page))
    assert response.status_code == 200
    submission, notification = the_enquiry()
    assert submission.form_data["your_name"] == "Chan Tai Man"
    assert notification.status == Status.FAILED
    assert "Connection refused" in notification.last_error
    assert mail.outbox == []


def test_through_the_queue_the_enquiry_is_kept_then_sent_to_the_sites_address(
    client, settings, monkeypatch
):
    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    settings.TASKS = QUEUED
    page = english_form(to_address="")
    response = client.post(page.url, enquiry(page))
    assert response.status_code == 200
    submission, notification = the_enquiry()
    assert notification.status == Status.PENDING
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    run_worker(monkeypatch)
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    (message,) = mail.outbox
    assert message.to == [OFFICE]
    assert "Your name: Chan Tai Man" in message.body
    assert "Language: English" in message.body
    assert f"/admin/forms/submissions/{page.pk}/" in message.body


def test_every_recipient_is_told_once(client, settings):
    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE, "itdo@example.edu.hk"]
    partner = partner_with_contact(email="ITDO@example.edu.hk")
    page = english_form(to_address="itdo@example.edu.hk, karen@example.edu.hk")
    client.post(page.url, {**enquiry(page), "about_page": partner.pk})
    (message,) = mail.outbox
    assert message.to == [OFFICE, "itdo@example.edu.hk", "karen@example.edu.hk"]


def test_a_failed_notification_is_resent_by_the_command_to_the_topics_contacts_too(
    client, settings
):
    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    settings.EMAIL_BACKEND = "tests.test_enquiry_form.FailingEmailBackend"
    partner = partner_with_contact()
    page = english_form(to_address="")
    client.post(page.url, {**enquiry(page), "about_page": partner.pk})
    _submission, notification = the_enquiry()
    assert notification.status == Status.FAILED
    with pytest.raises(CommandError, match="1 enquiry notification"):
        call_command("resend_enquiry_notifications")  # still down

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("resend_enquiry_notifications")
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 3
    (message,) = mail.outbox
    assert sorted(message.to) == ["karen.jiang@example.edu.hk", OFFICE]
    assert f"About: {partner.title}" in message.body
    call_command("resend_enquiry_notifications")  # nothing left to send
    assert len(mail.outbox) == 1


def test_an_enquiry_with_no_recipient_is_sent_once_one_is_set(client, nobody_to_tell, settings):
    client.post(nobody_to_tell.url, enquiry(nobody_to_tell))
    with pytest.raises(CommandError, match="have no recipient: set ENQUIRY_NOTIFY_EMAIL"):
        call_command("resend_enquiry_notifications")
    _submission, notification = the_enquiry()
    assert notification.status == Status.NO_RECIPIENT
    assert mail.outbox == []

    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    call_command("resend_enquiry_notifications")
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert mail.outbox[0].to == [OFFICE]


def test_a_chinese_enquiry_is_mailed_in_chinese_with_its_language(client, settings):
    from tests.enquiry_fixtures import translate_form

    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    english = english_form(to_address="")
    chinese = translate_form(english, "zh-hant")
    client.post(chinese.url, enquiry(chinese, **{"Your name": "陳大文"}))
    (message,) = mail.outbox
    assert "您的姓名: 陳大文" in message.body
    assert "您感興趣的是: 合作研究計劃" in message.body
    assert "繁體中文" in message.body


# --- The deploy check ----------------------------------------------------------------


def enquiry_warnings():
    return [
        message.id
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id and message.id.startswith("partner_pages.")
    ]


def test_check_deploy_warns_when_no_address_is_told_of_every_enquiry(settings):
    settings.ENQUIRY_NOTIFY_EMAIL = []
    assert enquiry_warnings() == ["partner_pages.W001"]
    settings.ENQUIRY_NOTIFY_EMAIL = ["partnerships"]
    assert enquiry_warnings() == ["partner_pages.W002"]
    settings.ENQUIRY_NOTIFY_EMAIL = [OFFICE]
    assert enquiry_warnings() == []
    # Not outside `check --deploy`: development and the tests need no address.
    settings.ENQUIRY_NOTIFY_EMAIL = []
    assert not [m for m in checks.run_checks() if (m.id or "").startswith("partner_pages.")]


def test_production_starts_without_an_enquiry_address_and_says_so():
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="partners.example.edu",
        ENQUIRY_NOTIFY_EMAIL="",
    )
    assert result.returncode == 0, result.stderr  # a warning, not a refusal
    assert "partner_pages.W001" in result.stderr + result.stdout
