from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import PARAGRAPH_FEATURES, CallToActionBlock
from core.fields import SYNCHRONISED_SLUG, LinkCheckedRichTextField, image_field
from core.visibility import public
from partner_pages.models import PartnerPage


class HomePage(Page):
    """The site's front page: one per locale, translations of one another."""

    hero_heading = models.CharField(_("hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = image_field(_("hero image"))
    introduction = LinkCheckedRichTextField(
        _("introduction"), features=PARAGRAPH_FEATURES, blank=True
    )
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("call to action"),
    )

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "partner_pages.PartnerIndexPage",
        "partner_pages.StandardPage",
        "partner_pages.FundingCallsPage",
        "partner_pages.EnquiryFormPage",
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        InlinePanel(
            "featured_partners",
            label=_("Featured partnerships"),
            help_text=_("Partner pages shown as cards on the home page."),
            max_num=6,
        ),
        FieldPanel("call_to_action"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
    ]
    override_translatable_fields = [
        SYNCHRONISED_SLUG,
        SynchronizedField("hero_image"),
        SynchronizedField("featured_partners", overridable=False),
    ]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def in_language(cls, language_code):
        """The home page of a locale (one per locale, below the tree root)."""
        return cls.objects.get(locale__language_code=language_code, depth=2)

    def featured_partner_pages(self):
        """The featured partner pages in this page's locale, live ones only, in order."""
        chosen = dict(
            PartnerPage.objects.filter(
                pk__in=self.featured_partners.values("partner_page_id")
            ).values_list("translation_key", "pk")
        )
        order = [link.partner_page_id for link in self.featured_partners.all()]
        pages = public(
            PartnerPage.objects.live()
            .filter(locale_id=self.locale_id, translation_key__in=chosen)
            .select_related("logo")
        )
        return sorted(pages, key=lambda page: order.index(chosen[page.translation_key]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_partners"] = self.featured_partner_pages()
        return context


class HomePageFeaturedPartner(Orderable):
    page = ParentalKey(HomePage, related_name="featured_partners", on_delete=models.CASCADE)
    partner_page = models.ForeignKey(
        PartnerPage,
        verbose_name=_("partner page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("partner_page")]
