"""Create the translator groups and give Moderators what publishing translations needs.

- "Translators (Traditional Chinese)" / "Translators (Simplified Chinese)": admin
  access; add and edit (which includes submitting for moderation) on their
  locale's page tree, rooted at that locale's home page; change and view on the
  translatable snippets, narrowed to the same locale by
  core.permissions.LocaleScopedPermissionPolicy. No publish, and
  nothing on the English tree or the other Chinese tree.
- "Moderators" (made by Wagtail, with add/edit/publish on the root page): also
  start translations, and add, change, delete and view the snippets.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATOR_GROUPS = {
    "zh-hant": "Translators (Traditional Chinese)",
    "zh-hans": "Translators (Simplified Chinese)",
}
SNIPPETS = ["contact", "researcharea"]


def ensure_permissions(apps):
    for label in ("wagtailadmin", "wagtailcore", "wagtail_localize", "partner_pages"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    access_admin = permission("wagtailadmin", "access_admin")
    for language_code, name in TRANSLATOR_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            access_admin,
            *(
                permission("partner_pages", f"{action}_{model}")
                for model in SNIPPETS
                for action in ("change", "view")
            ),
        )
        home = Page.objects.filter(depth=2, locale__language_code=language_code).first()
        if home is None:
            continue
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission("wagtailcore", codename)
            )

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        access_admin,
        permission("wagtail_localize", "submit_translation"),
        *(
            permission("partner_pages", f"{action}_{model}")
            for model in SNIPPETS
            for action in ("add", "change", "delete", "view")
        ),
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=root, permission=permission("wagtailcore", codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=TRANSLATOR_GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0002_home_pages_in_every_locale"),
        ("partner_pages", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
