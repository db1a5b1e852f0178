"""Translators see only what is theirs to translate: synchronised fields are not segments."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from home.models import HomePage
from partner_pages.models import (
    Contact,
    ContactPhoneNumber,
    PartnerIndexPage,
    PartnerPage,
    ProgrammePage,
)
from tests.translation_fixtures import make_english_page

pytestmark = pytest.mark.django_db


def fields_to_translate(instance):
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    return {
        segment.context.path.split(".")[0]
        for segment in StringSegment.objects.filter(source=source).select_related("context")
    }


def overridable_fields(instance):
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    return {
        segment.context.path.split(".")[0]
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }


def test_contact_translates_words_and_synchronises_address_and_phone_numbers():
    contact = Contact(
        name="Dr Chan",
        job_title="Director",
        unit="ITDO",
        office="Room M1603",
        email="itdo@example.edu",
    )
    contact.phone_numbers.add(ContactPhoneNumber(kind="office", number="3400 2862"))
    contact.save()
    assert fields_to_translate(contact) == {"name", "job_title", "unit", "office"}


def test_programme_translates_text_and_synchronises_dates_links_and_acronym():
    index = PartnerIndexPage(title="Partnerships", slug="partnerships")
    HomePage.in_language("en").add_child(instance=index)
    partner = PartnerPage(title="Alibaba", slug="alibaba", partner_name="Alibaba Group")
    index.add_child(instance=partner)
    programme = ProgrammePage(
        title="AIR",
        slug="air",
        acronym="AIR",
        audience="Faculty members",
        summary="Funding for joint research.",
        call_opens=datetime.date(2026, 1, 1),
        call_closes=datetime.date(2026, 3, 31),
        eligibility="<p>Full-time staff.</p>",
        how_to_apply="<p>Apply online.</p>",
        external_url="https://example.com/air",
    )
    partner.add_child(instance=programme)

    translated = fields_to_translate(programme)
    assert {"title", "audience", "summary", "eligibility", "how_to_apply"} <= translated
    assert not translated & {"acronym", "call_opens", "call_closes", "external_url", "slug"}
    # The acronym and the website may be overridden per locale, but start synchronised.
    assert {"acronym", "external_url"} <= overridable_fields(programme)
    assert "partner_name" in fields_to_translate(partner)


def test_a_new_translation_of_a_live_page_starts_as_a_draft(admin_client):
    page = make_english_page()
    hans = Locale.objects.get(language_code="zh-hans")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [hans.pk]},
    )
    assert response.status_code == 302
    translated = page.get_translation(hans)
    assert page.live
    assert not translated.live  # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
