"""Middleware of the deployment itself, not of any one app."""

import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _


class ClientAddressMiddleware:
    """Behind trusted proxies, make REMOTE_ADDR the visitor's address, not the proxy's.

    Each proxy (a load balancer, a CDN) appends the address it received the
    request from to X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies, the
    visitor is that many entries from the right. Anything further left was
    written by the client and is not trusted. Per-visitor limits (the enquiry
    form's) and logs need the visitor's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.TRUSTED_PROXY_COUNT
        if count:
            forwarded = [
                address.strip()
                for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if address.strip()
            ]
            if len(forwarded) >= count:
                request.META["REMOTE_ADDR"] = forwarded[-count]
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than its sender may send, before it is read.

    Visitors who are not logged in post small forms only (the enquiry form, a
    private page's or document's password, the admin's login):
    ANONYMOUS_REQUEST_MAX_SIZE. Logged-in editors upload images and documents:
    EDITOR_REQUEST_MAX_SIZE. A larger Content-Length is answered 413 at once,
    unread. A body without one (Transfer-Encoding: chunked, which gunicorn
    decodes) is read into memory up to the limit and refused as soon as it
    passes it; Django would otherwise ignore such a body.

    After AuthenticationMiddleware (who is asking) and LocaleMiddleware (in
    which language to answer). Nothing before it reads the body; CSRF's check,
    which does (a multipart body passing FILE_UPLOAD_MAX_MEMORY_SIZE goes to a
    temporary file as it is read), runs after every middleware's __call__, in
    process_view. Under WSGI only: an ASGI server hands Django the whole body
    before any middleware runs.
    """

    CHUNK_SIZE = 64 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        editor = is_editor(request)
        limit = settings.EDITOR_REQUEST_MAX_SIZE if editor else settings.ANONYMOUS_REQUEST_MAX_SIZE
        length = declared_length(request.META)
        if length is not None:
            if length > limit:
                return body_too_large(request, limit, editor)
        elif request.META.get("HTTP_TRANSFER_ENCODING") and request.META.get(
            "wsgi.input_terminated"
        ):
            body = read_at_most(request.META["wsgi.input"], limit, self.CHUNK_SIZE)
            if body is None:
                return body_too_large(request, limit, editor)
            # What Django reads from now on: the body read here, with its length.
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))
        return self.get_response(request)


def is_editor(request):
    """Whether a logged-in user sent this request (without a session cookie, no one is)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def declared_length(meta):
    """The body's Content-Length, or None when the request gives none Django reads."""
    try:
        return int(meta.get("CONTENT_LENGTH"))
    except (TypeError, ValueError):
        return None


def read_at_most(stream, limit, chunk_size):
    """The whole of `stream` if it holds at most `limit` bytes, else None
    (having read one byte past the limit, and no further)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(chunk_size, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    return None


def body_too_large(request, limit, editor):
    """413, in the visitor's language (the URL's, or the browser's), or the
    editor's own admin language."""
    language = translation.get_language()
    if editor:
        from wagtail.users.models import UserProfile

        language = UserProfile.get_for_user(request.user).get_preferred_language()
    with translation.override(language):
        message = _("This request is too large: the site accepts at most %(size)s.") % {
            "size": filesizeformat(limit)
        }
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
