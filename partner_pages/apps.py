from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPagesConfig(AppConfig):
    name = "partner_pages"
    verbose_name = _("Partnership pages")
