from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry

from core.permissions import LocaleScopedPermissionPolicy

from .permissions import user_can_publish
from .status import translator_locale_ids
from .views import publishing, starting
from .views.conversion import convert_translation
from .views.memory import use_remembered_translation
from .views.overrides import edit_override
from .views.po_upload import upload_pofile
from .views.report import TranslationStatusReportView
from .views.review import submit_translation_for_review


# order=-1: these come before wagtail-localize's own admin URLs, so the addresses
# its translation editor and pages post to (reverse("wagtail_localize:upload_pofile"),
# ...:edit_override, :stop_translation, :convert_to_alias, :update_translations,
# :submit_page_translation, :submit_snippet_translation) are served by the
# stricter views here.
@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    urls = [
        path("translate/<int:translation_id>/convert/", convert_translation, name="convert"),
        path(
            "translate/<int:translation_id>/memory/<int:segment_id>/use/",
            use_remembered_translation,
            name="use_remembered_translation",
        ),
        path(
            "translate/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="submit_for_review",
        ),
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
        path(
            "localize/translate/<int:translation_id>/disable/",
            publishing.stop_translation,
            name="translation_workflow_stop_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            publishing.convert_to_alias,
            name="translation_workflow_convert_to_alias",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            publishing.PublishCheckedUpdateTranslationsView.as_view(),
            name="translation_workflow_update_translations",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            starting.SubmitPageTranslationInOwnLocalesView.as_view(),
            name="translation_workflow_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            starting.SubmitSnippetTranslationInOwnLocalesView.as_view(),
            name="translation_workflow_submit_snippet_translation",
        ),
        path("translation-workflow/", include((urls, "translation_workflow"))),
    ]


@hooks.register("construct_page_action_menu")
def offer_convert_to_alias_to_publishers_only(menu_items, request, context):
    """The page editor's "Convert to alias page" (for a translation no longer synced)."""
    page = context.get("page")
    if page is not None and page.pk and not user_can_publish(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


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
