"""`manage.py purge_enquiries`: enquiries older than ENQUIRY_RETENTION_DAYS go, nothing else."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from partner_pages.enquiries import EnquiryCount, EnquiryNotification, EnquirySubmission
from partner_pages.models import Contact
from tests.enquiry_fixtures import enquiry, form_in_three_languages, partner_with_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiries(client, settings):
    """Four enquiries to a form in three languages: sent 800, 731, 729 days ago and today."""
    settings.ENQUIRY_RATE_LIMIT = {"submissions": 100, "seconds": 3600}
    partner = partner_with_contact()
    forms = form_in_three_languages()
    ages = {"Old": 800, "Just too old": 731, "Nearly two years": 729, "New": 0}
    for (name, days), page in zip(ages.items(), [*forms.values(), forms["en"]], strict=True):
        client.post(page.url, {**enquiry(page, **{"Your name": name}), "about_page": partner.pk})
        sent = timezone.now() - datetime.timedelta(days=days, minutes=1)
        FormSubmission.objects.filter(form_data__your_name=name).update(submit_time=sent)
    assert EnquiryNotification.objects.count() == 4
    return forms


def names_left():
    return set(EnquirySubmission.objects.values_list("form_data__your_name", flat=True))


def everything_but_submissions():
    return (
        Page.objects.count(),
        Contact.objects.count(),
        EnquiryCount.objects.count(),
        list(Page.objects.values_list("pk", "title", "live")),
    )


def test_only_enquiries_older_than_the_retention_period_are_deleted(enquiries, capsys):
    before = everything_but_submissions()
    call_command("purge_enquiries")
    assert "Deleted 2 enquiries older than 730 days." in capsys.readouterr().out
    assert names_left() == {"Nearly two years", "New"}
    assert FormSubmission.objects.count() == 2
    # Their notification records went with them; nothing else did.
    assert EnquiryNotification.objects.count() == 2
    assert everything_but_submissions() == before


def test_a_dry_run_counts_and_deletes_nothing(enquiries, capsys):
    call_command("purge_enquiries", "--dry-run")
    assert "2 enquiries are older than 730 days (dry run: kept)." in capsys.readouterr().out
    assert len(names_left()) == 4
    assert EnquiryNotification.objects.count() == 4


def test_the_retention_period_comes_from_the_setting(enquiries, settings, capsys):
    settings.ENQUIRY_RETENTION_DAYS = 30
    call_command("purge_enquiries")
    assert "Deleted 3 enquiries older than 30 days." in capsys.readouterr().out
    assert names_left() == {"New"}
    call_command("purge_enquiries")
    assert "Deleted 0 enquiries" in capsys.readouterr().out
