"""Delete enquiries older than ENQUIRY_RETENTION_DAYS: the statement on the form promises it."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from partner_pages.models import EnquiryFormPage


class Command(BaseCommand):
    help = (
        "Delete enquiry form submissions (and their notification records) older than "
        "ENQUIRY_RETENTION_DAYS days; nothing else. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.ENQUIRY_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        # Every submission to an enquiry form, enquiry rows and plain Wagtail ones alike.
        old = FormSubmission.objects.filter(
            page__in=EnquiryFormPage.objects.all(), submit_time__lt=cutoff
        )
        if dry_run:
            count = old.count()
            self.stdout.write(f"{count} enquiries are older than {days} days (dry run: kept).")
            return
        with transaction.atomic():
            # Deleting a submission deletes its enquiry row and notification with it.
            _total, by_model = old.delete()
        count = by_model.get(FormSubmission._meta.label, 0)
        self.stdout.write(f"Deleted {count} enquiries older than {days} days.")
