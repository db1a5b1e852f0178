from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from wagtail.models import TaskState
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import task_submitted

        from . import site_chrome, sites
        from .models import FooterContent
        from .permissions import LocaleScopedPermissionPolicy
        from .review import locale_approval_submission_notifier

        site_chrome.connect_signals()
        sites.connect_signals()
        # Before the snippet viewset asks for a policy (wagtail_hooks load later).
        register_permission_policy(FooterContent, LocaleScopedPermissionPolicy(FooterContent))
        task_submitted.connect(
            locale_approval_submission_notifier,
            sender=TaskState,
            dispatch_uid="locale_approval_task_submitted_email_notification",
        )
