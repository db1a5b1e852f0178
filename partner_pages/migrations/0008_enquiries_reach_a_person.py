"""Enquiries as personal data that reach a person.

- The personal information collection statement on enquiry forms.
- `EnquirySubmission`: a form submission with the visitor's language and the
  page the enquiry is about. Every existing submission to an enquiry form
  becomes one: moved to the form's source (its version in the default
  language), with the language of the version it was sent to, so the three
  versions share one list. Nothing is deleted.
- A notification can be marked as having no recipient.
- The "Enquiry officers" group: the only non-superusers who read enquiries.
"""

import django.db.models.deletion
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import core.fields

ENQUIRY_OFFICERS = "Enquiry officers"


def enquiry_forms(apps):
    """{page id: (translation key, language code)} of every enquiry form page.

    Read as values: the historical page class mixes in Wagtail's FormMixin, whose
    __init__ needs a template that historical models do not have.
    """
    EnquiryFormPage = apps.get_model("partner_pages", "EnquiryFormPage")
    rows = EnquiryFormPage.objects.values_list("pk", "translation_key", "locale__language_code")
    return {pk: (key, code) for pk, key, code in rows}


def move_submissions_to_source(apps, schema_editor):
    """Each enquiry form's submissions become enquiries of its source, with their language."""
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    EnquirySubmission = apps.get_model("partner_pages", "EnquirySubmission")
    forms = enquiry_forms(apps)
    sources = {key: pk for pk, (key, code) in forms.items() if code == settings.LANGUAGE_CODE}
    already = EnquirySubmission.objects.values("formsubmission_ptr_id")
    for submission in FormSubmission.objects.filter(page_id__in=forms).exclude(pk__in=already):
        key, code = forms[submission.page_id]
        # A child row for the existing submission: saving updates the parent
        # (its page) and inserts the child; the notification keeps pointing at it.
        enquiry = EnquirySubmission(
            formsubmission_ptr_id=submission.pk,
            form_data=submission.form_data,
            page_id=sources.get(key, submission.page_id),
            submit_time=submission.submit_time,
            language=code,
        )
        enquiry.save()


def move_submissions_back(apps, schema_editor):
    """Back to the version each was sent to (dropping the table then keeps every submission)."""
    EnquirySubmission = apps.get_model("partner_pages", "EnquirySubmission")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    forms = enquiry_forms(apps)
    versions = {(key, code): pk for pk, (key, code) in forms.items()}
    for pk, page_id, language in EnquirySubmission.objects.values_list("pk", "page_id", "language"):
        key, _code = forms.get(page_id, (None, None))
        target = versions.get((key, language), page_id)
        FormSubmission.objects.filter(pk=pk).update(page_id=target)


def create_enquiry_officers(apps, schema_editor):
    """Admin access, reading (and deleting) enquiries, and the least page permission that works.

    Wagtail's list of forms (wagtail.contrib.forms.views.FormPagesListView)
    is refused to anyone without at least one of the page permissions add,
    change, publish, bulk_delete, lock or unlock, somewhere. Which forms a
    user then sees is decided by the `filter_form_submissions_for_user` hook
    alone (partner_pages.enquiry_admin), not by page permissions. So the
    group gets "unlock" on the root page: of the six, the one that lets an
    officer neither create, edit, publish nor delete a page, nor stop anyone
    else's work; at most they can release a page someone locked.
    """
    for label in ("wagtailadmin", "wagtailcore", "partner_pages"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    officers, _created = Group.objects.get_or_create(name=ENQUIRY_OFFICERS)
    officers.permissions.add(
        permission("wagtailadmin", "access_admin"),
        permission("partner_pages", "view_enquirysubmission"),
        permission("partner_pages", "delete_enquirysubmission"),
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        GroupPagePermission.objects.get_or_create(
            group=officers, page=root, permission=permission("wagtailcore", "unlock_page")
        )


def remove_enquiry_officers(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=ENQUIRY_OFFICERS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('partner_pages', '0007_snippet_review'),
        ('wagtailadmin', '0006_formstate'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailforms', '0005_alter_formsubmission_form_data'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='enquiryformpage',
            name='privacy_statement',
            field=core.fields.LinkCheckedRichTextField(blank=True, help_text="Shown above the send button: why you collect the data, who sees it, how long you keep it and where to ask for access or correction. Leave it empty to show the standard statement, in the page's language.", verbose_name='personal information collection statement'),
        ),
        migrations.AlterField(
            model_name='enquirynotification',
            name='status',
            field=models.CharField(choices=[('pending', 'Pending'), ('sent', 'Sent'), ('failed', 'Failed'), ('no_recipient', 'No recipient')], db_index=True, default='pending', max_length=12),
        ),
        migrations.CreateModel(
            name='EnquirySubmission',
            fields=[
                ('formsubmission_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailforms.formsubmission')),
                ('language', models.CharField(help_text='The language the visitor wrote in.', max_length=15, verbose_name='language')),
                ('topic', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='about')),
            ],
            options={
                'verbose_name': 'enquiry',
                'verbose_name_plural': 'enquiries',
            },
            bases=('wagtailforms.formsubmission',),
        ),
        # Data last: on PostgreSQL no table may be altered after its rows change
        # in the same transaction.
        migrations.RunPython(move_submissions_to_source, move_submissions_back),
        migrations.RunPython(create_enquiry_officers, remove_enquiry_officers),
    ]
