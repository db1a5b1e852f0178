"""Links to the calendar and Atom feeds: <link rel="alternate"> in the head, "Add to calendar"."""

from django import template
from django.utils.translation import gettext as _

from partner_pages import feeds
from partner_pages.calendar import DATED_STATUSES, programme_name
from partner_pages.models import PartnerIndexPage, PartnerPage, ProgrammePage

register = template.Library()

CALENDAR_TYPE, ATOM_TYPE = "text/calendar", "application/atom+xml"


def lists_every_call(page):
    """The home page, the partnerships index and a page type that says so (the calls finder)."""
    return (
        page.depth == 2
        or isinstance(page, PartnerIndexPage)
        or getattr(page, "lists_every_call", False)
    )


def feed_links(page):
    """[{"href", "type", "title"}...]: the feeds of what the page shows (none for most pages)."""
    language = page.locale.language_code
    if isinstance(page, ProgrammePage):
        if page.status not in DATED_STATUSES:
            return []
        return [
            {
                "href": feeds.feed_url(feeds.CALENDAR_URL_NAME, language, feeds.feed_query(page)),
                "type": CALENDAR_TYPE,
                "title": _("%(programme)s call dates (iCalendar)")
                % {"programme": programme_name(page)},
            }
        ]
    if isinstance(page, PartnerPage):
        query, name = feeds.feed_query(page), {"partner": page.partner_name}
        return [
            {
                "href": feeds.feed_url(feeds.CALENDAR_URL_NAME, language, query),
                "type": CALENDAR_TYPE,
                "title": _("%(partner)s: calls and events (iCalendar)") % name,
            },
            {
                "href": feeds.feed_url(feeds.ATOM_URL_NAME, language, query),
                "type": ATOM_TYPE,
                "title": _("%(partner)s: calls and events (Atom feed)") % name,
            },
        ]
    if lists_every_call(page):
        return [
            {
                "href": feeds.feed_url(feeds.CALENDAR_URL_NAME, language),
                "type": CALENDAR_TYPE,
                "title": _("Funding calls and events (iCalendar)"),
            },
            {
                "href": feeds.feed_url(feeds.ATOM_URL_NAME, language),
                "type": ATOM_TYPE,
                "title": _("Funding calls and events (Atom feed)"),
            },
        ]
    return []


@register.inclusion_tag("components/feed_links.html")
def alternate_feed_links(page):
    """<link rel="alternate"> for each of the page's feeds."""
    return {"links": feed_links(page) if getattr(page, "pk", None) else []}


@register.inclusion_tag("components/add_to_calendar.html")
def add_to_calendar(programme):
    """The programme's call dates as a file to open in a calendar (nothing without dates)."""
    links = feed_links(programme) if isinstance(programme, ProgrammePage) else []
    return {"link": links[0] if links else None, "programme": programme}
