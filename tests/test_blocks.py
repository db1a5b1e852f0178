"""Every body block renders: with its block-picker preview, and with realistic content."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage
from partner_pages.models import PartnerPage
from tests import factories

pytestmark = pytest.mark.django_db

BODY_BLOCKS = PartnerPage.body.field.stream_block.child_blocks


@pytest.fixture
def library(db):
    """What previews of image, document and contact blocks draw on."""
    image = factories.SmallImageFactory(title="MoU signing")
    document = factories.DocumentFactory(title="AIR Leaflet")
    contact = factories.ContactFactory(name="Karen Jiang")
    factories.ContactPhoneNumberFactory(contact=contact, number="3400 2864")
    return {"image": image, "document": document, "contact": contact}


@pytest.fixture
def partner(db):
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    partner = factories.PartnerPageFactory(parent=index)
    factories.ProgrammePageFactory(parent=partner, title="Alibaba Innovative Research")
    return partner


def render(name, value, page=None, language="en"):
    block = BODY_BLOCKS[name]
    with translation.override(language):
        return block.render(value, context={"page": page})


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_every_block_renders_its_preview_value(library, partner, name, language):
    block = BODY_BLOCKS[name]
    assert block.is_previewable
    html = render(name, block.get_preview_value(), page=partner, language=language)
    assert text_of(html), f"{name} rendered nothing"


@pytest.mark.parametrize("name", list(BODY_BLOCKS))
def test_block_picker_shows_a_preview_of_every_block(admin_client, library, name):
    block = BODY_BLOCKS[name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/site.css" in html
    body = html.split("<main>", 1)[1]
    assert text_of(body.split("</main>", 1)[0])


def test_previews_use_images_documents_and_contacts_from_the_library(library):
    assert "<picture>" in render("image", BODY_BLOCKS["image"].get_preview_value())
    assert render("gallery", BODY_BLOCKS["gallery"].get_preview_value()).count("<picture>") == 1
    assert "AIR Leaflet" in render("document", BODY_BLOCKS["document"].get_preview_value())
    assert "Karen Jiang" in render("contacts", BODY_BLOCKS["contacts"].get_preview_value())


def test_heading_has_an_anchor_for_the_table_of_contents():
    html = render("heading", BODY_BLOCKS["heading"].to_python({"text": "合作範疇", "level": "h3"}))
    assert html.strip() == '<h3 id="合作範疇" class="heading">合作範疇</h3>'


def test_image_alt_text_and_decorative_images():
    image = factories.SmallImageFactory()
    described = BODY_BLOCKS["image"].to_python(factories.figure(image, alt_text="MoU signing"))
    decorative = BODY_BLOCKS["image"].to_python(
        {"image": factories.image_value(image, decorative=True), "caption": ""}
    )
    html = render("image", described)
    assert 'alt="MoU signing"' in html
    assert 'loading="lazy"' in html
    assert re.search(r'<img [^>]*width="\d+"', html)
    assert re.search(r'<img [^>]*height="\d+"', html)
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert 'alt=""' in render("image", decorative)


def test_gallery_shows_every_photo_with_its_caption():
    images = [factories.SmallImageFactory() for _ in range(3)]
    value = BODY_BLOCKS["gallery"].to_python(
        {
            "heading": "Joint Lab opening",
            "images": [
                factories.figure(image, caption=f"Photo {i}") for i, image in enumerate(images)
            ],
        }
    )
    html = render("gallery", value)
    assert html.count("<picture>") == 3
    assert "Photo 2</figcaption>" in html


def test_document_shows_its_type_and_size():
    document = factories.DocumentFactory(title="HIRP call for proposals")
    value = BODY_BLOCKS["document"].to_python(
        {"document": document.pk, "title": "", "description": "Deadline and topics"}
    )
    html = text_of(render("document", value))
    assert "HIRP call for proposals" in html
    assert "PDF file, 2.0 KB" in html


def test_call_to_action_links_to_the_page_in_the_visitors_language(partner):
    zh_partner = partner.copy_for_translation(
        Locale.objects.get(language_code="zh-hant"), copy_parents=True
    )
    zh_partner.save_revision().publish()  # its parents are copied as (live) aliases
    value = BODY_BLOCKS["call_to_action"].to_python(
        {"heading": "Work with us", "link_text": "Read more", "page": partner.pk}
    )
    with translation.override("zh-hant"):
        html = BODY_BLOCKS["call_to_action"].render(value)
    assert f'href="{zh_partner.url}"' in html
    assert zh_partner.url.startswith("/zh-hant/")


def test_video_is_a_lazy_titled_iframe():
    value = BODY_BLOCKS["video"].to_python(
        {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Joint Lab opening ceremony"}
    )
    html = render("video", value)
    iframe = re.search(r"<iframe [^>]*>", html).group(0)
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in iframe
    assert 'title="Joint Lab opening ceremony"' in iframe
    assert 'loading="lazy"' in iframe


def test_key_facts_quote_and_research_highlight():
    facts = render(
        "key_facts",
        BODY_BLOCKS["key_facts"].to_python(
            {"heading": "HIRP", "facts": [{"number": "700+", "label": "projects funded"}]}
        ),
    )
    assert "<dt>projects funded</dt><dd>700+</dd>" in facts
    quote = render(
        "quote",
        BODY_BLOCKS["quote"].to_python(
            {"quote": "Win-win collaboration.", "attribution": "Huawei", "role": ""}
        ),
    )
    assert "<blockquote><p>Win-win collaboration.</p></blockquote>" in quote
    assert "quote__role" not in quote
    highlight = text_of(
        render(
            "research_highlight",
            BODY_BLOCKS["research_highlight"].to_python(
                {
                    "project_title": "Modelling the COVID-19 pandemic",
                    "principal_investigator": "Prof. Chan",
                    "department": "Department of Applied Mathematics",
                    "year": 2020,
                }
            ),
            language="zh-hant",
        )
    )
    assert "Modelling the COVID-19 pandemic" in highlight
    assert "2020" in highlight and "2,020" not in highlight


def test_programme_list_shows_this_partners_programmes_with_their_status(partner):
    factories.ProgrammePageFactory(
        parent=partner,
        title="Alibaba Research Intern",
        call_opens=datetime.date(2000, 1, 1),
        call_closes=datetime.date(2000, 2, 1),
    )
    value = BODY_BLOCKS["programme_list"].to_python({"heading": "Programmes", "programmes": []})
    html = text_of(render("programme_list", value, page=partner))
    assert "Alibaba Innovative Research AIR Rolling (no fixed dates)" in html
    assert "Alibaba Research Intern AIR Closed" in html
