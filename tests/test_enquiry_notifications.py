"""Enquiry notification e-mails go out through the task queue, never in the visitor's request.

Every enquiry is stored whatever the mail set-up; its notification is recorded
as pending, sent or failed, and `resend_enquiry_notifications` sends the
failed and abandoned ones once.
"""

import datetime
import logging
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from partner_pages import enquiries
from partner_pages.enquiries import EnquiryNotification
from tests import factories

pytestmark = pytest.mark.django_db

# production.py's queue: notifications wait in the database for `db_worker`.
QUEUED = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
Status = EnquiryNotification.Status


@pytest.fixture
def form_page(db):
    return factories.enquiry_form_page(thank_you_text="<p>Thank you for your idea.</p>")


def enquiry(page, **overrides):
    names = {field.label: field.clean_name for field in page.get_form_fields()}
    data = {
        names["Your name"]: "Chan Tai Man",
        names["Your e-mail"]: "taiman@example.com",
        names["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }
    data.update({names[label]: value for label, value in overrides.items()})
    return data


@pytest.fixture
def hung_smtp_server():
    """A mail server on loopback that accepts connections and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    listener.close()


def run_worker(monkeypatch):
    """`manage.py db_worker --backend background --batch`: run what is queued, then stop.

    The worker drops stale connections between tasks, as it should; here that
    would drop the test's own transaction, so it keeps it.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay")


def test_a_hung_mail_server_never_holds_the_visitor(
    client, form_page, hung_smtp_server, settings, monkeypatch, caplog
):
    port, connections_made = hung_smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_TIMEOUT = 10  # production's
    settings.TASKS = QUEUED
    assert client.get(form_page.url).status_code == 200  # templates loaded: time the POST alone

    started = time.monotonic()
    response = client.post(form_page.url, enquiry(form_page))
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert "Thank you for your idea." in response.content.decode()
    assert elapsed < 2, f"the visitor waited {elapsed:.1f} s"
    assert connections_made == []  # the request never even tried the mail server
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.notification.status == Status.PENDING
    assert DBTaskResult.objects.count() == 1

    # The worker meets the hung server: it gives up after EMAIL_TIMEOUT and says so.
    settings.EMAIL_TIMEOUT = 1
    with caplog.at_level(logging.ERROR, logger="partner_pages.enquiries"):
        run_worker(monkeypatch)
    notification = EnquiryNotification.objects.get()
    assert len(connections_made) == 1
    assert notification.status == Status.FAILED
    assert notification.attempts == 1
    assert "timed out" in notification.last_error
    assert f"Enquiry {submission.pk} was saved, but its notification" in caplog.text


def test_the_worker_sends_a_queued_notification_with_what_the_visitor_typed(
    client, form_page, settings, monkeypatch
):
    settings.TASKS = QUEUED
    client.post(form_page.url, enquiry(form_page))
    assert mail.outbox == []  # queued, not sent in the request
    run_worker(monkeypatch)
    (message,) = mail.outbox
    assert message.subject == "New enquiry"
    assert message.to == ["itdo@example.edu.hk"]
    assert message.from_email == "noreply@example.edu.hk"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "Your name: Chan Tai Man" in message.body
    assert "Your idea: A joint workshop on optical networks." in message.body
    assert "Leave this field empty" not in message.body
    notification = EnquiryNotification.objects.get()
    assert notification.status == Status.SENT
    assert notification.sent_at is not None


@pytest.mark.parametrize(
    ("set_up", "notification_status", "mails"),
    [
        ("no recipient", Status.NO_RECIPIENT, 0),
        ("working mail server", Status.SENT, 1),
        ("failing mail server", Status.FAILED, 0),
        ("through the queue", Status.PENDING, 0),
        ("queue down", Status.PENDING, 0),
    ],
)
def test_every_enquiry_is_stored_whatever_the_mail_set_up(
    client, form_page, settings, monkeypatch, caplog, set_up, notification_status, mails
):
    if set_up == "no recipient":
        form_page.to_address = ""
        form_page.save_revision().publish()
    elif set_up == "failing mail server":
        settings.EMAIL_BACKEND = "tests.test_enquiry_form.FailingEmailBackend"
    elif set_up == "through the queue":
        settings.TASKS = QUEUED
    elif set_up == "queue down":
        # Frozen dataclass: replace the task object the module enqueues through.
        task = enquiries.send_enquiry_notification
        monkeypatch.setattr(enquiries, "send_enquiry_notification", BrokenTask(task))

    with caplog.at_level(logging.WARNING, logger="partner_pages.enquiries"):
        response = client.post(form_page.url, enquiry(form_page))

    assert response.status_code == 200
    assert "Thank you for your idea." in response.content.decode()
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()[form_page.get_form_fields()[0].clean_name] == "Chan Tai Man"
    notification = EnquiryNotification.objects.get(submission=submission)
    assert notification.status == notification_status
    assert len(mail.outbox) == mails
    if set_up == "failing mail server":
        assert "could not be sent" in caplog.text
        assert "Connection refused" in notification.last_error
    if set_up == "queue down":
        assert "could not be queued" in caplog.text


class BrokenTask:
    """A task whose queue cannot be reached."""

    def __init__(self, task):
        self.task = task

    def enqueue(self, *args, **kwargs):
        raise ConnectionError("the queue is down")


def test_the_resend_command_sends_failed_and_abandoned_notifications_once(
    client, form_page, settings
):
    settings.EMAIL_BACKEND = "tests.test_enquiry_form.FailingEmailBackend"
    client.post(form_page.url, enquiry(form_page, **{"Your name": "First"}))
    with pytest.raises(CommandError, match="1 enquiry notification"):
        call_command("resend_enquiry_notifications")  # the server is still down
    settings.TASKS = QUEUED
    client.post(form_page.url, enquiry(form_page, **{"Your name": "Abandoned"}))
    client.post(form_page.url, enquiry(form_page, **{"Your name": "Being sent"}))
    abandoned, being_sent = EnquiryNotification.objects.filter(status=Status.PENDING).order_by("pk")
    a_while_ago = timezone.now() - enquiries.SENDING_LEASE - datetime.timedelta(minutes=1)
    EnquiryNotification.objects.filter(pk=abandoned.pk).update(last_attempt_at=a_while_ago)
    EnquiryNotification.objects.filter(pk=being_sent.pk).update(last_attempt_at=timezone.now())

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("resend_enquiry_notifications")
    call_command("resend_enquiry_notifications")  # nothing left: nothing sent twice

    sent_to = sorted(message.body.splitlines()[0] for message in mail.outbox)
    assert sent_to == ["Your name: Abandoned", "Your name: First"]
    statuses = dict(
        EnquiryNotification.objects.values_list("submission__form_data__your_name", "status")
    )
    assert statuses == {"First": "sent", "Abandoned": "sent", "Being sent": "pending"}
    assert EnquiryNotification.objects.get(pk=abandoned.pk).attempts == 1


def test_a_sent_notification_is_never_sent_again(client, form_page):
    client.post(form_page.url, enquiry(form_page))
    notification = EnquiryNotification.objects.get()
    assert notification.status == Status.SENT
    assert enquiries.deliver_notification(notification.pk) is None
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="tests.test_enquiry_form.FailingEmailBackend")
def test_a_failed_notification_is_logged_with_its_enquiry(client, form_page, caplog):
    with caplog.at_level(logging.ERROR, logger="partner_pages.enquiries"):
        client.post(form_page.url, enquiry(form_page))
    submission = FormSubmission.objects.get()
    assert f"Enquiry {submission.pk} was saved, but its notification e-mail could not be sent" in (
        caplog.text
    )
    assert "resend_enquiry_notifications" in caplog.text
    assert not any(record.exc_info for record in caplog.records)  # an outage, not a bug
