"""Locale-scoped permissions for translatable snippets.

Wagtail scopes page permissions by subtree, and each locale's home page roots
its own tree, so a group given permissions on the Simplified home page edits
Simplified pages only. Snippet permissions are per model, whatever the locale:
this policy narrows them to the locales where the same group has page
permissions. A group with page permissions on the root page (every locale), or
with no page permissions at all, keeps its snippet permissions in every locale,
as in plain Wagtail.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy

EVERY_LOCALE = None


def locale_ids_for(user, action, model):
    """IDs of the locales where `user` may `action` `model` instances; EVERY_LOCALE for all."""
    cache = user.__dict__.setdefault("_locale_permission_cache", {})
    key = (action, model._meta.label)
    if key not in cache:
        cache[key] = _locale_ids_for(user, action, model)
    return cache[key]


def _locale_ids_for(user, action, model):
    if not user.is_active:
        return set()
    if user.is_superuser:
        return EVERY_LOCALE
    permission = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        codename=get_permission_codename(action, model._meta),
    ).first()
    if permission is None:
        return set()
    if user.user_permissions.filter(pk=permission.pk).exists():
        return EVERY_LOCALE
    locale_ids = set()
    for group in user.groups.filter(permissions=permission):
        pages = [
            (depth, locale_id)
            for depth, locale_id in GroupPagePermission.objects.filter(group=group)
            .values_list("page__depth", "page__locale_id")
            .distinct()
        ]
        if not pages or any(depth == 1 for depth, _locale in pages):
            return EVERY_LOCALE
        locale_ids.update(locale_id for _depth, locale_id in pages)
    return locale_ids


class LocaleScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed per instance to the locales the user's groups cover."""

    def user_has_permission_in_locale(self, user, action, locale_id):
        if not self.user_has_permission(user, action):
            return False
        locale_ids = locale_ids_for(user, action, self.model)
        return locale_ids is EVERY_LOCALE or locale_id in locale_ids

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission_in_locale(user, action, instance.locale_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        allowed = set()
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            locale_ids = locale_ids_for(user, action, self.model)
            if locale_ids is EVERY_LOCALE:
                return instances
            allowed |= locale_ids
        return instances.filter(locale_id__in=allowed)
