"""Template helpers for partnership pages and blocks."""

from urllib.parse import urlencode

from django import template

from partner_pages.enquiries import TOPIC_PARAMETER, enquiry_form_url

register = template.Library()


@register.inclusion_tag("components/programme_status.html")
def programme_status(programme):
    """A badge with a programme's call status: "Open for applications", "Closed"..."""
    return {"status": programme.status}


@register.inclusion_tag("components/enquiry_link.html")
def enquiry_link(page, text):
    """A link to the enquiry form in the page's language, with the page as the enquiry's topic.

    Nothing when that language has no live enquiry form. Costs no query once
    the cache knows each language's form (partner_pages.enquiries).
    """
    form_url = enquiry_form_url(page.locale.language_code)
    url = f"{form_url}?{urlencode({TOPIC_PARAMETER: page.pk})}" if form_url else ""
    return {"url": url, "text": text}
