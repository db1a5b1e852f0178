"""Content-Security-Policy for every response: the public site's, or the admin's.

django-csp builds the header; this subclass picks the policy by address and
adds the origin uploaded media are served from (object storage, a CDN) to
img-src and media-src. Responses that already carry a policy keep it: Wagtail
serves documents and images with `default-src 'none'`, and django-csp never
replaces a header a view set.

The public policy needs no nonce: the public pages' only inline scripts are
JSON-LD data blocks, which browsers never execute and CSP does not govern, and
their one script (gallery.js) is a file from 'self'. A nonce would be wrong
there anyway: the page cache (page_cache/) serves one stored response to every
visitor, so a nonce in it would be the same for all of them. The page cache
therefore refuses to store a response whose request asked for a nonce.
"""

from functools import cache
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def media_origin():
    """The scheme and host uploaded files are served from, or "" when it is this site."""
    parts = urlsplit(default_storage.url("content-security-policy"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


@receiver(setting_changed)
def _forget_media_origin(setting, **kwargs):
    if setting in {"STORAGES", "MEDIA_URL", "AWS_S3_CUSTOM_DOMAIN"}:
        media_origin.cache_clear()


def is_admin_path(path):
    return path.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIX"])


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # Wagtail's preview renders the page through the whole middleware chain
        # with a request for the page's own address, so the public policy
        # (frame-ancestors 'none') is already on the response the admin's preview
        # view returns. The admin's address decides: replace the policy this
        # middleware set for the inner request, never one a view set.
        applied_for = getattr(response, "_site_csp_path", None)
        if applied_for is not None and applied_for != request.path_info:
            del response[HEADER]
        had_header = HEADER in response
        response = super().process_response(request, response)
        if not had_header and HEADER in response:
            response._site_csp_path = request.path_info
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        origin = media_origin()
        if origin:
            parts.update = {**(parts.update or {}), "img-src": [origin], "media-src": [origin]}
        return parts
