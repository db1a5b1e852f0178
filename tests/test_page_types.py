"""Editors can create every page type through the admin's own form, where it belongs."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from partner_pages.models import (
    EnquiryFormPage,
    FundingCallsPage,
    PartnerIndexPage,
    PartnerPage,
    ProgrammePage,
    StandardPage,
)
from tests import factories
from tests.admin_forms import image_block, list_block

pytestmark = pytest.mark.django_db


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.in_language("en")
        cls.index = factories.PartnerIndexPageFactory(parent=cls.home)
        cls.partner = factories.PartnerPageFactory(parent=cls.index)
        cls.programme = factories.ProgrammePageFactory(parent=cls.partner)
        cls.image = factories.SmallImageFactory()
        cls.area = factories.ResearchAreaFactory(name="Big data", slug="big-data")
        cls.contact = factories.ContactFactory()
        cls.document = factories.DocumentFactory()

    def setUp(self):
        # force_login: django-axes refuses client.login(), which authenticates without a request.
        self.client.force_login(self.create_test_user())

    def test_home_page(self):
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "Industry partnerships",
                    "slug": "industry-partnerships",
                    "hero_heading": "Research with industry",
                    "hero_text": "PolyU works with Alibaba, Huawei and more.",
                    "hero_image": self.image.pk,
                    "introduction": rich_text("<p>Our partnerships.</p>"),
                    "featured_partners": inline_formset([{"partner_page": self.partner.pk}]),
                    "call_to_action": streamfield(
                        [
                            (
                                "call_to_action",
                                {
                                    "heading": "Tell us your idea",
                                    "text": "",
                                    "link_text": "Contact us",
                                    "page": self.index.pk,
                                    "external_url": "",
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        created = HomePage.objects.get(slug="industry-partnerships")
        assert list(created.featured_partner_pages()) == [self.partner]

    def test_partner_index_page(self):
        # One index per home page: this home already has one, a new home has none.
        other_home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Other site", slug="other-site", locale=self.home.locale)
        )
        self.assertCanCreate(
            other_home,
            PartnerIndexPage,
            nested_form_data({"title": "Partnerships", "introduction": rich_text("<p>All.</p>")}),
        )
        assert not PartnerIndexPage.can_create_at(self.home)

    def test_partner_page_with_every_body_block(self):
        data = nested_form_data(
            {
                "title": "Huawei – PolyU Communication & Advanced Computing",
                "partner_name": "Huawei Technologies",
                "logo": self.image.pk,
                "summary": "Collaborating since 2007.",
                "partnership_since": "2007",
                "body": streamfield(
                    [
                        ("heading", {"text": "Aims", "level": "h2", "anchor_id": ""}),
                        ("paragraph", rich_text("<p>Exchange of research.</p>")),
                        ("quote", {"quote": "Together.", "attribution": "", "role": ""}),
                        (
                            "key_facts",
                            {
                                "heading": "",
                                "facts": list_block([{"number": "700+", "label": "projects"}]),
                            },
                        ),
                        (
                            "image",
                            {"image": image_block(self.image, "A lab"), "caption": ""},
                        ),
                        (
                            "gallery",
                            {
                                "heading": "",
                                "images": list_block(
                                    [{"image": image_block(self.image, decorative=True)}]
                                ),
                            },
                        ),
                        (
                            "video",
                            {
                                "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
                                "title": "Joint lab",
                                "transcript": "",
                            },
                        ),
                        (
                            "timeline",
                            {
                                "heading": "Milestones",
                                "introduction": rich_text(""),
                                "periods": list_block(
                                    [
                                        {
                                            "label": "2016 – 2017",
                                            "events": list_block(
                                                [
                                                    {
                                                        "start_date": "2016-11-30",
                                                        "end_date": "",
                                                        "precision": "day",
                                                        "title": "Joint Lab opens",
                                                        "description": rich_text(""),
                                                        "images": list_block([]),
                                                        "link_url": "",
                                                        "link_text": "",
                                                    }
                                                ]
                                            ),
                                        }
                                    ]
                                ),
                            },
                        ),
                        (
                            "contacts",
                            {
                                "heading": "Enquiries",
                                "contacts": list_block([self.contact.pk]),
                            },
                        ),
                        (
                            "research_highlight",
                            {
                                "project_title": "RFID retail analytics",
                                "principal_investigator": "Dr. Lei YANG",
                                "investigator_role": "",
                                "department": "Department of Computing",
                                "year": "2021",
                                "summary": rich_text(""),
                                "link_url": "",
                            },
                        ),
                        (
                            "document",
                            {"document": self.document.pk, "title": "", "description": ""},
                        ),
                        (
                            "programme_list",
                            {"heading": "Programmes", "programmes": list_block([])},
                        ),
                        (
                            "call_to_action",
                            {
                                "heading": "Work with us",
                                "text": "",
                                "link_text": "Tell us your idea",
                                "page": "",
                                "external_url": "https://www.polyu.edu.hk/",
                            },
                        ),
                    ]
                ),
            }
        )
        data["research_areas"] = [self.area.pk]  # a multiple choice: one key, several values
        self.assertCanCreate(self.index, PartnerPage, data)
        page = PartnerPage.objects.get(partner_name="Huawei Technologies")
        assert [block.block_type for block in page.body][:3] == ["heading", "paragraph", "quote"]
        body_block_types = {
            name for name, _block in PartnerPage.body.field.stream_block.child_blocks.items()
        }
        assert {block.block_type for block in page.body} == body_block_types
        assert list(page.research_areas.all()) == [self.area]

    def test_programme_page(self):
        self.assertCanCreate(
            self.partner,
            ProgrammePage,
            nested_form_data(
                {
                    "title": "Huawei Innovation Research Program",
                    "acronym": "HIRP",
                    "audience": "Faculty members",
                    "summary": "",
                    "call_opens": "2020-03-01",
                    "call_closes": "2020-05-31",
                    "research_fields": streamfield(
                        [("research_field", "BlockChain"), ("research_field", "Future Networks")]
                    ),
                    "eligibility": rich_text("<p>Full-time faculty.</p>"),
                    "how_to_apply": rich_text("<p>Apply online.</p>"),
                    "external_url": "https://example.com/hirp",
                    "programme_contacts": inline_formset([{"contact": self.contact.pk}]),
                    "body": streamfield([]),
                }
            ),
        )
        page = ProgrammePage.objects.get(acronym="HIRP")
        assert [field.value for field in page.research_fields] == ["BlockChain", "Future Networks"]
        assert [link.contact for link in page.programme_contacts.all()] == [self.contact]

    def test_child_programme_page(self):
        self.assertCanCreate(
            self.programme,
            ProgrammePage,
            nested_form_data(
                {
                    "title": "Alibaba Research Fellow",
                    "acronym": "ARF",
                    "research_fields": streamfield([]),
                    "programme_contacts": inline_formset([]),
                    "body": streamfield([]),
                }
            ),
        )

    def test_standard_page(self):
        self.assertCanCreate(
            self.partner,
            StandardPage,
            nested_form_data(
                {
                    "title": "PolyU-Huawei Joint Laboratory",
                    "summary": "Optical interconnection networks.",
                    "body": streamfield([("paragraph", rich_text("<p>Opened in 2016.</p>"))]),
                }
            ),
        )

    def test_funding_calls_page(self):
        self.assertCanCreate(
            self.home,
            FundingCallsPage,
            nested_form_data(
                {"title": "Funding calls", "introduction": rich_text("<p>Every call.</p>")}
            ),
        )

    def test_enquiry_form_page(self):
        self.assertCanCreate(
            self.home,
            EnquiryFormPage,
            nested_form_data(
                {
                    "title": "Tell us your idea",
                    "introduction": rich_text("<p>Write to us.</p>"),
                    "form_fields": inline_formset(
                        [
                            {"label": "Your name", "field_type": "singleline", "required": "on"},
                            {"label": "Your idea", "field_type": "multiline", "required": "on"},
                        ]
                    ),
                    "thank_you_text": rich_text("<p>Thank you.</p>"),
                    "to_address": "itdo@example.edu.hk",
                    "from_address": "noreply@example.edu.hk",
                    "subject": "New idea",
                }
            ),
        )
        page = EnquiryFormPage.objects.get(title="Tell us your idea")
        assert [field.label for field in page.form_fields.all()] == ["Your name", "Your idea"]


class ParentChildRuleTests(WagtailPageTestCase):
    def test_where_each_page_type_may_live(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(PartnerIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
        self.assertAllowedParentPageTypes(ProgrammePage, {PartnerPage, ProgrammePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, PartnerPage, StandardPage})
        self.assertAllowedParentPageTypes(EnquiryFormPage, {HomePage, PartnerPage})
        self.assertAllowedParentPageTypes(FundingCallsPage, {HomePage})

    def test_what_each_page_type_may_contain(self):
        self.assertAllowedSubpageTypes(
            HomePage, {PartnerIndexPage, StandardPage, FundingCallsPage, EnquiryFormPage}
        )
        self.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerPage})
        self.assertAllowedSubpageTypes(PartnerPage, {ProgrammePage, StandardPage, EnquiryFormPage})
        self.assertAllowedSubpageTypes(ProgrammePage, {ProgrammePage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(EnquiryFormPage, set())
        self.assertAllowedSubpageTypes(FundingCallsPage, set())

    def test_programmes_cannot_be_created_outside_a_partnership(self):
        self.assertCanNotCreateAt(HomePage, ProgrammePage)
        self.assertCanNotCreateAt(PartnerIndexPage, ProgrammePage)
        self.assertCanNotCreateAt(HomePage, PartnerPage)
