"""Template helpers for partnership pages and blocks."""

from urllib.parse import urlencode

from django import template

from partner_pages.enquiries import TOPIC_PARAMETER, enquiry_form_url

register = template.Library()


@register.inclusion_tag("components/programme_status.html", takes_context=True)
def programme_status(context, programme):
    """A badge with a programme's call status ("Open for applications", "Closed"...) and
    the time left ("Closes in 12 days").

    Whatever shows a status shows it through this tag, so this is where the page
    says until when it is true: `request.page_cache_expires_at`, the earliest
    such moment on the page, which the page cache (page_cache.middleware) keeps
    a stored page no longer than.
    """
    request = context.get("request")
    until = programme.shown_until
    if request is not None and until is not None:
        current = getattr(request, "page_cache_expires_at", None)
        if current is None or until < current:
            request.page_cache_expires_at = until
    return {"status": programme.status, "time_left": programme.time_left}


@register.inclusion_tag("components/enquiry_link.html")
def enquiry_link(page, text):
    """A link to the enquiry form in the page's language, with the page as the enquiry's topic.

    Nothing when that language has no live enquiry form. Costs no query once
    the cache knows each language's form (partner_pages.enquiries).
    """
    form_url = enquiry_form_url(page.locale.language_code)
    url = f"{form_url}?{urlencode({TOPIC_PARAMETER: page.pk})}" if form_url else ""
    return {"url": url, "text": text}
