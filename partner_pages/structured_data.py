"""What search engines read about partnership pages: schema.org JSON-LD, built from the page alone.

- Timeline events with a date: `Event`, `startDate`/`endDate` at the precision
  the page shows ("2016-11-30", "2016-11", "2016": ISO 8601, as schema.org's
  Date allows), the same values as the page's <time datetime>.
- A partner: `Organization` (its name, logo, `knowsAbout` its research areas).
  schema.org has no "partner" property; what these partnerships do is fund
  the university's research, so the university (`CollegeOrUniversity`) names
  the partner as its `funder` when the partner has programmes.
- A programme: `FundingScheme` (schema.org's type for a grant-giving
  programme, an Organization), its `funder` the partner (by `@id`), and its
  call window as an `Event` in its `event` property, with `startDate` (call
  opens) and `endDate` (call closes) when it has them.

Nothing here queries the database: a page costs the same with its data.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.dates import date_parts

from .calendar import TIMELINE, programme_name, timeline_events
from .models import BodyPage, PartnerPage, ProgrammePage

SCHEMA = "https://schema.org"
UNIVERSITY_WEBSITE = "https://www.polyu.edu.hk/"
# Home (2), partnerships index (3), partner (4): a programme's partner in the breadcrumb trail.
PARTNER_DEPTH = 4


def organization_id(partner_url):
    return f"{partner_url}#organization"


def event_data(event, page_url):
    """schema.org Event for a timeline event, its dates at the precision it has."""
    parts, _separator = date_parts(event.start, event.end, event.precision)
    data = {
        "@type": "Event",
        "name": event.title,
        "startDate": parts[0].machine,
        "url": page_url,
    }
    if len(parts) > 1:
        data["endDate"] = parts[1].machine
    return data


def partner_data(page, page_url, research_areas, logo_url="", has_programmes=False):
    organization = {
        "@type": "Organization",
        "@id": organization_id(page_url),
        "name": page.partner_name,
        "mainEntityOfPage": page_url,
    }
    if page.summary:
        organization["description"] = page.summary
    if logo_url:
        organization["logo"] = logo_url
    if research_areas:
        organization["knowsAbout"] = [area.name for area in research_areas]
    nodes = [organization]
    if has_programmes:
        nodes.append(
            {
                "@type": "CollegeOrUniversity",
                "name": _("The Hong Kong Polytechnic University"),
                "url": UNIVERSITY_WEBSITE,
                "funder": {"@id": organization["@id"]},
            }
        )
    return nodes


def programme_data(page, page_url, partner_url=""):
    scheme = {
        "@type": "FundingScheme",
        "@id": f"{page_url}#funding-scheme",
        "name": page.title,
        "url": page_url,
    }
    if page.acronym:
        scheme["alternateName"] = page.acronym
    if page.summary:
        scheme["description"] = page.summary
    if page.external_url:
        scheme["sameAs"] = page.external_url
    if partner_url:
        scheme["funder"] = {"@id": organization_id(partner_url)}
    fields = [field.value for field in page.research_fields if field.value]
    if fields:
        scheme["knowsAbout"] = fields
    if page.call_opens or page.call_closes:
        window = {
            "@type": "Event",
            "name": _("%(programme)s call for applications") % {"programme": programme_name(page)},
            "url": page_url,
        }
        if page.call_opens:
            window["startDate"] = page.call_opens.isoformat()
        if page.call_closes:
            window["endDate"] = page.call_closes.isoformat()
        scheme["event"] = window
    return [scheme]


def page_graph(page, page_url, *, trail=(), research_areas=(), logo_url="", has_programmes=False):
    """The JSON-LD graph of a page (a dict), or None if there is nothing to say."""
    if not isinstance(page, BodyPage):
        return None
    nodes = []
    if isinstance(page, PartnerPage):
        nodes += partner_data(page, page_url, research_areas, logo_url, has_programmes)
    if isinstance(page, ProgrammePage):
        partner = trail[PARTNER_DEPTH - 2] if len(trail) > PARTNER_DEPTH - 2 else {}
        nodes += programme_data(page, page_url, partner.get("full_url", ""))
    nodes += [
        event_data(event, page_url) for event in timeline_events([page]) if event.kind == TIMELINE
    ]
    if not nodes:
        return None
    for node in nodes:
        if isinstance(node.get("description"), str):
            node["description"] = strip_tags(node["description"])
    return {"@context": SCHEMA, "@graph": nodes}
