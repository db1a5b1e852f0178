"""What visitors see on the partnerships index, partner, standard and home pages."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage, HomePageFeaturedPartner
from partner_pages.models import PartnerPage
from tests import factories

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def index(db):
    return factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))


@pytest.fixture
def partners(index):
    big_data = factories.ResearchAreaFactory(name="Big data", slug="big-data")
    optics = factories.ResearchAreaFactory(name="Optical communication", slug="optics")
    alibaba = factories.PartnerPageFactory(
        parent=index,
        title="Alibaba – PolyU Big Data & Cloud Computing",
        partner_name="Alibaba Group",
        partnership_since=2016,
        logo=factories.SmallImageFactory(),
    )
    alibaba.research_areas.add(big_data)
    alibaba.save()
    huawei = factories.PartnerPageFactory(
        parent=index,
        title="Huawei – PolyU Communication & Advanced Computing",
        partner_name="Huawei",
        partnership_since=2007,
    )
    huawei.research_areas.add(big_data, optics)
    huawei.save()
    return {"alibaba": alibaba, "huawei": huawei}


def cards(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_index_lists_every_partner_as_a_card(client, index, partners):
    html = client.get(index.url).content.decode()
    assert cards(html) == [
        "Alibaba – PolyU Big Data &amp; Cloud Computing",
        "Huawei – PolyU Communication &amp; Advanced Computing",
    ]
    text = text_of(html)
    assert "Partners since 2016" in text
    assert "Partners since 2007" in text
    assert "<picture>" in html


def test_index_filters_by_research_area_with_plain_links(client, index, partners):
    html = client.get(index.url).content.decode()
    assert f'href="{index.url}?area=optics"' in html
    # No script runs the filter (JSON-LD data is not a script that runs).
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all('type="application/ld+json"' in tag for tag in scripts)
    filtered = client.get(index.url, {"area": "optics"}).content.decode()
    assert cards(filtered) == ["Huawei – PolyU Communication &amp; Advanced Computing"]
    assert 'aria-current="page">Optical communication</a>' in filtered
    # An unknown area shows everything rather than nothing.
    assert len(cards(client.get(index.url, {"area": "nonsense"}).content.decode())) == 2


def test_partner_page_shows_its_key_facts_and_table_of_contents(client, partners):
    page = partners["alibaba"]
    page.body = [
        factories.block("heading", {"text": "Aims", "level": "h2", "anchor_id": ""}),
        factories.block("paragraph", "<p>Exchange of research.</p>"),
        factories.block("heading", {"text": "Timeline", "level": "h2", "anchor_id": "history"}),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    text = text_of(html)
    assert "Partner Alibaba Group" in text
    assert "Partners since 2016" in text
    assert '<a href="#aims">Aims</a>' in html
    assert '<a href="#history">Timeline</a>' in html
    assert '<h2 id="history" class="heading">Timeline</h2>' in html
    assert '<meta name="description" content="A partnership in research and education.">' in html


def test_home_page_features_partners(client, partners):
    home = HomePage.in_language("en")
    home.hero_heading = "Research with industry"
    HomePageFeaturedPartner.objects.create(page=home, partner_page=partners["huawei"])
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert "<h1>Research with industry</h1>" in html
    assert cards(html) == ["Huawei – PolyU Communication &amp; Advanced Computing"]


def test_standard_page_renders_its_body(client, partners):
    page = factories.StandardPageFactory(
        parent=partners["huawei"],
        body=[factories.block("paragraph", "<p>Opened on 30 November 2016.</p>")],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>PolyU-Huawei Joint Laboratory</h1>" in html
    assert "<p>Opened on 30 November 2016.</p>" in html


class TestContacts:
    def render(self, contacts, page=None, language="en"):
        block = PartnerPage.body.field.stream_block.child_blocks["contacts"]
        value = block.to_python({"heading": "Enquiries", "contacts": [c.pk for c in contacts]})
        with translation.override(language):
            return block.render(value, context={"page": page})

    def test_contacts_have_mailto_and_tel_links_in_an_address(self):
        contact = factories.ContactFactory(office="Room Y123")
        factories.ContactPhoneNumberFactory(contact=contact, number="3400 2862")
        html = self.render([contact])
        assert "<address" in html
        assert '<a href="mailto:victor.zhao@example.edu.hk">' in html
        assert '<a href="tel:+85234002862">3400 2862</a>' in html
        assert "Room Y123" in html

    def test_missing_email_or_phone_leaves_no_empty_label(self):
        contact = factories.ContactFactory(name="Steven Lam", email="", job_title="", unit="")
        html = self.render([contact])
        assert "Steven Lam" in html
        assert "E-mail" not in html
        assert "<dl" not in html
        assert "contact__role" not in html

    def test_contacts_are_shown_in_the_pages_language(self, partners, django_assert_num_queries):
        hant = Locale.objects.get(language_code="zh-hant")
        contacts = [factories.ContactFactory(name=name) for name in ("Victor Zhao", "Steven Lam")]
        for contact in contacts:
            factories.ContactPhoneNumberFactory(contact=contact)
        translated = contacts[0].copy_for_translation(hant)
        translated.name = "趙先生"
        translated.save()
        zh_page = partners["huawei"].copy_for_translation(hant, copy_parents=True)
        block = PartnerPage.body.field.stream_block.child_blocks["contacts"]
        value = block.to_python({"heading": "查詢", "contacts": [c.pk for c in contacts]})
        # One query for the translations, one for every contact's phone numbers.
        with django_assert_num_queries(2), translation.override("zh-hant"):
            html = block.render(value, context={"page": zh_page})
        assert "趙先生" in html
        assert "Victor Zhao" not in html
        assert "Steven Lam" in html  # not translated yet: the original is shown
