"""Partnership pages: the partnerships index, partners, programmes, other pages, the enquiry form.

And the snippets they share: contacts and research areas, whose changes are
drafts until a reviewer of their language publishes them (ReviewedSnippetMixin).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import fragments
from core.blocks import PARAGRAPH_FEATURES
from core.fields import (
    SYNCHRONISED_SLUG,
    LinkCheckedRichTextField,
    LinkURLField,
    image_field,
)
from core.images import preload_page_images
from core.localization import localize_all, localized_versions
from core.models import ReviewedSnippetMixin
from core.validators import tel_uri, validate_phone_number, year_validators
from core.visibility import public

from .blocks import body_blocks
from .enquiries import EnquiryFormMixin, enquiry_form_url
from .enquiry_admin import EnquirySubmissionsPanel
from .forms import PartnerPageForm

# --- Snippets -------------------------------------------------------------------


class ResearchArea(ReviewedSnippetMixin, TranslatableMixin, models.Model):
    """A field of research partnerships are filed under, e.g. "Big data"."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in filter addresses (?area=big-data); the same in every language."),
    )

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("research area")
        verbose_name_plural = _("research areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_research_area_slug")
        ]

    def __str__(self):
        return self.name


class Contact(ReviewedSnippetMixin, TranslatableMixin, ClusterableModel):
    """A person or office to ask: kept once here, shown on every page that needs it."""

    name = models.CharField(_("name"), max_length=120)
    job_title = models.CharField(_("job title"), max_length=160, blank=True)
    unit = models.CharField(
        _("unit"), max_length=160, blank=True, help_text=_("Department or office, e.g. ITDO")
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Leave empty rather than guess an address.")
    )
    office = models.CharField(_("office"), max_length=120, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("unit")]),
        FieldPanel("email"),
        InlinePanel("phone_numbers", label=_("Phone numbers")),
        FieldPanel("office"),
    ]
    override_translatable_fields = [
        SynchronizedField("email", overridable=False),
        SynchronizedField("phone_numbers", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name


class ContactPhoneNumber(Orderable):
    KIND_CHOICES = [("office", _("Office")), ("mobile", _("Mobile")), ("fax", _("Fax"))]

    contact = ParentalKey(Contact, related_name="phone_numbers", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default="office")
    number = models.CharField(
        _("number"),
        max_length=30,
        validators=[validate_phone_number],
        help_text=_("E.g. 3400 2862 (Hong Kong) or +86 571 8502 2088"),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("number")])]

    class Meta(Orderable.Meta):
        verbose_name = _("phone number")

    @property
    def tel_uri(self):
        return tel_uri(self.number)


# --- Pages ----------------------------------------------------------------------


class BodyPage(Page):
    """Shared by page types with a summary and a body of blocks (not a table of its own)."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards, search results and search engines."),
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary

    def has_block(self, block_type):
        """Whether the body has a block of this type (reads the stored JSON, renders nothing)."""
        return any(block.get("type") == block_type for block in self.body.raw_data)

    def partner_programmes(self):
        """The live programmes of the partnership this page belongs to, as a tree."""
        partner = (
            self if isinstance(self, PartnerPage) else PartnerPage.objects.ancestor_of(self).first()
        )
        return programme_tree(partner) if partner else []

    def table_of_contents(self):
        """The body's level-2 headings, in order: the on-page table of contents."""
        return [
            block.value
            for block in self.body
            if block.block_type == "heading" and block.value.get("level") == "h2"
        ]

    # The page's own image fields, loaded with the body's images (see get_body_context).
    image_field_names = ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The body from the fragment cache (core.fragments) when it holds a true
        # one; only otherwise is what the body shows loaded.
        context["body_fragment"] = fragment = fragments.lookup(request, self)
        if not fragment.hit:
            context.update(self.get_body_context(request))
        return context

    def get_body_context(self, request):
        """What the body (the template's `{% cached_body %}`) shows besides the page's fields."""
        # Every image on the page and its renditions: two queries, however many images.
        preload_page_images(self, image_field_names=self.image_field_names)
        return {}


