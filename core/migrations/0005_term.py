"""The term base (core.models.Term): how a term is written in each script."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_snippet_review'),
    ]

    operations = [
        migrations.CreateModel(
            name='Term',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('english', models.CharField(blank=True, max_length=255, verbose_name='English')),
                ('traditional', models.CharField(max_length=255, verbose_name='Traditional Chinese (Hong Kong)')),
                ('simplified', models.CharField(max_length=255, verbose_name='Simplified Chinese')),
                ('kind', models.CharField(choices=[('name', 'Institution or proper name'), ('vocabulary', 'Regional vocabulary'), ('keep', 'Keep as is')], default='vocabulary', max_length=20, verbose_name='kind')),
                ('note', models.TextField(blank=True, verbose_name='note')),
            ],
            options={
                'verbose_name': 'term',
                'verbose_name_plural': 'terms',
                'ordering': ['traditional'],
            },
        ),
    ]
