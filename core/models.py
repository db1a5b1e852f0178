"""Content every page shows: the footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .blocks import FooterLinkBlock, SocialLinkBlock
from .validators import tel_uri, validate_phone_number


class FooterContent(TranslatableMixin, models.Model):
    """What the footer of every page says: one per language, translated like a page.

    Pages read it through `core.site_chrome.footer_for()`, which caches it per
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