class PartnerIndexPage(Page):
    """ "Partnerships": every partner as a card, filterable by research area."""

    introduction = LinkCheckedRichTextField(
        _("introduction"), features=PARAGRAPH_FEATURES, blank=True
    )

    # Top-level pages of these types appear in the main navigation unless unticked.
    show_in_menus_default = True
    template = "pages/partner_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partner_pages.PartnerPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    override_translatable_fields = [SYNCHRONISED_SLUG]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    # The page cache (page_cache/) keeps one copy per research area; any other
    # query parameter shares the unfiltered page.
    page_cache_query_params = ("area",)

    class Meta:
        verbose_name = _("partnerships index")

    def partners(self):
        return (
            PartnerPage.objects.child_of(self)
            .live()
            .public()
            .select_related("logo")
            .prefetch_related("research_areas")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners())
        # One query localises every card's research areas, however many partners;
        # an area with no published version is on no card and in no filter.
        shown = localized_versions(
            [a for p in partners for a in p.research_areas.all()], self.locale
        )
        for partner in partners:
            # dict.fromkeys: an area ticked in two languages shows once.
            partner.localized_research_areas = list(
                dict.fromkeys(
                    shown[area.pk] for area in partner.research_areas.all() if area.pk in shown
                )
            )
        areas = {area.slug: area for p in partners for area in p.localized_research_areas}
        selected = request.GET.get("area", "")
        # The page cache stores the page only for an area it lists (no new
        # entry for every made-up `?area=`).
        request.page_cache_query = {"area": selected} if selected in areas else {}
        if selected in areas:
            partners = [
                p for p in partners if any(a.slug == selected for a in p.localized_research_areas)
            ]
        context.update(
            partners=partners,
            research_areas=sorted(areas.values(), key=lambda area: area.name),
            selected_area=areas.get(selected),
        )
        return context


class PartnerPage(BodyPage):
    """One industry partnership: who, since when, in which fields, and its story."""

    partner_name = models.CharField(
        _("partner name"),
        max_length=120,
        help_text=_(
            "The company or institution, e.g. Alibaba Group. The page title names the partnership."
        ),
    )
    logo = image_field(_("logo"))
    hero_image = image_field(
        _("hero image"), help_text=_("A wide photograph shown at the top of the page.")
    )
    partnership_since = models.PositiveSmallIntegerField(
        _("partnership since"),
        null=True,
        blank=True,
        validators=year_validators(
            too_early=_(
                "The partnership cannot start before %(limit_value)s, "
                "when the university was founded."
            ),
            too_late=_(
                "The partnership cannot start after %(limit_value)s, next year: "
                "a later year is most likely a typing error."
            ),
        ),
        help_text=_("The year the collaboration began, e.g. 2007."),
    )
    research_areas = ParentalManyToManyField(
        ResearchArea, blank=True, related_name="partners", verbose_name=_("research areas")
    )

    template = "pages/partner_page.html"
    image_field_names = ("logo", "hero_image")
    parent_page_types = ["partner_pages.PartnerIndexPage"]
    subpage_types = [
        "partner_pages.ProgrammePage",
        "partner_pages.StandardPage",
        "partner_pages.EnquiryFormPage",
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("partner_name"),
                FieldRowPanel([FieldPanel("logo"), FieldPanel("hero_image")]),
                FieldPanel("summary"),
                FieldPanel("partnership_since"),
                FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
                # Not a model field: PartnerPageForm creates the areas named there.
                FieldPanel("new_research_areas"),
            ],
            heading=_("Partner"),
        ),
        FieldPanel("body"),
    ]
    # Lists the research areas of the page's own language only.
    base_form_class = PartnerPageForm
    search_fields = [*BodyPage.search_fields, index.SearchField("partner_name")]
    override_translatable_fields = [
        SYNCHRONISED_SLUG,
        SynchronizedField("logo"),
        SynchronizedField("hero_image"),
        SynchronizedField("partnership_since", overridable=False),
        SynchronizedField("research_areas", overridable=False),
    ]

    class Meta:
        verbose_name = _("partner page")

    def get_body_context(self, request):
        context = super().get_body_context(request)
        # dict.fromkeys: an area ticked in two languages shows once.
        context["research_areas"] = list(
            dict.fromkeys(localize_all(self.research_areas.all(), self.locale))
        )
        # A programme list block in the body shows them instead.
        if not self.has_block("programme_list"):
            context["programmes"] = programme_tree(self)
        context["other_pages"] = self.other_pages()
        return context

    def other_pages(self):
        """The partnership's live child pages that are not programmes (a joint laboratory...).

        Listed on the partner page so that each can be reached by a link: one
        query, and one per page type for their own fields, however many pages.
        The partner page is being shown, so a child is private only through a
        restriction of its own (no `public()`, which reads every restriction).
        """
        return list(
            Page.objects.child_of(self)
            .live()
            .filter(view_restrictions__isnull=True)
            .not_type(ProgrammePage)
            .order_by("path")
            .specific()
        )


