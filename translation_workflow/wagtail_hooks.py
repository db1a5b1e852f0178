from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry

from core.permissions import LocaleScopedPermissionPolicy

from .status import translator_locale_ids
from .views.conversion import convert_translation
from .views.overrides import edit_override
from .views.po_upload import upload_pofile
from .views.report import TranslationStatusReportView


# order=-1: these come before wagtail-localize's own admin URLs, so the PO upload
# and synchronised-value addresses its translation editor posts to
# (reverse("wagtail_localize:upload_pofile"), ...:edit_override) are served by
# the stricter views here.
@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    urls = [
        path("translate/<int:translation_id>/convert/", convert_translation, name="convert"),
        path("status/", TranslationStatusReportView.as_view(), name="report"),
        path(
            "status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="report_results",
        ),
    ]
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="translation_workflow_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            edit_override,
            name="translation_workflow_edit_override",
        ),
        path("translation-workflow/", include((urls, "translation_workflow"))),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(translator_locale_ids(request.user))


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_workflow:report"),
        icon_name="site",
        order=8900,
    )


def _check_snippet_locale(request, instance, action):
    policy = policy_registry.get_by_type(type(instance))
    if isinstance(policy, LocaleScopedPermissionPolicy) and not (
        policy.user_has_permission_for_instance(request.user, action, instance)
    ):
        raise PermissionDenied


# order=-1: before wagtail-localize's hook, which opens its translation editor.
@hooks.register("before_edit_snippet", order=-1)
def only_edit_snippets_in_own_locales(request, instance):
    _check_snippet_locale(request, instance, "change")


@hooks.register("before_delete_snippet", order=-1)
def only_delete_snippets_in_own_locales(request, instances):
    for instance in instances:
        _check_snippet_locale(request, instance, "delete")
