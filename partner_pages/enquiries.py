"""What an enquiry form does with a submission: keep it first, then tell people.

Bots are turned away by a honeypot field (hidden from people, filled in by
scripts) and by a limit on enquiries per sender and form, counted in the
database; both get a polite page, and a person who trips the limit keeps
what they typed.

Every enquiry is stored (an `EnquirySubmission`) against the form's source,
its version in the default language, with the language the visitor wrote in
and the partner or programme page it is about (`?about=<page id>`): the
three language versions of a form share one list of submissions. Choice
answers are stored as the source's (English) choice, whatever language the
visitor saw them in.

Each enquiry notifies its recipients: `ENQUIRY_NOTIFY_EMAIL`, the form's own
"to" addresses, and the e-mail addresses of the contacts of the page it is
about. The e-mail is never sent in the visitor's request: the enquiry is
stored with an `EnquiryNotification` saying it is pending, and the
`send_enquiry_notification` task sends it (in production from a queue in the
database, run by `manage.py db_worker --backend background`). One that fails
is recorded as failed, one with nobody to send it to as having no recipient,
both for `manage.py resend_enquiry_notifications`.

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
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.admin.mail import send_mail
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.site_chrome import footer_for
from core.visibility import public

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"
# `?about=<page id>` in the form's address names the page an enquiry is about;
# the form carries it through the POST in a hidden input of its own name (an
# editor's form field could be called "About").
TOPIC_PARAMETER = "about"
TOPIC_FIELD = "about_page"
# What an enquiry can be about: a partnership or one of its programmes.
TOPIC_PAGE_TYPES = ("partner_pages.PartnerPage", "partner_pages.ProgrammePage")
# A notification being sent is left alone this long; after it, an attempt that
# never finished (a worker killed mid-send) may be made again.
SENDING_LEASE = datetime.timedelta(minutes=5)
# Asked of a visitor whose enquiry the database could not take (503).
RETRY_AFTER_SECONDS = 300
# Field types whose answers are one of the editor's choices.
CHOICE_FIELD_TYPES = {"dropdown", "multiselect", "radio", "checkboxes"}


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


class EnquirySubmission(FormSubmission):
    """One enquiry: Wagtail's form submission, with its visitor's language and its topic.

    A child of FormSubmission (one table more), so that everything that reads
    form submissions (Wagtail's views, the demo's reset) still finds it.
    Stored against the form's source page: see `EnquiryFormMixin.source_form`.
    """

    language = models.CharField(
        _("language"), max_length=15, help_text=_("The language the visitor wrote in.")
    )
    # A foreign key, so that the topic's title can be shown in each reader's
    # language; kept (empty) if that page is deleted: the enquiry stays.
    topic = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def get_data(self):
        """Wagtail's data, and the enquiry's own (the submissions list adds columns for them)."""
        notification = getattr(self, "notification", None)
        return {
            **super().get_data(),
            "language": self.language,
            "topic": self.topic,
            "notification": notification.status if notification else "",
        }


class EnquiryNotification(models.Model):
    """Whether the notification e-mail of one enquiry has been sent.

    Made with every enquiry, in the same transaction: `pending` until a
    worker sends it, then `sent`; or `failed` with the error, or
    `no_recipient` when nobody was configured to receive it. Those two are
    what `manage.py resend_enquiry_notifications` tries again. A `pending`
    one whose last attempt is older than SENDING_LEASE was abandoned (its
    worker stopped) and may be tried again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_RECIPIENT = "no_recipient", _("No recipient")

    submission = models.OneToOneField(
        "wagtailforms.FormSubmission", on_delete=models.CASCADE, related_name="notification"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
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
        """Failed and unaddressed notifications, and pending ones nobody is sending."""
        abandoned = timezone.now() - SENDING_LEASE
        nobody_sending = Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=abandoned)
        return cls.objects.filter(
            Q(status__in=[cls.Status.FAILED, cls.Status.NO_RECIPIENT])
            | (Q(status=cls.Status.PENDING) & nobody_sending)
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
    notification = EnquiryNotification.objects.get(pk=notification_id)
    record = EnquiryNotification.objects.filter(pk=notification_id)
    try:
        enquiry = EnquirySubmission.objects.select_related("page", "topic").get(
            pk=notification.submission_id
        )
        form_page = enquiry.page.specific
        recipients = form_page.notification_recipients(enquiry.topic)
        if recipients:
            form_page.send_notification_mail(enquiry, recipients)
    except Exception as error:
        # SMTP errors, timeouts (OSError), a bad address: all recorded the same way.
        record.update(status=EnquiryNotification.Status.FAILED, last_error=repr(error)[:500])
        logger.error(
            "Enquiry %s was saved, but its notification e-mail could not be sent (attempt %s): "
            "%r. `manage.py resend_enquiry_notifications` sends it again.",
            notification.submission_id,
            notification.attempts,
            error,
            exc_info=not isinstance(error, smtplib.SMTPException | OSError),
        )
        return EnquiryNotification.Status.FAILED
    if not recipients:
        record.update(status=EnquiryNotification.Status.NO_RECIPIENT, last_error="")
        log_no_recipient(enquiry)
        return EnquiryNotification.Status.NO_RECIPIENT
    record.update(status=EnquiryNotification.Status.SENT, sent_at=timezone.now(), last_error="")
    logger.info("Enquiry %s: notification e-mail sent", enquiry.pk)
    return EnquiryNotification.Status.SENT


def log_no_recipient(enquiry):
    logger.warning(
        "Enquiry %s was saved, but nobody is told of it: no ENQUIRY_NOTIFY_EMAIL, no "
        "address on the form and no contact on its topic. It waits in the admin (Forms); "
        "`manage.py resend_enquiry_notifications` sends it once a recipient is set.",
        enquiry.pk,
    )


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


# --- Recipients ---------------------------------------------------------------------


def split_addresses(text):
    return [address.strip() for address in (text or "").split(",") if address.strip()]


def unique_addresses(addresses):
    """The addresses in order, each once (compared without case)."""
    seen, unique = set(), []
    for address in addresses:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    return unique


def topic_contact_emails(topic):
    """The e-mail addresses of the contacts shown on a partner or programme page.

    A page's body lists contacts in its "contacts" blocks; a programme page
    also has its own contacts (`programme_contacts`). A contact's address is
    the same in every language (a synchronised field).
    """
    if topic is None:
        return []
    page = topic.specific
    contacts = []
    for block in getattr(page, "body", None) or []:
        if block.block_type == "contacts":
            contacts.extend(block.value.get("contacts") or [])
    links = getattr(page, "programme_contacts", None)
    if links is not None:
        contacts.extend(link.contact for link in links.select_related("contact"))
    return [contact.email for contact in contacts if contact is not None and contact.email]


# --- Choices stored in the source's words ---------------------------------------------


def choice_texts(field):
    """A form field's choices as the editor typed them, one per line (or comma)."""
    return [value for value, _label in FormBuilder(()).get_formatted_field_choices(field)]


def choice_pairs(field, source_field):
    """(stored value, label) for each choice of `field`: the source's words, `field`'s labels.

    Matched by position. If a translation has more or fewer choices than its
    source (a translator's mistake), its own labels are stored instead: a
    readable answer rather than a wrong one.
    """
    labels = choice_texts(field)
    values = choice_texts(source_field) if source_field is not None else labels
    if len(values) != len(labels):
        values = labels
    return list(zip(values, labels, strict=True))


class EnquiryFormBuilder(FormBuilder):
    """Wagtail's form builder, with choices whose values are the source form's choices.

    The visitor reads and picks the choices in their language; the form
    posts, validates and stores the source's (English) words.
    """

    def __init__(self, fields, source_fields=None):
        super().__init__(fields)
        self.source_fields = source_fields or {}

    def _pairs(self, field):
        return choice_pairs(field, self.source_fields.get(field.clean_name))

    def _to_values(self, field, labels):
        values = {label: value for value, label in self._pairs(field)}
        return [values.get(label, label) for label in labels]

    def get_formatted_field_choices(self, field):
        return self._pairs(field)

    def get_formatted_field_initial(self, field):
        return self._to_values(field, super().get_formatted_field_initial(field))

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in {"dropdown", "radio"} and options["initial"]:
            options["initial"] = self._to_values(field, [options["initial"].strip()])[0]
        return options

    def create_email_field(self, field, options):
        # Our own words, in our catalogue: Django's zh_Hans says 「输入一个有效的 Email 地址。」
        invalid = _("Enter a valid e-mail address, such as name@example.com.")
        return forms.EmailField(**options, error_messages={"invalid": invalid})


# --- The form page --------------------------------------------------------------------


def retention_period():
    """How long enquiries are kept (ENQUIRY_RETENTION_DAYS), in words: "2 years", "90 days"."""
    days = settings.ENQUIRY_RETENTION_DAYS
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


class EnquiryFormMixin:
    """Mixed into the enquiry form page ahead of Wagtail's AbstractEmailForm."""

    form_builder = EnquiryFormBuilder

    # --- One form in three languages

    def source_form(self):
        """The form's version in the default language, which holds every version's submissions.

        So an officer reads every enquiry in one list; a form with no version
        in the default language is its own source.
        """
        if self.pk is None or self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return self.version_in(settings.LANGUAGE_CODE) or self

    def version_in(self, language_code):
        """This form's translation into a language (None if it has none)."""
        if self.pk is not None and self.locale.language_code == language_code:
            return self
        return (
            type(self)
            .objects.filter(translation_key=self.translation_key)
            .filter(locale__language_code=language_code)
            .first()
        )

    def get_submission_class(self):
        return EnquirySubmission

    def get_submissions(self):
        return EnquirySubmission.objects.filter(page=self.source_form())

    def get_data_fields(self):
        submitted, *fields = super().get_data_fields()
        return [
            submitted,
            ("language", _("Language")),
            ("topic", _("About")),
            ("notification", _("Notification")),
            *fields,
        ]

    def get_submissions_list_view_class(self):
        # Imported here: the admin's views cannot be imported while models load.
        from .enquiry_views import EnquirySubmissionsListView

        return EnquirySubmissionsListView

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """A translation's submissions are its source's: go to that list (which checks access)."""
        source = self.source_form()
        if source.pk != self.pk:
            return redirect("wagtailforms:list_submissions", source.pk)
        return super().serve_submissions_list_view(request, *args, **kwargs)

    # --- The form

    def source_form_fields(self):
        """{clean name: field} of the source form, whose choices are the stored values."""
        source = self.source_form()
        fields = source.get_form_fields() if source is not self else self.get_form_fields()
        return {field.clean_name: field for field in fields}

    def get_form_class(self):
        builder = self.form_builder(self.get_form_fields(), self.source_form_fields())
        form_class = builder.get_form_class()
        for field in form_class.base_fields.values():
            # Inputs get `required` from Django; say it to assistive technology too
            # (not on radio buttons or a checkbox group: ARIA puts it on their group).
            multiple = isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            if field.required and not multiple:
                field.widget.attrs["aria-required"] = "true"
        honeypot = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        has_required_fields = any(field.required for field in form_class.base_fields.values())
        return type(
            "EnquiryForm",
            (form_class,),
            {HONEYPOT_FIELD: honeypot, "has_required_fields": has_required_fields},
        )

    def enquiry_topic(self, request):
        """The live partner or programme page this enquiry is about, in the form's language.

        From `?about=` on the form, then from the form's hidden field once it
        is posted. Anything else (not a number, not such a page, not live or
        not public) is ignored: the form works as if nothing had been given.
        """
        if not hasattr(request, "enquiry_topic"):
            if request.method == "POST":
                value = request.POST.get(TOPIC_FIELD, "")
            else:
                value = request.GET.get(TOPIC_PARAMETER, "")
            request.enquiry_topic = self.find_topic(value)
        return request.enquiry_topic

    def find_topic(self, value):
        try:
            page_id = int(value)
        except (TypeError, ValueError):
            return None
        if not 0 < page_id < 2**31:
            return None
        topics = Page.objects.live().public().type(*map(apps.get_model, TOPIC_PAGE_TYPES))
        topic = topics.filter(pk=page_id).first()
        if topic is None or topic.locale_id == self.locale_id:
            return topic
        # A page in another language: its version in the visitor's, when there is one.
        translated = topics.filter(translation_key=topic.translation_key, locale=self.locale)
        return translated.first() or topic

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            enquiry_topic=self.enquiry_topic(request),
            topic_field=TOPIC_FIELD,
            privacy_contact=self.privacy_contact_email(),
            retention_period=retention_period(),
        )
        return context

    def privacy_contact_email(self):
        """Where the statement sends requests to see or correct personal data.

        The form's first recipient, else the site's enquiry address, else the
        footer's e-mail address (empty: the statement names no address).
        """
        addresses = [
            *split_addresses(self.to_address),
            *settings.ENQUIRY_NOTIFY_EMAIL,
            footer_for(self.locale.language_code).get("email") or "",
        ]
        return next((address for address in addresses if address), "")

    # --- Storing and notifying

    def notification_recipients(self, topic=None):
        """Who is told of an enquiry: the site's address, the form's, the topic's contacts."""
        return unique_addresses(
            [
                *settings.ENQUIRY_NOTIFY_EMAIL,
                *split_addresses(self.to_address),
                *topic_contact_emails(topic),
            ]
        )

    def process_form_submission(self, form, topic=None):
        """Store the enquiry, then queue its notification e-mail (never sent in the request).

        The enquiry and its notification are stored together, before anything
        is sent, whoever is (or is not) to be told: if the e-mail fails, the
        enquiry is in the admin and the notification is marked for a resend;
        with no recipient at all, it is marked so. A DatabaseError means
        neither was stored.
        """
        data = {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
        source = self.source_form()
        recipients = source.notification_recipients(topic)
        Status = EnquiryNotification.Status
        with transaction.atomic():
            submission = EnquirySubmission.objects.create(
                form_data=data, page=source, language=self.locale.language_code, topic=topic
            )
            notification = EnquiryNotification.objects.create(
                submission=submission,
                status=Status.PENDING if recipients else Status.NO_RECIPIENT,
            )
        if recipients:
            queue_notification(notification)
        else:
            log_no_recipient(submission)
        return submission

    def render_email(self, form):
        form.fields.pop(HONEYPOT_FIELD, None)
        # Choices were stored in the source's words: mail them in the form's.
        for name, field in form.fields.items():
            labels = dict(getattr(field, "choices", None) or ())
            if labels and name in form.cleaned_data:
                value = form.cleaned_data[name]
                form.cleaned_data[name] = (
                    [labels.get(item, item) for item in value]
                    if isinstance(value, list)
                    else labels.get(value, value)
                )
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

    def send_notification_mail(self, enquiry, recipients):
        """E-mail a stored enquiry, in the language and words of the form the visitor used."""
        version = self.version_in(enquiry.language) or self
        list_url = settings.WAGTAILADMIN_BASE_URL + reverse(
            "wagtailforms:list_submissions", args=[self.pk]
        )
        with translation.override(enquiry.language):
            # Each label its own gettext call (makemessages cannot read one in an f-string).
            about = [(gettext("Language"), language_name(enquiry.language))]
            if enquiry.topic is not None:
                topic_url = enquiry.topic.get_full_url() or ""
                about.append((gettext("About"), f"{enquiry.topic.title} {topic_url}".rstrip()))
            about.append((gettext("Every enquiry to this form"), list_url))
            body = version.render_email(version.stored_form(enquiry))
        lines = [body, "", *(f"{label}: {value}" for label, value in about)]
        send_mail(version.subject or self.subject, "\n".join(lines), recipients, self.from_address)

    # --- Serving

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)

        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if request.POST.get(HONEYPOT_FIELD):
            return self._refuse(
                request,
                form,
                self.with_contact_address(
                    _("Sorry, we could not accept this message."),
                    _(
                        "Sorry, we could not accept this message. If you are a person, please "
                        "e-mail us at %(email)s instead."
                    ),
                ),
                status=400,
            )
        if form.is_valid():
            try:
                admitted = SubmissionRateLimit(self, request).admit()
                submission = (
                    self.process_form_submission(form, topic=self.enquiry_topic(request))
                    if admitted
                    else None
                )
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
                    self.with_contact_address(
                        _(
                            "Thank you for your interest. We have received several messages from "
                            "you recently; please try again in an hour."
                        ),
                        _(
                            "Thank you for your interest. We have received several messages from "
                            "you recently; please try again in an hour, or e-mail us at %(email)s."
                        ),
                    ),
                    status=429,
                )
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def cannot_receive_message(self):
        """What a visitor reads when their enquiry could not be stored, with the site's address."""
        return self.with_contact_address(
            _("We could not receive your message right now. Please try again later."),
            _(
                "We could not receive your message right now. Please try again later, "
                "or e-mail us at %(email)s."
            ),
        )

    def with_contact_address(self, without_address, with_address):
        """A notice that asks the visitor to e-mail us, with our address as a mailto link.

        The footer's address (the one every page shows), else the privacy
        statement's (shown on this form already). With neither, the notice
        that does not ask for an e-mail: never "e-mail us" without an address.
        """
        email = footer_for(self.locale.language_code).get("email") or self.privacy_contact_email()
        if not email:
            return without_address
        link = format_html('<a href="mailto:{0}">{0}</a>', email)
        return mark_safe(conditional_escape(with_address) % {"email": link})  # noqa: S308

    def _refuse(self, request, form, message, status):
        context = self.get_context(request)
        context.update(form=form, refusal_message=message)
        return TemplateResponse(request, self.get_template(request), context, status=status)


