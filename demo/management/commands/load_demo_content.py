"""`manage.py load_demo_content`: the seed's partnership pages in three languages."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import builder


class Command(BaseCommand):
    help = (
        "Build the partnership pages of the seed in English, then their Traditional and "
        "Simplified Chinese translations. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete what the demo created (nothing else), then rebuild it.",
        )

    def handle(self, *args, **options):
        reset = options["reset"]
        if not reset and builder.demo_content_exists():
            self.stdout.write(
                "The site already has partnership content; nothing to do (--reset rebuilds it)."
            )
            return
        if reset and builder.demo_content_exists() and not builder.demo_pages_recorded():
            # Loaded before the demo recorded what it made (or made by hand): a reset would
            # delete none of it, and the rebuild would clash with it.
            raise CommandError(
                "None of the site's partnership content is recorded as the demo's, so --reset "
                "may delete none of it. Delete the old demo pages, contacts and research areas "
                "by hand, then run load_demo_content."
            )
        try:
            # One transaction: a refused reset or a failed rebuild leaves the site as it was.
            with transaction.atomic():
                if reset:
                    builder.remove_demo_content()
                builder.build_all()
        except (builder.ResetRefused, builder.MissingTranslations) as error:
            raise CommandError(str(error)) from error
        if reset:
            self.stdout.write("Removed the demo content.")
        self.stdout.write(
            self.style.SUCCESS("Loaded the demo content in English, 繁體中文 and 简体中文.")
        )
