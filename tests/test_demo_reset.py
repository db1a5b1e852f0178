"""`load_demo_content --reset` deletes what the demo made, and nothing the team made.

The demo is loaded once for this module inside a transaction rolled back at the
end (as in test_search_demo), and each test rolls back its own changes, so other
modules start from the bare three home pages.
"""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max
from django.test import override_settings
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail_localize.models import (
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationSource,
)

from core.models import FooterContent
from demo import builder
from demo.models import DemoObject
from home.models import HomePage
from partner_pages.models import Contact, PartnerIndexPage, PartnerPage, ResearchArea

from .factories import (
    ContactFactory,
    ImageFactory,
    PartnerPageFactory,
    ResearchAreaFactory,
    StandardPageFactory,
    enquiry_form_page,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant", "zh-hans"]
DEMO_PATHS = [
    "/partnerships/",
    "/partnerships/alibaba/",
    "/partnerships/alibaba/air/arf/",
    "/partnerships/huawei/joint-laboratory/",
    "/tell-us-your-idea/",
]


@pytest.fixture(scope="module", autouse=True)
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def reset():
    call_command("load_demo_content", "--reset", stdout=StringIO())


def is_recorded(obj):
    return DemoObject.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).exists()


def row_counts():
    models = [
        Page,
        FormSubmission,
        Contact,
        ResearchArea,
        FooterContent,
        get_image_model(),
        get_document_model(),
        Collection,
        TranslatableObject,
        TranslationSource,
        Translation,
        StringTranslation,
        DemoObject,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["latest publication"] = Page.objects.aggregate(latest=Max("last_published_at"))
    return counts


def english_index():
    return PartnerIndexPage.objects.get(locale__language_code="en")


def demo_collection():
    return Collection.objects.get(name=builder.COLLECTION_NAME)


def test_the_demo_records_what_it_made_and_not_the_home_pages_or_footers():
    homes = list(HomePage.objects.all())
    assert len(homes) == 3
    assert not any(is_recorded(page.specific) for page in homes)
    assert not any(is_recorded(footer) for footer in FooterContent.objects.all())

    below_homes = Page.objects.filter(depth__gt=2).specific()
    assert len(below_homes) == 3 * 10  # ten demo pages below each home page
    assert all(is_recorded(page) for page in below_homes)
    for model in [Contact, ResearchArea, TranslationSource, Translation, StringTranslation]:
        assert all(is_recorded(obj) for obj in model.objects.all()), model
    assert is_recorded(demo_collection())
    in_collection = get_image_model().objects.filter(collection=demo_collection())
    assert in_collection.count() > 10
    assert all(is_recorded(image) for image in in_collection)
    assert all(is_recorded(doc) for doc in get_document_model().objects.all())


def test_a_second_run_records_nothing_more():
    before = row_counts()
    call_command("load_demo_content", stdout=StringIO())
    assert row_counts() == before


def test_reset_keeps_everything_the_team_made_and_rebuilds_the_demo(client):
    english_home = HomePage.in_language("en")
    # The team replaces the demo's "Big data" with its own, under the same slug.
    ResearchArea.objects.get(slug="big-data", locale__language_code="en").delete()
    their_area = ResearchAreaFactory(slug="big-data", name="Big data and analytics")
    their_other_area = ResearchAreaFactory(slug="robotics", name="Robotics")
    their_page = StandardPageFactory(parent=english_home, title="Careers", slug="careers")
    their_contact = ContactFactory(name="Mei Chan", email="mei.chan@example.edu.hk")
    their_image = ImageFactory(title="Open day")
    their_image_in_demo_collection = ImageFactory(
        title="Open day, in the demo's collection", collection=demo_collection()
    )
    their_form = enquiry_form_page(title="Visit requests", slug="visit-requests")
    their_submission = FormSubmission.objects.create(
        page=their_form, form_data={"your_name": "A visitor"}
    )
    theirs = [
        their_area,
        their_other_area,
        their_page,
        their_contact,
        their_image,
        their_image_in_demo_collection,
        their_form,
        their_submission,
    ]
    old_demo_pages = set(DemoObject.objects.ids_of(Page))

    reset()

    for obj in theirs:
        assert type(obj).objects.filter(pk=obj.pk).exists(), obj
        assert not is_recorded(obj), obj
    assert english_home.get_children().filter(pk=their_page.pk).exists()
    # The collection holds the team's image, so it stays (still the demo's).
    assert is_recorded(demo_collection())
    # Rebuilt: new demo pages, in every language, that reuse the team's "big-data".
    new_demo_pages = set(DemoObject.objects.ids_of(Page))
    assert len(new_demo_pages) == len(old_demo_pages)
    assert not new_demo_pages & old_demo_pages
    for language in LANGUAGES:
        for path in DEMO_PATHS:
            assert client.get(f"/{language}{path}").status_code == 200, f"/{language}{path}"
    alibaba = PartnerPage.objects.get(locale__language_code="en", slug="alibaba")
    assert their_area in alibaba.research_areas.all()
    # No record is left of anything deleted.
    for record in DemoObject.objects.select_related("content_type"):
        model = record.content_type.model_class()
        assert model.objects.filter(pk=record.object_id).exists(), record


def test_removing_the_demo_leaves_the_home_pages_footers_and_the_teams_work():
    their_page = StandardPageFactory(parent=HomePage.in_language("zh-hant"), slug="news")
    their_contact = ContactFactory(name="Mei Chan")
    their_image = ImageFactory(collection=demo_collection())
    assert Contact.objects.exclude(pk=their_contact.pk).count() == 9  # three in each language

    builder.remove_demo_content()

    assert set(Page.objects.filter(depth__gt=2)) == {their_page.page_ptr}
    assert Page.objects.filter(depth=2).count() == 3
    assert FooterContent.objects.count() == 3
    assert list(Contact.objects.all()) == [their_contact]
    assert not ResearchArea.objects.exists()
    assert list(get_image_model().objects.all()) == [their_image]
    assert not get_document_model().objects.exists()
    assert not TranslationSource.objects.exists()
    assert not Translation.objects.exists()
    # Its string translations too, those of the home pages and footers (which stay) included.
    assert not StringTranslation.objects.exists()
    # Only the record of the collection that still holds the team's image is left.
    assert [record.object_id for record in DemoObject.objects.all()] == [str(demo_collection().pk)]

    their_image.delete()
    builder.remove_demo_content()
    assert not Collection.objects.filter(name=builder.COLLECTION_NAME).exists()
    assert not DemoObject.objects.exists()


def test_reset_refuses_when_a_page_was_added_below_a_demo_page():
    their_partner = PartnerPageFactory(
        parent=english_index(), title="Tencent – PolyU", slug="tencent"
    )
    before = row_counts()

    with pytest.raises(CommandError, match=r"Tencent – PolyU.*added below a demo page"):
        reset()

    assert row_counts() == before
    assert Page.objects.filter(pk=their_partner.pk).exists()


def test_reset_refuses_when_the_demo_form_has_submissions():
    demo_form = Page.objects.get(locale__language_code="zh-hans", slug="tell-us-your-idea")
    submission = FormSubmission.objects.create(page=demo_form, form_data={"your_name": "A visitor"})
    before = row_counts()

    with pytest.raises(CommandError, match=rf"form submission {submission.pk} of .*tell-us"):
        reset()

    assert row_counts() == before


def test_reset_refuses_when_the_demo_was_loaded_before_it_kept_records():
    DemoObject.objects.all().delete()
    before = row_counts()

    with pytest.raises(CommandError, match="recorded as the demo's"):
        reset()

    assert row_counts() == before
