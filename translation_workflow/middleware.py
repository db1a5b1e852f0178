"""Keep wagtail-localize's translation endpoints inside a translator's own locales.

wagtail-localize lets anyone who may edit a snippet *type* edit its
translations in every locale (its `user_can_edit_instance` checks the model
permission only). Before any of its views that act on one translation (string
edits, PO download and upload, machine translation, preview, stop), this
middleware applies the locale-scoped snippet permission policy. Pages need
nothing more: their permissions already follow each locale's page tree.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation


class LocaleScopedTranslationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "wagtail_localize" not in match.namespaces:
            return None
        if "translation_id" not in view_kwargs or not request.user.is_authenticated:
            return None
        translation = (
            Translation.objects.filter(pk=view_kwargs["translation_id"])
            .select_related("source__specific_content_type")
            .first()
        )
        if translation is None:
            return None
        model = translation.source.specific_content_type.model_class()
        if model is None or issubclass(model, Page):
            return None
        policy = policy_registry.get_by_type(model)
        if hasattr(policy, "user_has_permission_in_locale") and not (
            policy.user_has_permission_in_locale(
                request.user, "change", translation.target_locale_id
            )
        ):
            raise PermissionDenied
        return None
