"""Subscriptions: every call and dated event as an iCalendar file and as an Atom feed, per language.

Addresses (config/urls.py), under the language prefix like every public page,
so the feed is in the language of the pages it sits among:

- `/en/calls.ics`, `/en/calls.atom`: every call and event of the language;
- `?partner=<slug>`: one partner's (its programmes' calls and its timelines);
- `/en/calls.ics?programme=<page id>`: one programme's call, a file to add to a calendar.

One path per language and format: the page cache keeps each variant under
that path, and `PAGE_CACHE_ALWAYS_INVALIDATE` drops them all on every publish.
A `.` in the path never collides with a page (slugs have none, pages end in `/`).
"""

import uuid
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core import sites
from core.languages import language_tag
from core.links import absolute_url

from . import calendar
from .models import PartnerPage, ProgrammePage

CALENDAR_URL_NAME, ATOM_URL_NAME = "calls_calendar", "calls_atom"
PARTNER, PROGRAMME = "partner", "programme"
QUERY_PARAMS = (PARTNER, PROGRAMME)


@dataclass
class Scope:
    """What a feed covers: a locale's home page, one partner or one programme."""

    root: Page
    partner: PartnerPage | None = None
    programme: ProgrammePage | None = None
    query: dict | None = None

    @property
    def language_code(self):
        return self.root.locale.language_code

    def title(self):
        if self.programme is not None:
            return self.programme.title
        if self.partner is not None:
            return _("%(partner)s: calls and events") % {"partner": self.partner.partner_name}
        return _("PolyU Industry Partnerships: calls and events")

    def subtitle(self):
        return _("Opening and closing dates of funding calls, and partnership milestones.")

    def page(self):
        return self.programme or self.partner or self.root


def _home_page(request, language_code):
    """The request's site's home page in this language: one query."""
    site = sites.site_for(request)
    homes = Page.objects.filter(locale__language_code=language_code).select_related("locale")
    roots = Site.objects.filter(pk=site.pk) if site else Site.objects.filter(is_default_site=True)
    home = homes.filter(translation_key__in=roots.values("root_page__translation_key")).first()
    if home is None:
        raise Http404("This site has no home page in this language.")
    return home


def _page_id(text):
    """A page id from the query string, or 0 (no page) for anything else: never an error."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


def scope_for(request):
    """The feed's scope from the URL's language and its `partner` or `programme` parameter.

    An unknown partner or programme is a 404 (the page cache stores none).
    """
    home = _home_page(request, translation.get_language())
    partner_slug = request.GET.get(PARTNER, "")
    programme_id = request.GET.get(PROGRAMME, "")
    below_home = {"locale": home.locale_id}
    if programme_id:
        programme = (
            ProgrammePage.objects.descendant_of(home)
            .live()
            .public()
            .filter(pk=_page_id(programme_id), **below_home)
            .first()
        )
        if programme is None:
            raise Http404("No such programme.")
        programme.locale = home.locale
        return Scope(programme, programme=programme, query={PROGRAMME: programme_id})
    if partner_slug:
        partner = (
            PartnerPage.objects.descendant_of(home)
            .live()
            .public()
            .filter(slug=partner_slug, **below_home)
            .first()
        )
        if partner is None:
            raise Http404("No such partner.")
        partner.locale = home.locale
        return Scope(partner, partner=partner, query={PARTNER: partner_slug})
    return Scope(home, query={})


def events_for(scope):
    if scope.programme is not None:
        return calendar.call_events([scope.programme])
    return calendar.dated_events(scope.root)


def feed_query(page):
    """The query string of a programme's or a partner's own feed; "" for the language's."""
    if isinstance(page, ProgrammePage):
        return urlencode({PROGRAMME: page.pk})
    if isinstance(page, PartnerPage):
        return urlencode({PARTNER: page.slug})
    return ""


def feed_url(url_name, language_code, query=""):
    with translation.override(language_code):
        path = reverse(url_name)
    return f"{path}?{query}" if query else path


def _page_url(request):
    def page_url(page):
        return page.get_full_url(request)

    return page_url


def _host(request):
    root = sites.root_url(request)
    return urlsplit(root).hostname if root else request.get_host().split(":")[0]


def calendar_view(request):
    """An iCalendar file: subscribed to (a locale's, a partner's) or added (a programme's)."""
    scope = scope_for(request)
    request.page_cache_query = scope.query
    with translation.override(scope.language_code):
        body = calendar.to_ical(
            events_for(scope),
            name=scope.title(),
            language_code=scope.language_code,
            host=_host(request),
            page_url=_page_url(request),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if scope.programme is not None:
        # "Add to calendar": a file to open, named after the programme.
        name = scope.programme.slug or "programme"
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


class CallsFeed(Feed):
    """The Atom feed of calls and timeline events of a language, or of one partner.

    Every link in it is absolute on the site's own root URL (never the Host
    header a visitor sent: the page cache shares the response).
    """

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        scope = scope_for(request)
        if scope.programme is not None:
            raise Http404("A programme's dates are in its calendar file.")
        request.page_cache_query = scope.query
        # Not a method in Django's Feed: an attribute, read as it is.
        self.language = language_tag(scope.language_code)
        with translation.override(scope.language_code):
            return super().__call__(request, *args, scope=scope, **kwargs)

    def get_object(self, request, scope):
        self.events = calendar.dated_events(scope.root)
        return scope

    def title(self, scope):
        return scope.title()

    def subtitle(self, scope):
        return scope.subtitle()

    def link(self, scope):
        return scope.page().get_full_url(self.request)

    def feed_url(self, scope):
        query = feed_query(scope.partner) if scope.partner else ""
        return absolute_url(self.request, feed_url(ATOM_URL_NAME, scope.language_code, query))

    def author_name(self, scope):
        return _("PolyU Industry Partnerships")

    def feed_guid(self, scope):
        return self.feed_url(scope)

    def items(self, scope):
        return self.events

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        # Plain text: Atom1Feed writes it as <summary type="html">, escaped.
        return " ".join(part for part in (event.date_text, event.description) if part)

    def item_link(self, event):
        return event.page.get_full_url(self.request)

    def item_guid(self, event):
        # A URN of the event's stable key: the same entry however often it changes.
        name = f"{_host(self.request)}/{event.key}-{translation.get_language()}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    item_guid_is_permalink = False

    def item_updateddate(self, event):
        return event.last_modified

    def item_pubdate(self, event):
        return event.last_modified

    def item_categories(self, event):
        return [event.kind]


def atom_view(request):
    # A feed object per request: it keeps the request and its events.
    return CallsFeed()(request)
