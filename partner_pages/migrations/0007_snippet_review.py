"""Contacts and research areas: changes wait for review, as the footer's do (core 0004).

Schema: both become draft-and-revision snippets (core.models.ReviewedSnippetMixin).
Existing rows stay live: the new `live` column defaults to true; each gets
its content as its first revision, published, for reviewers to compare
changes with (see core 0004).

Data: the "Review snippet translations" workflow is assigned to both, and
reviewers and Moderators may publish them (reviewers also change and view
them; Moderators already add, change, delete and view them, and translators
change and view them: translation_workflow 0001). Translators may not publish.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

WORKFLOW_NAME = "Review snippet translations"
REVIEWER_GROUPS = ("Reviewers (Traditional Chinese)", "Reviewers (Simplified Chinese)")
MODERATORS = "Moderators"
SNIPPETS = {"contact": "contact", "researcharea": "research area"}


def snippet_permission(apps, model_name, action):
    """The permission, created if need be: publish_* is otherwise made only after migrating."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="partner_pages", model=model_name
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {SNIPPETS[model_name]}"},
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


def record_live_snippets(apps, schema_editor):
    record_live_versions(apps, "partner_pages.Contact", lambda contact: contact.name)
    record_live_versions(apps, "partner_pages.ResearchArea", lambda area: area.name)


def assign_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    for model_name in SNIPPETS:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_or_create(
                app_label="partner_pages", model=model_name
            )[0],
            defaults={"workflow": workflow},
        )
        publish = snippet_permission(apps, model_name, "publish")
        for name in REVIEWER_GROUPS:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(
                snippet_permission(apps, model_name, "change"),
                snippet_permission(apps, model_name, "view"),
                publish,
            )
        Group.objects.get_or_create(name=MODERATORS)[0].permissions.add(publish)


def unassign_review_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.WorkflowContentType").objects.filter(
        content_type__app_label="partner_pages", content_type__model__in=list(SNIPPETS)
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_snippet_review'),
        ('partner_pages', '0006_research_highlight_year'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='contact',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='contact',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='contact',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='contact',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='contact',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='contact',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='contact',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='contact',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='contact',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='contact',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='contact',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='researcharea',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.RunPython(record_live_snippets, migrations.RunPython.noop),
        migrations.RunPython(assign_review_workflow, unassign_review_workflow),
    ]
