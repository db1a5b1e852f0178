"""Which locales a user looks after, and snippet permissions scoped to them.

Wagtail scopes page permissions by subtree, and each locale's home page roots
its own tree, so a group given page permissions on the Simplified home page
looks after Simplified content only. `covered_locale_ids()` reads that rule off
the groups' page permissions; the translation status report and the snippet
permission policy below both ask it.

Snippet permissions are per model, whatever the locale: the policy narrows them
to the locales the groups holding them cover. A group with page permissions on
the root page (every locale), or with no page permissions at all, keeps its
snippet permissions in every locale, as in plain Wagtail.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.permission_policies import ModelPermissionPolicy

EVERY_LOCALE = None
NO_LOCALE = frozenset()


def covered_locale_ids(user, groups=None, *, without_page_permissions=NO_LOCALE):
    """IDs of the locales `user` looks after through `groups` (all theirs by default).

    EVERY_LOCALE for a superuser, none for an inactive user. A group covers every
    locale if it has page permissions on the root page, else the locales of the
    pages it has permissions on; a group with no page permissions covers
    `without_page_permissions`: NO_LOCALE, or EVERY_LOCALE.
    """
    if not user.is_active:
        return set()
    if user.is_superuser:
        return EVERY_LOCALE
    groups = user.groups.all() if groups is None else groups
    locale_ids = set()
    for depth, locale_id in groups.values_list(
        "page_permissions__page__depth", "page_permissions__page__locale_id"
    ).distinct():
        if depth is None:  # the outer join's row for a group without page permissions
            if without_page_permissions is EVERY_LOCALE:
                return EVERY_LOCALE
        elif depth == 1:
            return EVERY_LOCALE
        else:
            locale_ids.add(locale_id)
    return locale_ids


def locale_ids_for(user, action, model):
    """IDs of the locales where `user` may `action` `model` instances; EVERY_LOCALE for all."""
    cache = user.__dict__.setdefault("_locale_permission_cache", {})
    key = (action, model._meta.label)
    if key not in cache:
        cache[key] = _locale_ids_for(user, action, model)
    return cache[key]


def _locale_ids_for(user, action, model):
    permission = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        codename=get_permission_codename(action, model._meta),
    )
    # A permission given to the user directly, not through a group, has no page
    # tree to be scoped by (superusers need no query: they cover every locale).
    if (
        user.is_active
        and not user.is_superuser
        and user.user_permissions.filter(pk__in=permission).exists()
    ):
        return EVERY_LOCALE
    return covered_locale_ids(
        user,
        user.groups.filter(permissions__in=permission),
        without_page_permissions=EVERY_LOCALE,
    )


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
