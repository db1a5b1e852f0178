"""What the views acting on one translation from its editor share: who may, and where back to."""

from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views.edit_translation import user_can_edit_instance


def user_can_edit_translation(user, translation):
    """wagtail-localize's own check, narrowed to the user's locales for snippets."""
    try:
        instance = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        return False
    if not user_can_edit_instance(user, instance):
        return False
    if isinstance(instance, Page):
        return True
    return policy_registry.get_by_type(type(instance)).user_has_permission_for_instance(
        user, "change", instance
    )


def back_to_editor(request, translation):
    return get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url()