def language_name(language_code):
    """A language's own name for itself: "English", "繁體中文", "简体中文"."""
    try:
        return translation.get_language_info(language_code)["name_local"]
    except KeyError:
        return language_code


# --- The enquiry form of each language, for "Ask about this partnership" ---------------

ENQUIRY_FORMS_KEY = "site-data:enquiry-forms"
ENQUIRY_FORMS_SECONDS = 60 * 60 * 24


def enquiry_form_url(language_code):
    """The address of the first live, public enquiry form in a language ("" if none).

    Kept in the cache (dropped whenever a page is published, unpublished,
    moved or deleted), so that partner and programme pages pay no query for
    their "Ask about" link.
    """
    urls = cache.get(ENQUIRY_FORMS_KEY)
    if urls is None:
        urls = {}
        forms_by_path = public(
            apps.get_model("partner_pages", "EnquiryFormPage")
            .objects.live()
            .select_related("locale")
            .order_by("path")
        )
        for form_page in forms_by_path:
            code = form_page.locale.language_code
            if code not in urls:
                with translation.override(code):
                    urls[code] = form_page.get_url() or ""
        cache.set(ENQUIRY_FORMS_KEY, urls, ENQUIRY_FORMS_SECONDS)
    return urls.get(language_code, "")


def forget_enquiry_forms(**_kwargs):
    cache.delete(ENQUIRY_FORMS_KEY)