def programme_tree(ancestor):
    """Live programmes below `ancestor`, each with `.child_programmes` set: two queries."""
    programmes = list(public(ProgrammePage.objects.descendant_of(ancestor).live().order_by("path")))
    by_path = {programme.path: programme for programme in programmes}
    roots = []
    for programme in programmes:
        programme.child_programmes = []
        parent = by_path.get(programme.path[: -ProgrammePage.steplen])
        (parent.child_programmes if parent else roots).append(programme)
    return roots


class ProgrammeStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opening soon")
    OPEN = "open", _("Open for applications")
    TO_BE_ANNOUNCED = "tba", _("To be announced")
    CLOSED = "closed", _("Closed")
    ROLLING = "rolling", _("Rolling (no fixed dates)")


def hong_kong_today():
    """Today's date where the calls run: statuses and countdowns turn at midnight there.

    settings.TIME_ZONE is Asia/Hong_Kong, so this is Django's local date.
    """
    return timezone.localdate()


def next_midnight(day):
    """The moment `day` ends in Hong Kong (an aware datetime): when a status may turn."""
    following = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))


class ProgrammePage(BodyPage):
    """A funding or exchange programme: who it is for, when to apply, and how."""

    acronym = models.CharField(
        _("acronym"), max_length=20, blank=True, help_text=_("E.g. AIR, HIRP, ARF")
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=160,
        blank=True,
        help_text=_("E.g. faculty members, PhD students, visiting scholars"),
    )
    call_opens = models.DateField(
        _("call opens"),
        null=True,
        blank=True,
        help_text=_(
            "The first day applications are accepted. Leave empty if the call is already open; "
            "leave both dates empty for a rolling programme."
        ),
    )
    call_closes = models.DateField(
        _("call closes"),
        null=True,
        blank=True,
        help_text=_(
            "The last day applications are accepted. Leave empty if there is no closing date; "
            "leave both dates empty for a rolling programme."
        ),
    )
    call_to_be_announced = models.BooleanField(
        _("next call to be announced"),
        default=False,
        help_text=_(
            "Tick when a call is coming but its dates are not known yet: the programme then "
            "shows “To be announced” instead of “Rolling”. Untick it when you "
            "enter the dates."
        ),
    )
    research_fields = StreamField(
        [("research_field", blocks.CharBlock(max_length=120, label=_("Research field")))],
        blank=True,
        verbose_name=_("research fields funded"),
        help_text=_("One field per item, e.g. Wireless Communication Technology."),
    )
    eligibility = LinkCheckedRichTextField(
        _("eligibility"), features=PARAGRAPH_FEATURES, blank=True
    )
    how_to_apply = LinkCheckedRichTextField(
        _("how to apply"), features=PARAGRAPH_FEATURES, blank=True
    )
    external_url = LinkURLField(
        _("programme website"),
        blank=True,
        help_text=_("The partner's own page for this programme."),
    )
    leaflet = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("leaflet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    template = "pages/programme_page.html"
    parent_page_types = ["partner_pages.PartnerPage", "partner_pages.ProgrammePage"]
    subpage_types = ["partner_pages.ProgrammePage"]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("acronym"), FieldPanel("audience")]),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("call_opens"), FieldPanel("call_closes")]),
                FieldPanel("call_to_be_announced"),
            ],
            heading=_("Programme"),
        ),
        FieldPanel("research_fields"),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        FieldRowPanel([FieldPanel("external_url"), FieldPanel("leaflet")]),
        InlinePanel("programme_contacts", label=_("Contacts")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("acronym"),
        index.SearchField("audience"),
        index.SearchField("research_fields"),
        index.SearchField("eligibility"),
        index.SearchField("how_to_apply"),
    ]
    override_translatable_fields = [
        SYNCHRONISED_SLUG,
        SynchronizedField("acronym"),
        SynchronizedField("call_opens", overridable=False),
        SynchronizedField("call_closes", overridable=False),
        SynchronizedField("call_to_be_announced", overridable=False),
        SynchronizedField("external_url"),
        SynchronizedField("leaflet"),
    ]

    class Meta:
        verbose_name = _("programme page")

    def clean(self):
        super().clean()
        if self.call_opens and self.call_closes and self.call_closes < self.call_opens:
            raise ValidationError({"call_closes": _("The call cannot close before it opens.")})
        if self.call_to_be_announced and (self.call_opens or self.call_closes):
            raise ValidationError(
                {
                    "call_to_be_announced": _(
                        "A call to be announced has no dates yet: untick this now that its "
                        "dates are known, or clear the dates."
                    )
                }
            )

    # The one place a programme's status is decided: every badge, card, list
    # and the funding calls page read `status` (today) or `status_on(day)`.
    def status_on(self, day):
        if not self.call_opens and not self.call_closes:
            if self.call_to_be_announced:
                return ProgrammeStatus.TO_BE_ANNOUNCED
            return ProgrammeStatus.ROLLING
        if self.call_opens and day < self.call_opens:
            return ProgrammeStatus.UPCOMING
        if self.call_closes and day > self.call_closes:
            return ProgrammeStatus.CLOSED
        return ProgrammeStatus.OPEN

    def time_left_on(self, day):
        """ "Closes in 12 days", "Opens in 3 days", "Closes today"; "" when no date is ahead."""
        status = self.status_on(day)
        if status == ProgrammeStatus.UPCOMING:
            days = (self.call_opens - day).days
            return ngettext("Opens in %(days)d day", "Opens in %(days)d days", days) % {
                "days": days
            }
        if status == ProgrammeStatus.OPEN and self.call_closes:
            days = (self.call_closes - day).days
            if days == 0:
                return str(_("Closes today"))
            return ngettext("Closes in %(days)d day", "Closes in %(days)d days", days) % {
                "days": days
            }
        return ""

    def shown_until_on(self, day):
        """When what the page shows of this call on `day` stops being true, or None if never.

        An opening-soon or open call with a closing date counts down: it changes
        every midnight (Hong Kong time). Closed, rolling and to-be-announced
        calls stay as they are until an editor publishes a change.
        """
        if self.time_left_on(day):
            return next_midnight(day)
        return None

    @cached_property
    def status(self):
        """The call's status today (Hong Kong time)."""
        return self.status_on(hong_kong_today())

    @cached_property
    def time_left(self):
        return self.time_left_on(hong_kong_today())

    @cached_property
    def shown_until(self):
        return self.shown_until_on(hong_kong_today())

    def get_body_context(self, request):
        context = super().get_body_context(request)
        contacts = localize_all(
            [link.contact for link in self.programme_contacts.select_related("contact")],
            self.locale,
        )
        prefetch_related_objects(contacts, "phone_numbers")
        context["contacts"] = contacts
        context["child_programmes"] = programme_tree(self)
        return context


