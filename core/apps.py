from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from . import site_chrome, sites

        site_chrome.connect_signals()
        sites.connect_signals()
