"""Signing in to the admin: django-axes' lockout, said in the admin's language.

After `AXES_FAILURE_LIMIT` failures for one user name (from any address), or
from one address (for any user name), signing in is refused for
`AXES_COOLOFF_TIME`, even with the right password. The admin's sign-in form
says so in the language the admin is shown in, with status 429; an
administrator unlocks under Settings → Sign-in lockouts (views.py) or with
axes' commands (`manage.py axes_reset_username NAME`, `axes_reset_ip ADDRESS`).
"""

import ipaddress

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


def client_network(request):
    """The address failures are counted against: the visitor's IPv4 address, or
    the first address of their IPv6 /64 (one subscriber is usually given a whole
    /64, and could otherwise try from as many addresses as it holds).

    REMOTE_ADDR is already the visitor's address behind trusted proxies
    (config.middleware.ClientAddressMiddleware).
    """
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or None
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def lockout_minutes():
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message():
    minutes = lockout_minutes()
    return ngettext(
        "Too many failed sign-in attempts. Signing in to this account, or from this "
        "address, is locked for %(minutes)d minute. Try again later, or ask an "
        "administrator to unlock it.",
        "Too many failed sign-in attempts. Signing in to this account, or from this "
        "address, is locked for %(minutes)d minutes. Try again later, or ask an "
        "administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, saying when axes refused the attempt."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked_out")
        return super().get_invalid_login_error()


def lockout_response(request, original_response, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page the view rendered (the sign-in form with the
    lockout message), answered with 429 Too Many Requests."""
    if original_response is None:
        return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")
    original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
    return original_response