for page_signal in (page_published, page_unpublished, post_page_move):
    page_signal.connect(forget_enquiry_forms, dispatch_uid=f"enquiry-forms-{page_signal}")
post_delete.connect(forget_enquiry_forms, sender=Page, dispatch_uid="enquiry-forms-page-delete")
post_save.connect(forget_enquiry_forms, sender=Site, dispatch_uid="enquiry-forms-site")


# --- A production site whose enquiries reach nobody -------------------------------------


@checks.register("enquiries", deploy=True)
def check_enquiry_recipients(app_configs=None, **kwargs):
    """`check --deploy` warns (never refuses) when no address is told of every enquiry.

    A deploy check: in development and the tests an enquiry with no
    recipient is normal (it is stored and marked "no recipient"); a
    production site without ENQUIRY_NOTIFY_EMAIL relies on every form
    having its own address, which nothing guarantees.
    """
    addresses = getattr(settings, "ENQUIRY_NOTIFY_EMAIL", [])
    if not addresses:
        return [
            checks.Warning(
                "ENQUIRY_NOTIFY_EMAIL is empty: an enquiry to a form without its own 'to' "
                "address, about no page with contacts, notifies nobody (it is stored and "
                "waits in the admin, marked 'no recipient').",
                hint="Set ENQUIRY_NOTIFY_EMAIL to the partnerships office's address(es), "
                "comma-separated.",
                id="partner_pages.W001",
            )
        ]
    problems = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            problems.append(
                checks.Warning(
                    f"ENQUIRY_NOTIFY_EMAIL has {address!r}, which is not an e-mail address: "
                    "every notification to it will fail.",
                    id="partner_pages.W002",
                )
            )
    return problems
