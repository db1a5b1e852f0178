"""Record which segments were filled by conversion, so that they follow the other version."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0002_review_workflows"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConvertedSegment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sibling_text", models.TextField()),
                ("converted_text", models.TextField()),
                (
                    "string_translation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="converted_segment",
                        to="wagtail_localize.stringtranslation",
                    ),
                ),
            ],
        ),
    ]
