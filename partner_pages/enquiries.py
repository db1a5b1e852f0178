"""What an enquiry form does with a submission: keep it first, then tell people.

Bots are turned away by a honeypot field (hidden from people, filled in by
scripts) and by a limit on enquiries per sender and form, counted in the
database; both get a polite page, and a person who trips the limit keeps
what they typed.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import smtplib

from django import forms
from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"


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
        EnquiryCount.objects.filter(counted_at__lt=since).delete()
        EnquiryCount.objects.create(form_key=self.form_key, sender=self.sender)
        mine = EnquiryCount.objects.filter(
            form_key=self.form_key, sender=self.sender, counted_at__gte=since
        )
        return mine.count() <= self.submissions


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
        # Store first: if the e-mail fails, the enquiry is still in the admin.
        data = {name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD}
        submission = self.get_submission_class().objects.create(form_data=data, page=self)
        if self.to_address:
            try:
                self.send_mail(form)
            except (smtplib.SMTPException, OSError):
                logger.exception(
                    "Enquiry %s was saved, but its notification e-mail could not be sent",
                    submission.pk,
                )
        return submission

    def render_email(self, form):
        form.fields.pop(HONEYPOT_FIELD, None)
        return super().render_email(form)

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
            if not SubmissionRateLimit(self, request).admit():
                return self._refuse(
                    request,
                    form,
                    _(
                        "Thank you for your interest. We have received several messages from "
                        "you recently; please try again in an hour, or e-mail us."
                    ),
                    status=429,
                )
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def _refuse(self, request, form, message, status):
        context = self.get_context(request)
        context.update(form=form, refusal_message=message)
        return TemplateResponse(request, self.get_template(request), context, status=status)
