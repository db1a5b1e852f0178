"""What search engines read: schema.org JSON-LD on partner and programme pages, from the page."""

import datetime
import json
import re

import pytest

from home.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
HOSTILE = "</script><script>alert(1)</script><!--"

# The schema.org properties this site uses, per type (https://schema.org/<Type>):
# FundingScheme and CollegeOrUniversity are Organizations, so they have its properties.
THING = {"@type", "@id", "name", "alternateName", "description", "url", "sameAs",
         "mainEntityOfPage"}  # fmt: skip
ORGANIZATION = THING | {"logo", "knowsAbout", "funder", "event"}
VALID_PROPERTIES = {
    "Organization": ORGANIZATION,
    "CollegeOrUniversity": ORGANIZATION,
    "FundingScheme": ORGANIZATION,
    "Event": THING | {"startDate", "endDate"},
}


def graph(html):
    """The nodes of the page's JSON-LD @graph (other JSON-LD blocks: breadcrumbs, the site)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graphs = [json.loads(text) for text in blocks]
    found = [data for data in graphs if "@graph" in data]
    assert len(found) == 1
    assert found[0]["@context"] == "https://schema.org"
    return found[0]["@graph"]


def assert_valid(nodes):
    for node in nodes:
        assert set(node) <= VALID_PROPERTIES[node["@type"]], node
        for value in node.values():
            if isinstance(value, dict) and "@type" in value:
                assert_valid([value])


def time_values(html):
    return re.findall(r'<time datetime="([^"]+)"', html)


@pytest.fixture
def partner(db):
    index = factories.PartnerIndexPageFactory(
        parent=HomePage.in_language("en"), slug="partnerships"
    )
    partner = factories.PartnerPageFactory(
        parent=index,
        slug="huawei",
        partner_name="Huawei",
        body=[
            factories.timeline_block(
                [
                    factories.event(D(2016, 11, 30), "The Joint Lab is set up", precision="day"),
                    factories.event(D(2017, 6, 1), "A forum", precision="month"),
                    factories.event(D(2017, 8, 1), "Matching", end=D(2017, 10, 1)),
                    factories.event(D(2018, 1, 1), "A year of work", precision="year"),
                ]
            )
        ],
    )
    area = factories.ResearchAreaFactory(name="Optical communication")
    partner.research_areas.add(area)
    partner.save_revision().publish()
    return partner


def test_timeline_events_are_events_with_the_dates_the_page_shows(client, partner):
    factories.ProgrammePageFactory(parent=partner)
    html = client.get(partner.url).content.decode()
    nodes = graph(html)
    assert_valid(nodes)
    events = [node for node in nodes if node["@type"] == "Event"]
    assert [(event["name"], event["startDate"], event.get("endDate")) for event in events] == [
        ("The Joint Lab is set up", "2016-11-30", None),
        ("A forum", "2017-06", None),
        ("Matching", "2017-08", "2017-10"),
        ("A year of work", "2018", None),
    ]
    shown = time_values(html)
    assert all(value in shown for event in events for value in (event["startDate"],))
    assert "2017-10" in shown


def test_the_partner_is_an_organization_funding_the_university(client, partner):
    factories.ProgrammePageFactory(parent=partner)
    nodes = graph(client.get(partner.url).content.decode())
    organization = next(node for node in nodes if node["@type"] == "Organization")
    assert organization["name"] == "Huawei"
    assert organization["@id"] == "http://localhost/en/partnerships/huawei/#organization"
    assert organization["knowsAbout"] == ["Optical communication"]
    university = next(node for node in nodes if node["@type"] == "CollegeOrUniversity")
    assert university["funder"] == {"@id": organization["@id"]}


def test_a_partner_without_programmes_is_not_said_to_fund_anything(client, partner):
    nodes = graph(client.get(partner.url).content.decode())
    assert [node["@type"] for node in nodes if node["@type"] != "Event"] == ["Organization"]


def test_a_programme_is_a_funding_scheme_with_its_call_window(client, partner):
    programme = factories.ProgrammePageFactory(
        parent=partner,
        slug="hirp",
        title="Huawei Innovation Research Program",
        acronym="HIRP",
        call_opens=D(2030, 3, 1),
        call_closes=D(2030, 5, 31),
        research_fields=[{"type": "research_field", "value": "Wireless Communication"}],
    )
    html = client.get(programme.url).content.decode()
    nodes = graph(html)
    assert_valid(nodes)
    (scheme,) = nodes
    assert scheme["@type"] == "FundingScheme"
    assert scheme["name"] == "Huawei Innovation Research Program"
    assert scheme["alternateName"] == "HIRP"
    assert scheme["funder"] == {"@id": "http://localhost/en/partnerships/huawei/#organization"}
    assert scheme["knowsAbout"] == ["Wireless Communication"]
    window = scheme["event"]
    assert window["@type"] == "Event"
    assert [window["startDate"], window["endDate"]] == time_values(html)[:2]
    assert [window["startDate"], window["endDate"]] == ["2030-03-01", "2030-05-31"]


def test_a_rolling_programme_has_no_call_window(client, partner):
    programme = factories.ProgrammePageFactory(parent=partner)
    (scheme,) = graph(client.get(programme.url).content.decode())
    assert "event" not in scheme


def test_a_hostile_title_cannot_close_the_script(client, partner):
    """Translators' and editors' text is data: it stays inside the JSON, whatever it says."""
    programme = factories.ProgrammePageFactory(
        parent=partner, title=f"AIR {HOSTILE}", call_opens=D(2030, 1, 1)
    )
    programme.body = [
        factories.timeline_block([factories.event(D(2020, 1, 2), HOSTILE, precision="day")])
    ]
    programme.save_revision().publish()
    html = client.get(programme.url).content.decode()
    assert "<script>alert(1)" not in html
    (scheme, event) = graph(html)
    assert scheme["name"] == f"AIR {HOSTILE}"
    assert event["name"] == HOSTILE


def test_pages_without_partnership_content_have_no_graph(client, partner):
    html = client.get("/en/").content.decode()
    assert '"@graph"' not in html
