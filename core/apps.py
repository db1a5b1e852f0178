from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import TaskState
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import task_submitted

        from . import fragments, site_chrome, sites
        from .models import FooterContent, Term
        from .permissions import LocaleScopedPermissionPolicy
        from .review import locale_approval_submission_notifier
        from .terms import term_base_changed

        site_chrome.connect_signals()
        fragments.connect_signals()
        # Conversion in every process reads the term base again after a change.
        post_save.connect(term_base_changed, sender=Term, dispatch_uid="term_base_saved")
        post_delete.connect(term_base_changed, sender=Term, dispatch_uid="term_base_deleted")
        sites.connect_signals()
        # Before the snippet viewset asks for a policy (wagtail_hooks load later).
        register_permission_policy(FooterContent, LocaleScopedPermissionPolicy(FooterContent))
        task_submitted.connect(
            locale_approval_submission_notifier,
            sender=TaskState,
            dispatch_uid="locale_approval_task_submitted_email_notification",
        )
