from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPagesConfig(AppConfig):
    name = "partner_pages"
    verbose_name = _("Partnership pages")

    def ready(self):
        # Before any snippet viewset asks for a policy (wagtail_hooks load later).
        from wagtail.permissions import register_permission_policy

        from core.permissions import LocaleScopedPermissionPolicy

        from .models import Contact, ResearchArea

        for model in (Contact, ResearchArea):
            register_permission_policy(model, LocaleScopedPermissionPolicy(model))
