from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from partner_pages.validators import tel_uri, validate_phone_number

from .blocks import PARAGRAPH_FEATURES, CallToActionBlock, FooterLinkBlock, SocialLinkBlock


class HomePage(Page):
    """The site's front page: one per locale, translations of one another."""

    hero_heading = models.CharField(_("hero heading"), max_length=120, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)
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
        SynchronizedField("slug"),
        SynchronizedField("hero_image"),
        SynchronizedField("featured_partners", overridable=False),
    ]

    class Meta:
        verbose_name = _("home page")

    def featured_partner_pages(self):
        """The featured partner pages in this page's locale, live ones only, in order."""
        from partner_pages.models import PartnerPage

        chosen = dict(
            PartnerPage.objects.filter(
                pk__in=self.featured_partners.values("partner_page_id")
            ).values_list("translation_key", "pk")
        )
        order = [link.partner_page_id for link in self.featured_partners.all()]
        pages = (
            PartnerPage.objects.live()
            .public()
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
        "partner_pages.PartnerPage",
        verbose_name=_("partner page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("partner_page")]


class FooterContent(TranslatableMixin, models.Model):
    """What the footer of every page says: one per language, translated like a page.

    Pages read it through `home.site_data.footer_for()`, which caches it per
    language and falls back to the default language's footer.
    """

    address = models.TextField(
        _("address"), max_length=400, blank=True, help_text=_("One line per line of the address.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("E.g. +852 2766 5111"),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Leave empty rather than guess an address.")
    )
    links = StreamField(
        [("link", FooterLinkBlock())], blank=True, max_num=8, verbose_name=_("links")
    )
    social_links = StreamField(
        [("social_link", SocialLinkBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("social links"),
    )

    panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("links"),
        FieldPanel("social_links"),
    ]
    override_translatable_fields = [
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("social_links", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footer")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_footer_per_locale")]

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})

    @property
    def tel_uri(self):
        return tel_uri(self.phone) if self.phone else ""
