"""What an enquiry form does with a submission: keep it first, then tell people.

Bots are turned away by a honeypot field (hidden from people, filled in by
scripts) and by a limit on submissions per address; both get a polite page,
and a person who trips the limit keeps what they typed.
"""

import hashlib
import logging
import smtplib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_url"


class SubmissionRateLimit:
    """At most `submissions` stored submissions per client address per `seconds`."""

    def __init__(self, page, request):
        limit = settings.ENQUIRY_RATE_LIMIT
        self.submissions, self.seconds = limit["submissions"], limit["seconds"]
        address = request.META.get("REMOTE_ADDR", "")
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
        self.key = f"enquiry-rate:{page.pk}:{digest}"

    def exceeded(self):
        return cache.get(self.key, 0) >= self.submissions

    def record(self):
        if cache.add(self.key, 1, timeout=self.seconds):
            return
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add() and incr()
            cache.add(self.key, 1, timeout=self.seconds)


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
        rate_limit = SubmissionRateLimit(self, request)
        if rate_limit.exceeded():
            return self._refuse(
                request,
                form,
                _(
                    "Thank you for your interest. We have received several messages from you "
                    "recently; please try again in an hour, or e-mail us."
                ),
                status=429,
            )
        if form.is_valid():
            submission = self.process_form_submission(form)
            rate_limit.record()
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def _refuse(self, request, form, message, status):
        context = self.get_context(request)
        context.update(form=form, refusal_message=message)
        return TemplateResponse(request, self.get_template(request), context, status=status)
