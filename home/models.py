from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: one per locale, translations of one another."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
