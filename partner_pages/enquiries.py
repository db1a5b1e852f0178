"""What an enquiry form does with a submission: keep it first, then tell people.

Bots are turned away by a honeypot field (hidden from people, filled in by
scripts) and by a limit on enquiries per sender and form, counted in the
database; both get a polite page, and a person who trips the limit keeps
what they typed.

The notification e-mail is never sent in the visitor's request: the enquiry
is stored with an `EnquiryNotification` saying it is pending, and the
`send_enquiry_notification` task sends it (in production from a queue in the
database, run by `manage.py db_worker --backend background`). One that fails
is recorded as failed, for `manage.py resend_enquiry_notifications`.

When the database refuses the enquiry (read-only), the visitor gets the form
back as they filled it in, with a message that says so (503), never an error.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import smtplib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.admin.mail import send_mail

from core.site_chrome import footer_for

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"
# A notification being sent is left alone this long; after it, an attempt that
# never finished (a worker killed mid-send) may be made again.
SENDING_LEASE = datetime.timedelta(minutes=5)
# Asked of a visitor whose enquiry the database could not take (503).
RETRY_AFTER_SECONDS = 300


class EnquiryCount(models.Model):
    """One enquiry counted against its sender's limit (see SubmissionRateLimit).

    In the database, not the cache: culling or clearing the cache must not
    reset anyone's count.
    """

    # The form's translation key: its three language versions share one count.
    form_key = models.UUIDField()
    # A keyed hash of the sender's address (an IPv6 address by its /64), not the address.
    sender = models.CharField(max_length=64)
    counted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["form_key", "sender", "counted_at"])]

    def __str__(self):
        return f"{self.form_key} {self.sender} {self.counted_at:%Y-%m-%d %H:%M}"


def sender_key(address):
    """A keyed hash of the sender's network: an IPv4 address, or an IPv6 address's /64.

    One IPv6 subscriber is usually given a whole /64; counting single addresses
    would let them send as many enquiries as they have addresses.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        if ip.version == 6 and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        network = str(ipaddress.ip_network(f"{ip}/64", strict=False) if ip.version == 6 else ip)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"enquiry-sender:{network}".encode(), hashlib.sha256).hexdigest()[:32]


class SubmissionRateLimit:
    """At most `submissions` enquiries per sender and form (all its languages) per `seconds`."""

    def __init__(self, page, request):
        limit = settings.ENQUIRY_RATE_LIMIT
        self.submissions, self.seconds = limit["submissions"], limit["seconds"]
        self.form_key = page.translation_key
        self.sender = sender_key(request.META.get("REMOTE_ADDR", ""))

    def admit(self):
        """Count this enquiry, then say whether it is within the limit.

        Increment, then check: every enquiry is committed before it counts the
        others, so however many arrive at once, only the first `submissions`
        see a count within the limit.
        """
        since = timezone.now() - datetime.timedelta(seconds=self.seconds)
        # Committed here, before counting (a savepoint inside an outer transaction,
        # so a refused write leaves the connection usable for the refusal page).
        with transaction.atomic():
            EnquiryCount.objects.filter(counted_at__lt=since).delete()
            EnquiryCount.objects.create(form_key=self.form_key, sender=self.sender)
        mine = EnquiryCount.objects.filter(
            form_key=self.form_key, sender=self.sender, counted_at__gte=since
        )
        return mine.count() <= self.submissions


