"""Absolute addresses, for what is read outside the page: search engines, link previews."""


def absolute_url(request, url):
    """`url` with the scheme and host the visitor used; unchanged without a request."""
    return request.build_absolute_uri(url) if request and url else url
