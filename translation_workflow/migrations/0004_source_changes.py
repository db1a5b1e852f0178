"""What changed: the English a translation was made for, kept when the source is updated."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0003_conversion_follows_corrections"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.CreateModel(
            name="SourceSegmentChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("previous_translation", models.TextField()),
                ("prefilled", models.BooleanField(default=False)),
                ("changed_at", models.DateTimeField()),
                (
                    "context",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtail_localize.translationcontext",
                    ),
                ),
                (
                    "current_string",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtail_localize.string",
                    ),
                ),
                (
                    "previous_string",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtail_localize.string",
                    ),
                ),
                (
                    "translation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="source_changes",
                        to="wagtail_localize.translation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("translation", "context", "current_string"),
                        name="unique_source_segment_change",
                    )
                ],
            },
        ),
    ]