class EnquiryNotification(models.Model):
    """Whether the notification e-mail of one enquiry has been sent.

    Made with the enquiry (a FormSubmission), in the same transaction, when
    the form has recipients: `pending` until a worker sends it, then `sent`,
    or `failed` with the error, for `manage.py resend_enquiry_notifications`.
    A `pending` one whose last attempt is older than SENDING_LEASE was
    abandoned (its worker stopped) and may be tried again.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"
        FAILED = "failed"

    submission = models.OneToOneField(
        "wagtailforms.FormSubmission", on_delete=models.CASCADE, related_name="notification"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return f"Notification of enquiry {self.submission_id}: {self.status}"

    @classmethod
    def unsent(cls):
        """Failed notifications, and pending ones nobody is sending (see SENDING_LEASE)."""
        abandoned = timezone.now() - SENDING_LEASE
        nobody_sending = Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=abandoned)
        return cls.objects.filter(
            Q(status=cls.Status.FAILED) | (Q(status=cls.Status.PENDING) & nobody_sending)
        )


def _claim(notification_id):
    """Take the notification for one attempt; False when it is sent or being sent."""
    claimed = (
        EnquiryNotification.unsent()
        .filter(pk=notification_id)
        .update(
            status=EnquiryNotification.Status.PENDING,
            last_attempt_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def deliver_notification(notification_id):
    """Send one enquiry's notification e-mail, unless it is sent or being sent.

    Returns the notification's status after the attempt (None: not attempted).
    """
    if not _claim(notification_id):
        return None
    notification = EnquiryNotification.objects.select_related("submission").get(pk=notification_id)
    submission = notification.submission
    record = EnquiryNotification.objects.filter(pk=notification_id)
    try:
        submission.page.specific.send_notification_mail(submission)
    except Exception as error:
        # SMTP errors, timeouts (OSError), no recipient left: all recorded the same way.
        record.update(status=EnquiryNotification.Status.FAILED, last_error=repr(error)[:500])
        logger.error(
            "Enquiry %s was saved, but its notification e-mail could not be sent (attempt %s): "
            "%r. `manage.py resend_enquiry_notifications` sends it again.",
            submission.pk,
            notification.attempts,
            error,
            exc_info=not isinstance(error, smtplib.SMTPException | OSError),
        )
        return EnquiryNotification.Status.FAILED
    record.update(status=EnquiryNotification.Status.SENT, sent_at=timezone.now(), last_error="")
    logger.info("Enquiry %s: notification e-mail sent", submission.pk)
    return EnquiryNotification.Status.SENT


@task(backend="background")
def send_enquiry_notification(notification_id):
    """The task that sends an enquiry's notification e-mail, outside the visitor's request."""
    return deliver_notification(notification_id)


def queue_notification(notification):
    """Hand the notification to the task queue; if that fails, it stays pending for a resend."""
    try:
        send_enquiry_notification.enqueue(notification.pk)
    except Exception:
        logger.exception(
            "Enquiry %s was saved, but its notification e-mail could not be queued. "
            "`manage.py resend_enquiry_notifications` sends it.",
            notification.submission_id,
        )


class EnquiryFormMixin:
    """Mixed into the enquiry form page ahead of Wagtail's AbstractEmailForm."""

    def get_form_class(self):
        form_class = super().get_form_class()
        honeypot = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return type("EnquiryForm", (form_class,), {HONEYPOT_FIELD: honeypot})

    def process_form_submission(self, form):
        """Store the enquiry, then queue its notification e-mail (never sent in the request).

        The enquiry and its pending notification are stored together, before
        anything is sent: if the e-mail fails, the enquiry is in the admin and
        the notification is marked for a resend. A DatabaseError means neither
        was stored.
        """
        data = {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
        with transaction.atomic():
            submission = self.get_submission_class().objects.create(form_data=data, page=self)
            notification = (
                EnquiryNotification.objects.create(submission=submission)
                if self.to_address
                else None
            )
        if notification is not None:
            queue_notification(notification)
        return submission

    def render_email(self, form):
        form.fields.pop(HONEYPOT_FIELD, None)
        return super().render_email(form)

    def stored_form(self, submission):
        """The form as the visitor sent it, rebuilt from the stored submission."""
        form = self.get_form(page=self, user=None)
        values = {}
        for name, field in form.fields.items():
            if name not in submission.form_data:
                continue
            value = submission.form_data[name]
            try:
                # Back from JSON: dates to dates, so the e-mail formats them as before.
                value = field.to_python(value)
            except ValidationError:
                pass
            values[name] = value
        form.cleaned_data = values
        return form

    def send_notification_mail(self, submission):
        """E-mail the stored enquiry to the form's recipients, in the form's language."""
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        if not addresses:
            raise ValueError("the form has no recipient address")
        with translation.override(self.locale.language_code):
            body = self.render_email(self.stored_form(submission))
        send_mail(self.subject, body, addresses, self.from_address)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)

        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if request.POST.get(HONEYPOT_FIELD):
            return self._refuse(
                request,
                form,
                _(
                    "Sorry, we could not accept this message. If you are a person, please "
                    "e-mail us instead."
                ),
                status=400,
            )
        if form.is_valid():
            try:
                admitted = SubmissionRateLimit(self, request).admit()
                submission = self.process_form_submission(form) if admitted else None
            except DatabaseError as error:
                # Read-only (or full) database: nothing was stored. Say so; keep the form.
                logger.warning(
                    "An enquiry to page %s was not stored: the database refused the write (%s)",
                    self.pk,
                    error,
                )
                response = self._refuse(request, form, self.cannot_receive_message(), status=503)
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            if not admitted:
                return self._refuse(
                    request,
                    form,
                    _(
                        "Thank you for your interest. We have received several messages from "
                        "you recently; please try again in an hour, or e-mail us."
                    ),
                    status=429,
                )
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def cannot_receive_message(self):
        """What a visitor reads when their enquiry could not be stored, with the site's address."""
        email = footer_for(self.locale.language_code).get("email")
        if not email:
            return _(
                "We could not receive your message right now. Please try again later, or e-mail us."
            )
        message = _(
            "We could not receive your message right now. Please try again later, "
            "or e-mail us at %(email)s."
        )
        link = format_html('<a href="mailto:{0}">{0}</a>', email)
        return mark_safe(conditional_escape(message) % {"email": link})  # noqa: S308

    def _refuse(self, request, form, message, status):
        context = self.get_context(request)
        context.update(form=form, refusal_message=message)
        return TemplateResponse(request, self.get_template(request), context, status=status)
