"""Test data: pages, snippets, images and documents, and raw StreamField blocks.

Pages are built with wagtail-factories (`parent=` places them in the tree);
StreamField bodies are given as the raw JSON-like data Wagtail stores, built
by the `*_block` helpers below, so a test reads like the content it renders.
"""

import datetime
import uuid

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from home.models import HomePage
from partner_pages.models import (
    Contact,
    ContactPhoneNumber,
    EnquiryFormField,
    EnquiryFormPage,
    PartnerIndexPage,
    PartnerPage,
    ProgrammePage,
    ResearchArea,
    StandardPage,
)


def english():
    return Locale.objects.get(language_code="en")


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.django.ImageField(width=1600, height=1000, color="#8a1538")


class SmallImageFactory(ImageFactory):
    """A small image: quick to make renditions of, for tests that need many."""

    file = factory.django.ImageField(width=120, height=80, color="#1d1d1f")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = "AIR Leaflet"
    file = factory.django.FileField(filename="air-leaflet.pdf", data=b"%PDF-1.4 " + b"x" * 2048)


class ResearchAreaFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Research area {n}")
    slug = factory.Sequence(lambda n: f"research-area-{n}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = ResearchArea


class ContactFactory(DjangoModelFactory):
    name = "Victor Zhao"
    job_title = "Manager"
    unit = "ITDO"
    email = "victor.zhao@example.edu.hk"
    office = ""
    locale = factory.LazyFunction(english)

    class Meta:
        model = Contact


class ContactPhoneNumberFactory(DjangoModelFactory):
    contact = factory.SubFactory(ContactFactory)
    kind = "office"
    number = "3400 2862"

    class Meta:
        model = ContactPhoneNumber


class BodyPageFactory(wagtail_factories.PageFactory):
    summary = "A partnership in research and education."
    body = factory.LazyFunction(list)

    class Meta:
        abstract = True


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partnerships"
    slug = factory.Sequence(lambda n: f"partnerships-{n}")

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(BodyPageFactory):
    title = "Alibaba – PolyU Big Data & Cloud Computing"
    slug = factory.Sequence(lambda n: f"alibaba-{n}")
    partner_name = "Alibaba Group"
    partnership_since = 2016

    class Meta:
        model = PartnerPage


class ProgrammePageFactory(BodyPageFactory):
    title = "Alibaba Innovative Research"
    slug = factory.Sequence(lambda n: f"air-{n}")
    acronym = "AIR"
    audience = "Faculty members"

    class Meta:
        model = ProgrammePage


class StandardPageFactory(BodyPageFactory):
    title = "PolyU-Huawei Joint Laboratory"
    slug = factory.Sequence(lambda n: f"joint-lab-{n}")

    class Meta:
        model = StandardPage


class EnquiryFormPageFactory(wagtail_factories.PageFactory):
    title = "Tell us your idea"
    slug = factory.Sequence(lambda n: f"enquiries-{n}")
    to_address = "itdo@example.edu.hk"
    from_address = "noreply@example.edu.hk"
    subject = "New enquiry"

    class Meta:
        model = EnquiryFormPage


class EnquiryFormFieldFactory(DjangoModelFactory):
    page = factory.SubFactory(EnquiryFormPageFactory)
    sort_order = factory.Sequence(int)
    label = "Your name"
    field_type = "singleline"
    required = True

    class Meta:
        model = EnquiryFormField


def enquiry_form_page(parent=None, **kwargs):
    """An enquiry form with name, e-mail and message fields."""
    page = EnquiryFormPageFactory(parent=parent or HomePage.in_language("en"), **kwargs)
    EnquiryFormFieldFactory(page=page, label="Your name", field_type="singleline")
    EnquiryFormFieldFactory(page=page, label="Your e-mail", field_type="email")
    EnquiryFormFieldFactory(page=page, label="Your idea", field_type="multiline")
    return page


# --- Raw StreamField data ---------------------------------------------------------


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def image_value(image, alt_text="", decorative=False):
    return {"image": image.pk, "alt_text": alt_text, "decorative": decorative}


def figure(image, alt_text="A photograph", caption=""):
    return {"image": image_value(image, alt_text), "caption": caption}


def event(start, title, end=None, precision="month", images=(), **extra):
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else None,
        "precision": precision,
        "title": title,
        "description": extra.get("description", ""),
        "images": [
            {"type": "item", "value": figure(image), "id": str(uuid.uuid4())} for image in images
        ],
        "link_url": extra.get("link_url", ""),
        "link_text": extra.get("link_text", ""),
    }


def list_items(values):
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def timeline_block(events, heading="Milestones", label="2016 – 2017"):
    return block(
        "timeline",
        {
            "heading": heading,
            "introduction": "",
            "periods": list_items([{"label": label, "events": list_items(events)}]),
        },
    )


def gallery_block(images, heading="Joint laboratory opening"):
    return block(
        "gallery",
        {"heading": heading, "images": list_items([figure(image) for image in images])},
    )


def monthly_events(count, images=()):
    """`count` events a month apart from June 2016, the first with `images`."""
    events = []
    for index in range(count):
        year, month = divmod(5 + index, 12)
        events.append(
            event(
                datetime.date(2016 + year, month + 1, 1),
                f"Event {index + 1}",
                images=images if index == 0 else (),
            )
        )
    return events
