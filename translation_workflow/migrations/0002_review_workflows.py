"""Create a reviewer group and a review workflow for each Chinese locale; let translators start
translations.

- "Reviewers (Traditional Chinese)" / "Reviewers (Simplified Chinese)": admin access; add,
  edit and publish on their locale's page tree (its home page).
- Workflows "Review Traditional Chinese" / "Review Simplified Chinese": one group approval
  task each ("Traditional Chinese review", ...) for that locale's reviewers, attached to the
  locale's home page. A translator's "Submit for review" starts it; its reviewers are e-mailed,
  and approving publishes the page. It replaces, for that tree, Wagtail's "Moderators
  approval" workflow on the root page.
- The translator groups may start translations ("Translate this page"): the views narrow
  the languages they may choose to their own (translation_workflow.views.starting).
"""

from django.db import migrations

LOCALES = {
    "zh-hant": {
        "translators": "Translators (Traditional Chinese)",
        "reviewers": "Reviewers (Traditional Chinese)",
        "workflow": "Review Traditional Chinese",
        "task": "Traditional Chinese review",
    },
    "zh-hans": {
        "translators": "Translators (Simplified Chinese)",
        "reviewers": "Reviewers (Simplified Chinese)",
        "workflow": "Review Simplified Chinese",
        "task": "Simplified Chinese review",
    },
}


def create_review_workflows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")

    def permission(app_label, codename):
        # Created by 0001_translator_groups (create_permissions) on a fresh database.
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    # Task is polymorphic: its content type says which subclass a row is.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    for language_code, names in LOCALES.items():
        Group.objects.get(name=names["translators"]).permissions.add(
            permission("wagtail_localize", "submit_translation")
        )
        reviewers, _ = Group.objects.get_or_create(name=names["reviewers"])
        reviewers.permissions.add(permission("wagtailadmin", "access_admin"))

        task, _ = GroupApprovalTask.objects.get_or_create(
            name=names["task"], defaults={"content_type": task_type, "active": True}
        )
        task.groups.add(reviewers)
        workflow, _ = Workflow.objects.get_or_create(name=names["workflow"])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

        home = Page.objects.filter(depth=2, locale__language_code=language_code).first()
        if home is None:
            continue
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=reviewers, page=home, permission=permission("wagtailcore", codename)
            )
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def remove_review_workflows(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    submit = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for names in LOCALES.values():
        for group in Group.objects.filter(name=names["translators"]):
            group.permissions.remove(*submit)
    apps.get_model("wagtailcore.Workflow").objects.filter(
        name__in=[names["workflow"] for names in LOCALES.values()]
    ).delete()
    apps.get_model("wagtailcore.Task").objects.filter(
        name__in=[names["task"] for names in LOCALES.values()]
    ).delete()
    Group.objects.filter(name__in=[names["reviewers"] for names in LOCALES.values()]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0001_translator_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_review_workflows, remove_review_workflows)]
