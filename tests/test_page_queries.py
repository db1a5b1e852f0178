"""A partner page costs the same SQL queries however long its timeline and gallery are."""

import pytest
from django.core.cache import cache

from home.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

# Site and page lookup, the page tree for the URL, view restrictions, the
# language switcher, research areas, programmes (one query: core.visibility),
# the other child pages (none here), contacts and their phones,
# two for all the images on the page with their renditions, and (the cache being
# cold) the locale home pages, the main navigation, the footer, the
# breadcrumbs and the enquiry form of each language (one query).
PARTNER_PAGE_QUERIES = 27


def partner_page(events, gallery_images):
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    photo = factories.SmallImageFactory()
    contact = factories.ContactFactory()
    factories.ContactPhoneNumberFactory(contact=contact)
    partner = factories.PartnerPageFactory(
        parent=index,
        logo=factories.SmallImageFactory(),
        hero_image=factories.SmallImageFactory(),
        body=[
            factories.timeline_block(factories.monthly_events(events, images=[photo])),
            factories.gallery_block([factories.SmallImageFactory() for _ in range(gallery_images)]),
            factories.block(
                "contacts", {"heading": "Enquiries", "contacts": factories.list_items([contact.pk])}
            ),
        ],
    )
    partner.research_areas.add(factories.ResearchAreaFactory())
    partner.save_revision().publish()
    factories.ProgrammePageFactory(parent=partner)
    return partner


@pytest.mark.parametrize(("events", "gallery_images"), [(3, 0), (60, 30)])
def test_partner_page_query_count_does_not_grow_with_its_content(
    client, django_assert_num_queries, events, gallery_images
):
    partner = partner_page(events, gallery_images)
    warm_up = client.get(partner.url)  # creates the renditions
    assert warm_up.status_code == 200
    cache.clear()  # renditions must come from the page's own bulk query, not the cache

    with django_assert_num_queries(PARTNER_PAGE_QUERIES):
        response = client.get(partner.url)

    html = response.content.decode()
    assert html.count('class="timeline__event"') == events
    # Every gallery image, the timeline photo, the logo and the hero are shown.
    assert html.count("<picture>") == gallery_images + 3
