"""Addresses that become links: one policy for every link and embed on the site.

Only http, https, mailto and tel addresses, and addresses on this site
(relative ones), may become a link. Anything else (javascript:, data:,
vbscript:, file:, ftp: ...) is refused where it is entered, by the
validators below, and dropped again when it is read (`safe_link`,
`drop_unsafe_links`): content can also arrive by routes no form validates,
such as a translation's synchronised values.
"""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import sites

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers ignore these anywhere in an address ("java\tscript:" runs), and
# leading spaces and control characters.
IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")
LEADING_IGNORED = "".join(chr(code) for code in range(0x21))
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
UNSAFE_LINK_MESSAGE = _(
    "Use an address that starts with http://, https://, mailto: or tel:, or an address on "
    "this site starting with /."
)


def is_safe_link(url):
    """Whether `url` may become a link: http, https, mailto, tel, or relative."""
    text = IGNORED_BY_BROWSERS.sub("", url or "").lstrip(LEADING_IGNORED)
    match = SCHEME.match(text)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def safe_link(url):
    """`url` if it may become a link, else an empty string."""
    return url if is_safe_link(url) else ""


def validate_link(url):
    if not is_safe_link(url):
        raise ValidationError(UNSAFE_LINK_MESSAGE, code="unsafe_link")


def _hrefs(tag):
    for match in HREF.finditer(tag):
        # Entities in an attribute are decoded before the browser reads it.
        yield html.unescape(next(group for group in match.groups() if group is not None))


def unsafe_links_in(rich_text):
    """The link addresses in a piece of HTML that may not become links."""
    return [
        href
        for tag in A_TAG.findall(rich_text or "")
        for href in _hrefs(tag)
        if not is_safe_link(href)
    ]


def drop_unsafe_links(rich_text):
    """The HTML with the address taken out of every link that may not have it."""
    if not rich_text or not unsafe_links_in(rich_text):
        return rich_text

    def without_unsafe_href(tag):
        return HREF.sub(
            lambda match: match.group(0) if all(map(is_safe_link, _hrefs(match.group(0)))) else "",
            tag.group(0),
        )

    return A_TAG.sub(without_unsafe_href, rich_text)


def validate_rich_text_links(rich_text):
    if unsafe_links_in(str(rich_text or "")):
        raise ValidationError(UNSAFE_LINK_MESSAGE, code="unsafe_link")


def absolute_url(request, url):
    """`url` on the root URL of the request's Wagtail site; unchanged without a request.

    Never the Host header the visitor sent: a stored page is shared by every
    visitor of the site, whatever host or port each of them typed.
    """
    return sites.absolute_url(request, url) if request and url else url
