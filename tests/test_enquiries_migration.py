"""Migration 0008 keeps every existing enquiry and gathers each form's into one list.

Its data steps run here with the migration's own historical models, on data
made with today's (the tables are the same).
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.contrib.forms.models import FormSubmission

from partner_pages.enquiries import EnquiryNotification, EnquirySubmission
from tests.enquiry_fixtures import form_in_three_languages

pytestmark = pytest.mark.django_db

MIGRATION = "0008_enquiries_reach_a_person"
migration = importlib.import_module(f"partner_pages.migrations.{MIGRATION}")


def historical_apps():
    return MigrationLoader(connection).project_state(("partner_pages", MIGRATION)).apps


def test_existing_submissions_move_to_the_english_form_with_their_language():
    forms = form_in_three_languages()
    # As stored before: a plain form submission against the version the visitor used.
    before = {}
    for code, page in forms.items():
        submission = FormSubmission.objects.create(page=page, form_data={"your_name": code})
        before[code] = FormSubmission.objects.get(pk=submission.pk).submit_time
    failed = FormSubmission.objects.get(form_data__your_name="zh-hant")
    EnquiryNotification.objects.create(submission=failed, status="failed", last_error="down")

    apps = historical_apps()
    migration.move_submissions_to_source(apps, None)
    migration.move_submissions_to_source(apps, None)  # twice: nothing doubled

    assert FormSubmission.objects.count() == 3
    enquiries = {e.form_data["your_name"]: e for e in EnquirySubmission.objects.all()}
    assert set(enquiries) == {"en", "zh-hant", "zh-hans"}
    for code, enquiry in enquiries.items():
        assert enquiry.page_id == forms["en"].pk
        assert enquiry.language == code
        assert enquiry.submit_time == before[code]
        assert enquiry.topic is None
    assert list(forms["en"].get_submissions().order_by("pk")) == list(
        EnquirySubmission.objects.order_by("pk")
    )
    notification = EnquiryNotification.objects.get()
    assert notification.submission_id == enquiries["zh-hant"].pk
    assert notification.status == "failed"

    migration.move_submissions_back(apps, None)
    for code, page in forms.items():
        assert FormSubmission.objects.get(form_data__your_name=code).page_id == page.pk
