"""Programme call status, and dates an editor cannot get wrong without being told."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from partner_pages.models import ProgrammeContact, ProgrammePage, ProgrammeStatus
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def partner(db):
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    return factories.PartnerPageFactory(parent=index)


@pytest.mark.parametrize(
    ("opens", "closes", "today", "status"),
    [
        (D(2020, 3, 1), D(2020, 5, 31), D(2020, 2, 29), ProgrammeStatus.UPCOMING),
        (D(2020, 3, 1), D(2020, 5, 31), D(2020, 3, 1), ProgrammeStatus.OPEN),
        (D(2020, 3, 1), D(2020, 5, 31), D(2020, 5, 31), ProgrammeStatus.OPEN),
        (D(2020, 3, 1), D(2020, 5, 31), D(2020, 6, 1), ProgrammeStatus.CLOSED),
        (None, D(2020, 5, 31), D(2020, 1, 1), ProgrammeStatus.OPEN),
        (D(2020, 3, 1), None, D(2030, 1, 1), ProgrammeStatus.OPEN),
        (None, None, D(2020, 1, 1), ProgrammeStatus.ROLLING),
    ],
)
def test_status_follows_the_call_dates(opens, closes, today, status):
    assert ProgrammePage(call_opens=opens, call_closes=closes).status_on(today) == status


@pytest.mark.parametrize(
    ("opens", "closes", "label"),
    [
        (-30, -1, "Closed"),
        (-1, 30, "Open for applications"),
        (1, 30, "Opening soon"),
        (None, None, "Rolling (no fixed dates)"),
    ],
)
def test_visitors_see_the_status_today_on_the_partner_and_programme_pages(
    client, partner, opens, closes, label
):
    today = datetime.date.today()
    programme = factories.ProgrammePageFactory(
        parent=partner,
        call_opens=today + datetime.timedelta(days=opens) if opens is not None else None,
        call_closes=today + datetime.timedelta(days=closes) if closes is not None else None,
    )
    for page in (partner, programme):
        html = client.get(page.url).content.decode()
        assert f">{label}</span>" in html


def test_partner_page_lists_programmes_and_their_child_programmes(client, partner):
    air = factories.ProgrammePageFactory(parent=partner, title="Alibaba Innovative Research")
    factories.ProgrammePageFactory(parent=air, title="Alibaba Research Fellow", acronym="ARF")
    draft = factories.ProgrammePageFactory(parent=partner, title="Not yet published", live=False)
    html = client.get(partner.url).content.decode()
    assert "Alibaba Innovative Research" in html
    assert html.index("Alibaba Innovative Research") < html.index("Alibaba Research Fellow")
    assert draft.title not in html
    air_html = client.get(air.url).content.decode()
    assert "Programmes within this programme" in air_html
    assert "Alibaba Research Fellow" in air_html


def test_programme_page_shows_its_facts_leaflet_and_contacts(client, partner):
    leaflet = factories.DocumentFactory(title="AIR Leaflet")
    contact = factories.ContactFactory(name="Karen Jiang", email="karen@example.edu.hk")
    programme = factories.ProgrammePageFactory(
        parent=partner,
        acronym="AIR",
        audience="PhD students",
        call_opens=D(2021, 3, 1),
        call_closes=D(2021, 4, 30),
        leaflet=leaflet,
        external_url="https://damo.alibaba.com/air",
        research_fields=[("research_field", "Machine learning")],
    )
    ProgrammeContact.objects.create(page=programme, contact=contact)
    html = client.get(programme.url).content.decode()
    assert '<abbr class="page-hero__acronym">AIR</abbr>' in html
    assert "PhD students" in html
    assert '<time datetime="2021-03-01">1 March 2021</time>' in html
    assert '<time datetime="2021-04-30">30 April 2021</time>' in html
    assert "AIR Leaflet" in html
    assert "PDF file, 2.0\xa0KB" in html
    assert "<li>Machine learning</li>" in html
    assert 'href="mailto:karen@example.edu.hk"' in html


class TestClosingBeforeOpeningInTheEditor:
    def test_is_refused_on_the_closing_date_and_keeps_the_saved_revision(
        self, admin_client, partner
    ):
        programme = factories.ProgrammePageFactory(
            parent=partner, call_opens=D(2020, 3, 1), call_closes=D(2020, 5, 31)
        )
        revision = programme.save_revision()
        revisions_before = programme.revisions.count()
        data = nested_form_data(
            {
                "title": programme.title,
                "slug": programme.slug,
                "call_opens": "2020-06-01",
                "call_closes": "2020-05-01",
                "research_fields": streamfield([]),
                "programme_contacts": inline_formset([]),
                "body": streamfield([]),
            }
        )
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[programme.pk]), data)
        assert response.status_code == 200  # the form again, not a redirect
        assert response.context["form"].errors["call_closes"] == [
            "The call cannot close before it opens."
        ]
        assert "The call cannot close before it opens." in response.content.decode()
        programme.refresh_from_db()
        assert programme.revisions.count() == revisions_before
        assert programme.get_latest_revision() == revision
        assert (programme.call_opens, programme.call_closes) == (D(2020, 3, 1), D(2020, 5, 31))


def programme_list_block(programmes=()):
    return factories.block(
        "programme_list",
        {"heading": "Current collaborative areas", "programmes": [p.pk for p in programmes]},
    )


def card_titles(html):
    """Programme card titles in page order, nested ones indented by their depth."""
    titles, depth = [], 0
    for match in re.finditer(
        r'<ul class="card-list card-list--nested">|</ul>|card__title"><a [^>]*>([^<]+)', html
    ):
        if match.group(0).startswith("<ul"):
            depth += 1
        elif match.group(0) == "</ul>":
            depth = max(depth - 1, 0)
        else:
            titles.append("  " * depth + match.group(1))
    return titles


class TestProgrammeListAndPartnerPageShowTheSameProgrammes:
    """The block in the body and the partner page's own list: same programmes, same tree."""

    @pytest.fixture
    def programmes(self, partner):
        air = factories.ProgrammePageFactory(parent=partner, title="Alibaba Innovative Research")
        factories.ProgrammePageFactory(parent=air, title="Alibaba Research Fellow", acronym="ARF")
        private = factories.ProgrammePageFactory(parent=partner, title="Members only", acronym="MO")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        factories.ProgrammePageFactory(parent=partner, title="Not yet published", live=False)
        return {"air": air, "private": private}

    def test_without_a_choice_the_block_shows_the_partner_pages_own_list(
        self, client, partner, programmes
    ):
        own_list = card_titles(client.get(partner.url).content.decode())
        partner.body = [programme_list_block()]
        partner.save_revision().publish()
        in_body = card_titles(client.get(partner.url).content.decode())
        assert own_list == in_body == ["Alibaba Innovative Research", "  Alibaba Research Fellow"]

    def test_a_body_block_replaces_the_partner_pages_list_instead_of_repeating_it(
        self, client, partner, programmes
    ):
        partner.body = [programme_list_block()]
        partner.save_revision().publish()
        html = client.get(partner.url).content.decode()
        assert 'id="programmes-heading"' not in html
        assert html.count("Alibaba Research Fellow") == 1

    def test_chosen_programmes_show_only_the_live_public_ones_in_the_chosen_order(
        self, client, partner, programmes
    ):
        fellow = programmes["air"].get_children().get().specific
        page = factories.StandardPageFactory(
            parent=partner,
            body=[programme_list_block([fellow, programmes["private"], programmes["air"]])],
        )
        titles = card_titles(client.get(page.url).content.decode())
        assert titles == ["Alibaba Research Fellow", "Alibaba Innovative Research"]
