"""What goes on a calendar: each call's opening and closing day, and the partnerships' dated events.

`dated_events(root)` gathers them below a page (a locale's home page, a
partner, a programme) in a fixed number of queries, whatever the content;
`to_ical` writes them as an iCalendar file (RFC 5545, with the `icalendar`
library) and the Atom feed (partner_pages.feeds) reads the same list.

A call's events change when its dates do, and calendar programs only take a
changed event whose SEQUENCE went up: SEQUENCE counts the publishes that
changed the call's dates, read from Wagtail's own record of publishes (the
log entry of each publish and the revision it published), so nothing new is
stored. LAST-MODIFIED is the publish that set the current dates.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from wagtail.models import PageLogEntry

from core.dates import DAY, date_parts, date_text
from core.languages import language_tag

from .models import PartnerPage, ProgrammePage, ProgrammeStatus, StandardPage

# Programmes whose status comes from their dates. Any other status (rolling,
# to be announced, one added later) has no dates to put on a calendar.
DATED_STATUSES = {ProgrammeStatus.UPCOMING, ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED}
# DTSTAMP and LAST-MODIFIED of an event whose page has no publish on record.
NO_RECORD = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
OPENS, CLOSES, TIMELINE = "opens", "closes", "timeline"


@dataclass(frozen=True)
class DatedEvent:
    """One thing on a date: a call opening or closing, or a timeline event."""

    key: str  # stable across renders and edits: the page's translation key and what it is
    kind: str  # OPENS, CLOSES or TIMELINE
    title: str
    start: datetime.date
    end: datetime.date | None  # inclusive; None for a single date
    precision: str  # core.dates YEAR, MONTH or DAY
    page: object  # the page that tells about it
    description: str
    sequence: int
    last_modified: datetime.datetime

    @property
    def has_a_day(self):
        """Only events with a day are calendar events ("June 2016" is not)."""
        return self.precision == DAY

    @property
    def machine_dates(self):
        """ "2016-11-30", "2016-11" or "2016": the dates at the precision they have."""
        parts, _separator = date_parts(self.start, self.end, self.precision)
        return [part.machine for part in parts]

    @property
    def date_text(self):
        return date_text(self.start, self.end, self.precision)


@dataclass(frozen=True)
class DateHistory:
    sequence: int
    last_modified: datetime.datetime


def date_histories(programmes):
    """{page id: DateHistory} of the programmes' call dates, from their publishes: one query."""
    ids = [programme.pk for programme in programmes]
    if not ids:
        return {}
    publishes = (
        PageLogEntry.objects.filter(action="wagtail.publish", page_id__in=ids)
        .exclude(revision=None)
        .order_by("timestamp", "pk")
        .values_list(
            "page_id",
            "timestamp",
            "revision__content__call_opens",
            "revision__content__call_closes",
        )
    )
    seen = {}
    for page_id, timestamp, opens, closes in publishes:
        dates = (opens or None, closes or None)
        previous = seen.get(page_id)
        if previous is None:
            seen[page_id] = (dates, DateHistory(0, timestamp))
        elif previous[0] != dates:
            seen[page_id] = (dates, DateHistory(previous[1].sequence + 1, timestamp))
    histories = {}
    for programme in programmes:
        current = (
            programme.call_opens.isoformat() if programme.call_opens else None,
            programme.call_closes.isoformat() if programme.call_closes else None,
        )
        fallback = programme.last_published_at or programme.first_published_at or NO_RECORD
        recorded = seen.get(programme.pk)
        if recorded is None:
            histories[programme.pk] = DateHistory(0, fallback)
        elif recorded[0] != current:  # changed without a recorded publish (a script's save)
            histories[programme.pk] = DateHistory(recorded[1].sequence + 1, fallback)
        else:
            histories[programme.pk] = recorded[1]
    return histories


def programme_name(programme):
    return programme.acronym or programme.title


