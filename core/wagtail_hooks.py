from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import DraftStateMixin, TranslatableMixin, WorkflowMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import Translation

from .models import FooterContent
from .permissions import LocaleScopedPermissionPolicy
from .review import save_translation_draft, submit_for_review
from .terms_admin import TermViewSet


class FooterContentViewSet(SnippetViewSet):
    model = FooterContent
    icon = "list-ul"
    menu_label = _("Footer")
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["__str__", "locale"]
    list_filter = ["locale"]


register_snippet(FooterContentViewSet)
register_snippet(TermViewSet)


class TagViewSet(ModelViewSet):
    """Images' and documents' tags: renamed, merged by hand or deleted, as Django's
    admin (no longer installed) offered."""

    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    add_to_settings_menu = True
    menu_order = 700
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    return TagViewSet("tags")


# --- Publishing snippets: in the user's own languages only -----------------------
# Wagtail's snippet views ask for the publish permission per model; the
# locale-scoped policy (core.permissions) answers per object, so these hooks
# ask it about the object at hand.


def may_publish(user, instance):
    policy = policy_registry.get_by_type(type(instance))
    if not isinstance(policy, LocaleScopedPermissionPolicy):
        return True  # plain Wagtail: its views have checked the model permission
    return policy.user_has_permission_for_instance(user, "publish", instance)


@hooks.register("before_edit_snippet", order=-1)
def only_publish_snippets_in_own_locales(request, instance):
    if request.method == "POST" and "action-publish" in request.POST:
        if not may_publish(request.user, instance):
            raise PermissionDenied


@hooks.register("before_unpublish")
def only_unpublish_snippets_in_own_locales(request, instance):
    if not may_publish(request.user, instance):
        raise PermissionDenied


@hooks.register("construct_snippet_action_menu")
def hide_publishing_outside_own_locales(menu_items, request, context):
    instance = context.get("instance")
    if instance is not None and not may_publish(request.user, instance):
        menu_items[:] = [
            item for item in menu_items if item.name not in {"action-publish", "action-unpublish"}
        ]


# order=-1: before wagtail-localize's own hook, which serves its translation editor.
@hooks.register("before_edit_snippet", order=-1)
def review_translations_from_the_translation_editor(request, instance):
    """The translation editor's "Publish", from someone who may not publish this snippet.

    wagtail-localize would refuse it (403) and keep the work in its strings.
    Instead the translation is saved as a draft, the live version staying as
    visitors see it, and submitted to the snippet's workflow: a reviewer of its
    language publishes it by approving it.
    """
    if not (request.method == "POST" and request.POST.get("action") == "publish"):
        return None
    if not (isinstance(instance, DraftStateMixin) and isinstance(instance, TranslatableMixin)):
        return None
    if may_publish(request.user, instance):
        return None  # wagtail-localize publishes it
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    policy = policy_registry.get_by_type(type(instance))
    if not policy.user_has_permission_for_instance(request.user, "change", instance):
        raise PermissionDenied
    lock = instance.get_lock() if hasattr(instance, "get_lock") else None
    if lock and lock.for_user(request.user):
        # Waiting for review (Wagtail's "awaiting moderation"), or locked by someone.
        messages.error(request, lock.get_message(request.user))
        return redirect(request.path)
    try:
        target = save_translation_draft(translation, request.user)
    except ValidationError as error:
        messages.error(
            request,
            gettext("'%(object)s' could not be saved: %(errors)s")
            % {"object": instance, "errors": " ".join(error.messages)},
        )
        return redirect(request.path)
    if isinstance(target, WorkflowMixin) and submit_for_review(target, request.user):
        message = gettext(
            "'%(object)s' in %(language)s was submitted for review: it is published "
            "once a reviewer of that language approves it."
        )
    else:
        message = gettext(
            "'%(object)s' in %(language)s was saved as a draft, for a moderator to publish."
        )
    messages.success(
        request,
        message % {"object": target, "language": translation.target_locale.get_display_name()},
    )
    return redirect(request.path)
