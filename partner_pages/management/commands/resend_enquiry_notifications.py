"""Send the enquiry notification e-mails that failed or were never sent (run it from cron)."""

from django.core.management.base import BaseCommand, CommandError

from partner_pages.enquiries import EnquiryNotification, deliver_notification


class Command(BaseCommand):
    help = (
        "Send every enquiry notification e-mail that failed, or that was queued and never sent "
        "(its worker stopped); notifications being sent right now are left alone."
    )

    def handle(self, *args, **options):
        outcomes = {EnquiryNotification.Status.SENT: 0, EnquiryNotification.Status.FAILED: 0}
        for notification_id in (
            EnquiryNotification.unsent().order_by("pk").values_list("pk", flat=True)
        ):
            outcome = deliver_notification(notification_id)
            if outcome in outcomes:
                outcomes[outcome] += 1
        sent, failed = (
            outcomes[EnquiryNotification.Status.SENT],
            outcomes[EnquiryNotification.Status.FAILED],
        )
        self.stdout.write(f"Enquiry notifications: {sent} sent, {failed} failed.")
        if failed:
            # A non-zero exit tells cron (and whoever reads its mail) that some are still unsent.
            raise CommandError(f"{failed} enquiry notification(s) could not be sent; see the log.")
