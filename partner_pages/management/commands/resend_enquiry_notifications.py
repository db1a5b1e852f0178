"""Send the enquiry notification e-mails that failed, had no recipient or were never sent.

Run it from cron: it exits non-zero while some enquiries are still unsent, so
that someone hears of them.
"""

from django.core.management.base import BaseCommand, CommandError

from partner_pages.enquiries import EnquiryNotification, deliver_notification

Status = EnquiryNotification.Status


class Command(BaseCommand):
    help = (
        "Send every enquiry notification e-mail that failed, that had nobody to go to (once "
        "ENQUIRY_NOTIFY_EMAIL or the form's address is set), or that was queued and never sent "
        "(its worker stopped); notifications being sent right now are left alone."
    )

    def handle(self, *args, **options):
        outcomes = dict.fromkeys((Status.SENT, Status.FAILED, Status.NO_RECIPIENT), 0)
        for notification_id in (
            EnquiryNotification.unsent().order_by("pk").values_list("pk", flat=True)
        ):
            outcome = deliver_notification(notification_id)
            if outcome in outcomes:
                outcomes[outcome] += 1
        sent, failed, unaddressed = outcomes.values()
        self.stdout.write(
            f"Enquiry notifications: {sent} sent, {failed} failed, {unaddressed} with no recipient."
        )
        problems = []
        if failed:
            problems.append(f"{failed} enquiry notification(s) could not be sent; see the log.")
        if unaddressed:
            problems.append(
                f"{unaddressed} enquiry notification(s) have no recipient: set "
                "ENQUIRY_NOTIFY_EMAIL (or the form's 'to' address); the enquiries are in the "
                "admin (Forms)."
            )
        if problems:
            # A non-zero exit tells cron (and whoever reads its mail) that some are still unsent.
            raise CommandError(" ".join(problems))
