"""Blocks for partnership content: timelines, contacts, research, programmes.

`body_blocks()` assembles every block a page body can use, grouped the way
editors see them in the block picker.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import (
    INLINE_FEATURES,
    CallToActionBlock,
    DocumentBlock,
    FigureBlock,
    GalleryBlock,
    HeadingBlock,
    KeyFactsBlock,
    LinkCheckedRichTextBlock,
    LinkURLBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)
from core.dates import DAY, MONTH, YEAR, date_parts, date_text
from core.localization import localize_all
from core.validators import year_validators
from core.visibility import public

PRECISION_CHOICES = [
    (YEAR, _("Year only (2016)")),
    (MONTH, _("Month and year (June 2016)")),
    (DAY, _("Full date (30 June 2016)")),
]


class TimelineEventValue(blocks.StructValue):
    @cached_property
    def date_parts(self):
        """[(machine, text)...] and separator, for <time> elements in the page's language."""
        return date_parts(self["start_date"], self.get("end_date"), self["precision"])

    @property
    def date_text(self):
        return date_text(self["start_date"], self.get("end_date"), self["precision"])


class TimelineEventBlock(blocks.StructBlock):
    """Something that happened in a partnership, on a date or over a period."""

    start_date = blocks.DateBlock(
        label=_("Date"),
        help_text=_(
            "For a month, pick any day in it and choose “Month and year” below: "
            "the day is never shown."
        ),
    )
    end_date = blocks.DateBlock(
        required=False,
        label=_("End date"),
        help_text=_("Only for events that span a period, e.g. August – October 2017."),
    )
    precision = blocks.ChoiceBlock(
        choices=PRECISION_CHOICES,
        default=MONTH,
        label=_("Show the date as"),
        search_index=False,  # "Month and year" is interface text, not what the page says
    )
    title = blocks.CharBlock(max_length=250, label=_("What happened"))
    description = LinkCheckedRichTextBlock(
        required=False, features=INLINE_FEATURES + ["ul"], label=_("Details")
    )
    images = blocks.ListBlock(FigureBlock(), required=False, default=[], label=_("Photos"))
    link_url = LinkURLBlock(required=False, label=_("Read more at"))
    link_text = blocks.CharBlock(
        required=False, max_length=80, label=_("Link text"), help_text=_("E.g. “News story”")
    )

    class Meta:
        icon = "date"
        value_class = TimelineEventValue
        label = _("Event")

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_date"), value.get("end_date")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={
                    "end_date": ValidationError(_("The end date cannot be before the start date."))
                }
            )
        return value


class TimelinePeriodBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=40, label=_("Period"), help_text=_("E.g. “2016 – 2017”"))
    events = blocks.ListBlock(TimelineEventBlock(), min_num=1, label=_("Events"))

    class Meta:
        icon = "time"
        label = _("Period")


class TimelineBlock(blocks.StructBlock):
    """A partnership's history, period by period."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    introduction = LinkCheckedRichTextBlock(
        required=False, features=INLINE_FEATURES, label=_("Introduction")
    )
    periods = blocks.ListBlock(TimelinePeriodBlock(), min_num=1, label=_("Periods"))

    class Meta:
        icon = "history"
        template = "components/blocks/timeline_block.html"
        label = _("Timeline")
        description = _("Events grouped by period, oldest first")
        preview_value = {
            "heading": "Milestones",
            "periods": [
                {
                    "label": "2016 – 2017",
                    "events": [
                        {
                            "start_date": datetime.date(2016, 6, 1),
                            "precision": MONTH,
                            "title": "1st Alibaba Technology Forum on Big Data and Cloud Computing",
                        },
                        {
                            "start_date": datetime.date(2017, 8, 1),
                            "end_date": datetime.date(2017, 10, 1),
                            "precision": MONTH,
                            "title": "Call for proposals and technology match-making",
                        },
                    ],
                }
            ],
        }


class ContactBlock(blocks.StructBlock):
    """Who to ask: contacts from the shared Contacts list, so each is updated once."""

    heading = blocks.CharBlock(max_length=120, default=_("Enquiries"), label=_("Heading"))
    contacts = blocks.ListBlock(
        SnippetChooserBlock("partner_pages.Contact"), min_num=1, label=_("Contacts")
    )

    class Meta:
        icon = "mail"
        template = "components/blocks/contact_block.html"
        label = _("Contacts")
        description = _("Enquiry contacts with their e-mail and phone numbers")

    def get_context(self, value, parent_context=None):
        """The contacts in the page's language (their phone numbers loaded with them)."""
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        contacts = localize_all(value.get("contacts") or [], getattr(page, "locale", None))
        prefetch_related_objects(contacts, "phone_numbers")
        context["contacts"] = contacts
        return context

    def get_preview_value(self):
        contact_model = self.child_blocks["contacts"].child_block.target_model
        return self.to_python(
            {
                "heading": "Enquiries",
                "contacts": list(contact_model.objects.values_list("pk", flat=True)[:2]),
            }
        )


