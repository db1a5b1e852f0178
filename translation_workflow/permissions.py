"""Who may publish a translation (and so undo one), and which locales one may start translating.

wagtail-localize asks for edit permission, or for the `submit_translation`
permission, and nothing else: an editor without publish permission could
publish every translation of a page, and a translator with
`submit_translation` could start translations into every locale. These rules
are what the views in views/publishing.py and views/starting.py ask.
"""

from django.contrib.auth.models import Permission
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry

from core.permissions import EVERY_LOCALE, covered_locale_ids

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def user_can_publish(user, instance):
    """Whether `user` may publish `instance`, a page or snippet, in its own locale."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    # A snippet without drafts is live as soon as it is saved: changing it is publishing it.
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, action, instance)


def user_can_publish_translation(user, translation):
    """Whether `user` may publish the page or snippet `translation` writes (False if it is gone)."""
    model = translation.source.specific_content_type.model_class()
    try:
        instance = translation.get_target_instance()
    except model.DoesNotExist:
        return False
    return user_can_publish(user, instance)


def submit_translation_locale_ids(user):
    """IDs of the locales `user` may start translations into; EVERY_LOCALE for all.

    Those the groups granting `submit_translation` cover (core.permissions): a
    translator group its own locale, Editors and Moderators (page permissions on
    the root page) every locale, a group without page permissions every locale,
    as in plain wagtail-localize.
    """
    if not user.has_perm(SUBMIT_TRANSLATION):
        return set()
    # Given to the user directly, not through a group: no page tree scopes it. (The
    # backend has cached the user's permissions for has_perm() above.)
    if user.is_superuser or SUBMIT_TRANSLATION in user.get_user_permissions():
        return EVERY_LOCALE
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    return covered_locale_ids(
        user,
        user.groups.filter(permissions__in=permission),
        without_page_permissions=EVERY_LOCALE,
    )