class ProgrammeContact(Orderable):
    page = ParentalKey(ProgrammePage, related_name="programme_contacts", on_delete=models.CASCADE)
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]


class StandardPage(BodyPage):
    """Any other page: a joint laboratory, an about page, a news story."""

    hero_image = image_field(_("hero image"))

    # Top-level pages of these types appear in the main navigation unless unticked.
    show_in_menus_default = True
    template = "pages/standard_page.html"
    image_field_names = ("hero_image",)
    parent_page_types = ["home.HomePage", "partner_pages.PartnerPage", "partner_pages.StandardPage"]
    subpage_types = ["partner_pages.StandardPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    override_translatable_fields = [SYNCHRONISED_SLUG, SynchronizedField("hero_image")]

    class Meta:
        verbose_name = _("standard page")


# --- Funding calls ----------------------------------------------------------------


# The order of the funding calls page, and of its status filter: what a
# researcher can apply to now comes first.
STATUS_ORDER = [
    ProgrammeStatus.OPEN,
    ProgrammeStatus.UPCOMING,
    ProgrammeStatus.ROLLING,
    ProgrammeStatus.TO_BE_ANNOUNCED,
    ProgrammeStatus.CLOSED,
]


def call_order(programme, day):
    """Open calls by soonest closing (no closing date last), then opening soon by opening
    date, rolling, to be announced, and closed calls, the most recently closed first."""
    status = programme.status_on(day)
    if status == ProgrammeStatus.OPEN:
        when = (programme.call_closes or datetime.date.max).toordinal()
    elif status == ProgrammeStatus.UPCOMING:
        when = programme.call_opens.toordinal()
    elif status == ProgrammeStatus.CLOSED:
        when = -programme.call_closes.toordinal()
    else:
        when = 0
    return (STATUS_ORDER.index(status), when, programme.title.casefold())


class FundingCallsPage(Page):
    """ "Funding calls": every live programme of every partner, with its status, dates and
    time left, filterable by status, partner, audience and research area."""

    introduction = LinkCheckedRichTextField(
        _("introduction"), features=PARAGRAPH_FEATURES, blank=True
    )

    # Top-level pages of these types appear in the main navigation unless unticked.
    show_in_menus_default = True
    template = "pages/funding_calls_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    override_translatable_fields = [SYNCHRONISED_SLUG]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    # The page cache keeps one copy per combination of valid filters; any
    # other query parameter shares the unfiltered page.
    page_cache_query_params = ("status", "partner", "audience", "area")

    class Meta:
        verbose_name = _("funding calls page")

    def calls(self):
        """Every live, public programme in this page's language, with `.partner` and
        `.localized_research_areas` (its partner's) set: five queries, however many."""
        programmes = list(
            ProgrammePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .defer_streamfields()
            .order_by("path")
        )
        partners = list(
            PartnerPage.objects.live()
            .filter(locale_id=self.locale_id)
            .defer_streamfields()
            .prefetch_related("research_areas")
        )
        shown = localized_versions(
            [area for partner in partners for area in partner.research_areas.all()], self.locale
        )
        for partner in partners:
            partner.localized_research_areas = list(
                dict.fromkeys(
                    shown[area.pk] for area in partner.research_areas.all() if area.pk in shown
                )
            )
        by_path = {partner.path: partner for partner in partners}
        for programme in programmes:
            programme.partner = next(
                (
                    by_path[programme.path[:length]]
                    for length in range(len(programme.path), 0, -ProgrammePage.steplen)
                    if programme.path[:length] in by_path
                ),
                None,
            )
        return programmes

    def filter_options(self, calls):
        """{parameter: {value: label}} of each filter, offering only what some call has."""
        statuses = {call.status for call in calls}
        partners = {call.partner.slug: call.partner.title for call in calls if call.partner}
        audiences = {call.audience: call.audience for call in calls if call.audience}
        areas = {
            area.slug: area.name
            for call in calls
            if call.partner
            for area in call.partner.localized_research_areas
        }
        return {
            "status": {s.value: s.label for s in STATUS_ORDER if s in statuses},
            "partner": dict(sorted(partners.items(), key=lambda item: item[1].casefold())),
            "audience": dict(sorted(audiences.items(), key=lambda item: item[1].casefold())),
            "area": dict(sorted(areas.items(), key=lambda item: item[1].casefold())),
        }

    @staticmethod
    def matches(call, name, value):
        if name == "status":
            return call.status == value
        if name == "audience":
            return call.audience == value
        if call.partner is None:
            return False
        if name == "partner":
            return call.partner.slug == value
        return any(area.slug == value for area in call.partner.localized_research_areas)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = hong_kong_today()
        calls = sorted(self.calls(), key=lambda call: call_order(call, today))
        options = self.filter_options(calls)
        labels = {
            "status": _("Status"),
            "partner": _("Partner"),
            "audience": _("Who it is for"),
            "area": _("Research area"),
        }
        any_labels = {
            "status": _("Any status"),
            "partner": _("Any partner"),
            "audience": _("Anyone"),
            "area": _("Any research area"),
        }
        selected, ignored, used = {}, [], {}
        for name in self.page_cache_query_params:
            value = request.GET.get(name)
            if value is None:
                continue
            if value == "" or value in options[name]:
                used[name] = value
                if value:
                    selected[name] = value
            else:
                ignored.append({"label": labels[name], "value": value})
        # The page cache stores the page only for filter values it offers (no new
        # entry for every made-up `?partner=`).
        request.page_cache_query = used
        shown = [
            call
            for call in calls
            if all(self.matches(call, name, value) for name, value in selected.items())
        ]
        context.update(
            calls=shown,
            call_count=len(calls),
            filters=[
                {
                    "name": name,
                    "label": labels[name],
                    "any_label": any_labels[name],
                    "options": list(options[name].items()),
                    "selected": selected.get(name, ""),
                }
                for name in self.page_cache_query_params
                if options[name]
            ],
            selected_filters=[
                {"label": labels[name], "value": options[name][value]}
                for name, value in selected.items()
            ],
            ignored_filters=ignored,
            enquiry_url=enquiry_form_url(self.locale.language_code),
        )
        return context


# --- Enquiry form ----------------------------------------------------------------


class EnquiryFormField(TranslatableMixin, AbstractFormField):
    """A form field; translatable so its label, help text and choices read in each language."""

    page = ParentalKey("EnquiryFormPage", related_name="form_fields", on_delete=models.CASCADE)

    # Submissions from every locale share the English field names.
    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class EnquiryFormPage(EnquiryFormMixin, AbstractEmailForm):
    """ "Tell us your idea": a form whose submissions enquiry officers read and export in the admin.

    Its submissions are personal data: only the "Enquiry officers" group (and
    superusers) see them (partner_pages.enquiry_admin).
    """

    # Every partner and programme page's "Ask about" button leads to its
    # language's form: publishing or withdrawing one refreshes them all.
    page_cache_shown_everywhere = True

    introduction = LinkCheckedRichTextField(
        _("introduction"), features=PARAGRAPH_FEATURES, blank=True
    )
    privacy_statement = LinkCheckedRichTextField(
        _("personal information collection statement"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_(
            "Shown above the send button: why you collect the data, who sees it, how long "
            "you keep it and where to ask for access or correction. Leave it empty to show "
            "the standard statement, in the page's language."
        ),
    )
    thank_you_text = LinkCheckedRichTextField(
        _("thank-you message"),
        features=PARAGRAPH_FEATURES,
        blank=True,
        help_text=_("Shown after someone sends the form."),
    )

    # Top-level pages of these types appear in the main navigation unless unticked.
    show_in_menus_default = True
    template = "pages/enquiry_form_page.html"
    landing_page_template = "pages/enquiry_form_page_landing.html"
    parent_page_types = ["home.HomePage", "partner_pages.PartnerPage"]
    subpage_types = []
    content_panels = [
        EnquirySubmissionsPanel(),
        *AbstractEmailForm.content_panels,
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("privacy_statement"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail the submissions to"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    override_translatable_fields = [
        SYNCHRONISED_SLUG,
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        TranslatableField("subject"),
    ]

    class Meta:
        verbose_name = _("enquiry form page")