def call_events(programmes):
    """The opening and closing day of each programme's call, in the active language."""
    histories = date_histories(programmes)
    events = []
    for programme in programmes:
        if programme.status not in DATED_STATUSES:
            continue
        history = histories[programme.pk]
        name = programme_name(programme)
        for kind, day, title in (
            (OPENS, programme.call_opens, _("%(programme)s call opens")),
            (CLOSES, programme.call_closes, _("%(programme)s call closes")),
        ):
            if day is None:
                continue
            events.append(
                DatedEvent(
                    key=f"{programme.translation_key}-{kind}",
                    kind=kind,
                    title=title % {"programme": name},
                    start=day,
                    end=None,
                    precision=DAY,
                    page=programme,
                    description=programme.summary,
                    sequence=history.sequence,
                    last_modified=history.last_modified,
                )
            )
    return events


def _items(values):
    """A ListBlock's stored items: {"type": "item", "value": ...} dicts, or bare values (older)."""
    for index, item in enumerate(values or []):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item.get("id") or str(index), item["value"]
        else:
            yield str(index), item


def _date(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def timeline_events(pages):
    """Every dated event in the pages' timeline blocks (read from the stored JSON: no query)."""
    events = []
    for page in pages:
        for block in page.body.raw_data:
            if block.get("type") != "timeline":
                continue
            for _period_id, period in _items(block.get("value", {}).get("periods")):
                for event_id, event in _items((period or {}).get("events")):
                    start = _date(event.get("start_date"))
                    if start is None or not event.get("title"):
                        continue
                    end = _date(event.get("end_date"))
                    events.append(
                        DatedEvent(
                            key=f"{page.translation_key}-{TIMELINE}-{event_id}",
                            kind=TIMELINE,
                            title=event["title"],
                            start=start,
                            end=end if end and end > start else None,
                            precision=event.get("precision") or DAY,
                            page=page,
                            description=getattr(page, "summary", ""),
                            sequence=0,
                            last_modified=page.last_published_at or NO_RECORD,
                        )
                    )
    return events


def _live(queryset, root, locale):
    return queryset.descendant_of(root, inclusive=True).filter(locale=locale).live().public()


def dated_events(root):
    """Calls and timeline events of live public pages below `root`, by date: 7 queries.

    Three page types, each with its view restrictions (`public()`), and the publishes.
    """
    programmes = list(_live(ProgrammePage.objects, root, root.locale).order_by("path"))
    storytellers = [
        *_live(PartnerPage.objects, root, root.locale).order_by("path"),
        *_live(StandardPage.objects, root, root.locale).order_by("path"),
    ]
    events = call_events(programmes) + timeline_events(storytellers)
    return sorted(events, key=lambda event: (event.start, event.page.path, event.kind))


def _uid(event, language_code, host):
    # The language is part of it: a visitor subscribed in two languages sees
    # two events, not one whose title flips between them.
    return f"{event.key}-{language_code}@{host}"


def to_ical(events, *, name, language_code, host, page_url):
    """An iCalendar file of the day events among `events` (all-day: DTEND is the day after)."""
    tag = language_tag(language_code)
    calendar = Calendar()
    calendar.add("prodid", "-//PolyU Industry Partnerships//Calls and events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name, parameters={"LANGUAGE": tag})
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for event in events:
        if not event.has_a_day:
            continue
        entry = CalendarEvent()
        entry.add("uid", _uid(event, language_code, host))
        entry.add("summary", event.title, parameters={"LANGUAGE": tag})
        if event.description:
            entry.add("description", event.description, parameters={"LANGUAGE": tag})
        entry.add("dtstart", event.start)
        entry.add("dtend", (event.end or event.start) + datetime.timedelta(days=1))
        entry.add("transp", "TRANSPARENT")  # a deadline, not a busy day
        entry.add("url", page_url(event.page))
        entry.add("sequence", event.sequence)
        # Without a METHOD, DTSTAMP is when the event last changed (RFC 5545 3.8.7.2).
        entry.add("dtstamp", event.last_modified)
        entry.add("last-modified", event.last_modified)
        calendar.add_component(entry)
    return calendar.to_ical()