class ResearchHighlightBlock(blocks.StructBlock):
    """A funded project worth showing: who leads it, where, and when."""

    project_title = blocks.CharBlock(max_length=250, label=_("Project title"))
    principal_investigator = blocks.CharBlock(
        max_length=120, label=_("Principal investigator"), help_text=_("E.g. “Dr. Lei YANG”")
    )
    investigator_role = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Their position"),
        help_text=_("E.g. “Assistant Professor”"),
    )
    department = blocks.CharBlock(max_length=160, label=_("Department"))
    year = blocks.IntegerBlock(
        label=_("Year"),
        validators=year_validators(
            too_early=_(
                "The project cannot date from before %(limit_value)s, "
                "when the university was founded."
            ),
            too_late=_(
                "The project's year cannot be after %(limit_value)s, next year: "
                "a later year is most likely a typing error."
            ),
        ),
    )
    summary = LinkCheckedRichTextBlock(required=False, features=INLINE_FEATURES, label=_("Summary"))
    link_url = LinkURLBlock(required=False, label=_("More about the project"))

    class Meta:
        icon = "pick"
        template = "components/blocks/research_highlight_block.html"
        label = _("Research highlight")
        description = _("A funded research project and its investigator")
        preview_value = {
            "project_title": "Identification, Tracking and Behavior Mining in Retail Store "
            "Powered by COTS RFIDs",
            "principal_investigator": "Dr. Lei YANG",
            "investigator_role": "Assistant Professor",
            "department": "Department of Computing",
            "year": 2021,
        }


class ProgrammeListValue(blocks.StructValue):
    def programmes_for(self, page):
        """The chosen programmes that are live and public, or else the page's partnership's.

        Without a choice the list is the partner page's own programme list: the
        same programmes, as the same tree (see BodyPage.partner_programmes).
        """
        chosen = [programme for programme in self.get("programmes") or [] if programme]
        if not chosen:
            partner_programmes = getattr(page, "partner_programmes", None)
            return partner_programmes() if partner_programmes else []
        ids = [programme.pk for programme in chosen]
        shown = public(type(chosen[0]).objects.live().filter(pk__in=ids)).in_bulk()
        return [shown[pk] for pk in ids if pk in shown]


class ProgrammeListBlock(blocks.StructBlock):
    """Funding programmes as cards with their call status."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    programmes = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="partner_pages.ProgrammePage"),
        required=False,
        default=[],
        label=_("Programmes"),
        help_text=_("Leave empty to list every programme of this page's partner."),
    )

    class Meta:
        icon = "list-ul"
        template = "components/blocks/programme_list_block.html"
        label = _("Programme list")
        description = _("Programme cards: chosen ones, or all of this partner's")
        value_class = ProgrammeListValue
        preview_value = {"heading": "Funding programmes", "programmes": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["programmes"] = value.programmes_for((parent_context or {}).get("page"))
        return context


def body_blocks():
    """Every block a page body offers, grouped for the block picker."""
    text, media, partnership = _("Text"), _("Media"), _("Partnership")
    return [
        ("heading", HeadingBlock(group=text)),
        ("paragraph", ParagraphBlock(group=text)),
        ("quote", QuoteBlock(group=text)),
        ("key_facts", KeyFactsBlock(group=text)),
        ("call_to_action", CallToActionBlock(group=text)),
        ("image", FigureBlock(group=media)),
        ("gallery", GalleryBlock(group=media)),
        ("video", VideoBlock(group=media)),
        ("document", DocumentBlock(group=media)),
        ("timeline", TimelineBlock(group=partnership)),
        ("contacts", ContactBlock(group=partnership)),
        ("research_highlight", ResearchHighlightBlock(group=partnership)),
        ("programme_list", ProgrammeListBlock(group=partnership)),
    ]
