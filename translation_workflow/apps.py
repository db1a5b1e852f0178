from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationWorkflowConfig(AppConfig):
    name = "translation_workflow"
    verbose_name = _("Translation workflow")

    def ready(self):
        # Before any snippet viewset asks for a policy (wagtail_hooks load later).
        from wagtail.permissions import register_permission_policy

        from partner_pages.models import Contact, ResearchArea

        from .permissions import LocaleScopedPermissionPolicy

        for model in (Contact, ResearchArea):
            register_permission_policy(model, LocaleScopedPermissionPolicy(model))
