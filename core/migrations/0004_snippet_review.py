"""The footer's changes wait for review, and the workflow that reviews snippets.

Schema: the footer becomes a draft-and-revision snippet (core.models.
ReviewedSnippetMixin); LocaleApprovalTask. Existing footers stay live: the
new `live` column defaults to true. Wagtail would read a live object without
revisions from its row, but a reviewer is offered "Compare with live version"
only for an object with a live revision: each footer gets its content as its
first revision, published.

Data:
- The workflow "Review snippet translations", with one LocaleApprovalTask whose
  groups are the two reviewer groups and Moderators, assigned to the footer
  (partner_pages assigns its contacts and research areas to it).
- The groups, by name (other migrations make them too: whichever runs first
  creates them). Reviewers and Moderators may change, view and publish the
  footer; translators change and view it. Every snippet permission is
  narrowed to the group's languages by core.permissions (reviewers: page
  permissions on their language's home page, which the reviewer groups'
  own migration gives; Moderators: the root page, every language).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

WORKFLOW_NAME = "Review snippet translations"
TASK_NAME = "Approval by the language's reviewers"
REVIEWER_GROUPS = ("Reviewers (Traditional Chinese)", "Reviewers (Simplified Chinese)")
TRANSLATOR_GROUPS = ("Translators (Traditional Chinese)", "Translators (Simplified Chinese)")
MODERATORS = "Moderators"


def snippet_permission(apps, app_label, model_name, verbose_name, action):
    """The permission, created if need be: publish_* is otherwise made only after migrating."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {verbose_name}"},
    )
    return permission


def record_live_versions(apps, model_label, describe):
    """Each existing row as its first revision, published: what a reviewer compares a change with.

    Written from the migration's own models (modelcluster's serialisation, as
    Wagtail's serializable_data() does), not from the current model classes.
    """
    from django.utils import timezone
    from modelcluster.models import get_all_child_relations, get_serializable_data_for_fields

    ContentType = apps.get_model("contenttypes.ContentType")
    Revision = apps.get_model("wagtailcore.Revision")
    model = apps.get_model(model_label)
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    for obj in model.objects.filter(live=True, latest_revision__isnull=True):
        content = get_serializable_data_for_fields(obj)
        for relation in get_all_child_relations(obj):
            name = relation.get_accessor_name()
            content[name] = [
                get_serializable_data_for_fields(child) for child in getattr(obj, name).all()
            ]
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(obj.pk),
            created_at=timezone.now(),
            object_str=describe(obj),
            content=content,
        )
        obj.latest_revision = obj.live_revision = revision
        obj.save(update_fields=["latest_revision", "live_revision"])


def record_live_footers(apps, schema_editor):
    record_live_versions(
        apps, "core.FooterContent", lambda footer: f"Footer ({footer.locale.language_code})"
    )


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    LocaleApprovalTask = apps.get_model("core.LocaleApprovalTask")

    def footer(action):
        return snippet_permission(apps, "core", "footercontent", "footer", action)

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    approvers = []
    for name in (*REVIEWER_GROUPS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, footer("change"), footer("view"), footer("publish"))
        approvers.append(group)
    for name in TRANSLATOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(footer("change"), footer("view"))

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = LocaleApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = LocaleApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="core", model="localeapprovaltask"
            )[0],
        )
    task.groups.add(*approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_or_create(app_label="core", model="footercontent")[0],
        defaults={"workflow": workflow},
    )


def remove_review_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("core.LocaleApprovalTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('core', '0003_links_checked'),
        ('wagtailadmin', '0001_create_admin_access_permissions'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='footercontent',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='footercontent',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.CreateModel(
            name='LocaleApprovalTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Members of these groups approve pages and snippets in the languages their group has page permissions for.', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'approval by language',
                'verbose_name_plural': 'approvals by language',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(record_live_footers, migrations.RunPython.noop),
        migrations.RunPython(create_review_workflow, remove_review_workflow),
    ]
