"""The admin's "Forgotten password?" form, throttled per address and per e-mail address.

At most PASSWORD_RESET_RATE_LIMIT["per_address"] requests from one visitor's
address (an IPv6 address by its /64) and ["per_email"] for one e-mail address
in ["seconds"]; beyond that the form answers 429 with a message in the admin's
language and sends nothing. Every request counts, whether or not an account
has that address, so the message tells nobody which addresses have accounts.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.views.account import PasswordResetView

from .logins import client_network
from .models import PasswordResetRequest, keyed_hash


def admit(request, email):
    """Count this request, then say whether it is within both limits.

    Counted first and committed, then checked: requests arriving at once each
    see all of them, so no more than the limit get through.
    """
    limit = settings.PASSWORD_RESET_RATE_LIMIT
    now = timezone.now()
    since = now - timedelta(seconds=limit["seconds"])
    address = keyed_hash("password-reset-address", client_network(request) or "")
    email = keyed_hash("password-reset-email", email.strip().lower())
    with transaction.atomic():
        PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
        PasswordResetRequest.objects.create(address=address, email=email, requested_at=now)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    return (
        recent.filter(address=address).count() <= limit["per_address"]
        and recent.filter(email=email).count() <= limit["per_email"]
    )


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        if not admit(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                gettext(
                    "Too many password reset requests from this address or for this "
                    "e-mail address. No e-mail was sent; please try again later."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
