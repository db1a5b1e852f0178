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
            "--reset", action="store_true", help="Delete the demo content first, then rebuild it."
        )

    def handle(self, *args, **options):
        if options["reset"]:
            builder.remove_demo_content()
            self.stdout.write("Removed the demo content.")
        elif builder.demo_content_exists():
            self.stdout.write(
                "The site already has partnership content; nothing to do (--reset rebuilds it)."
            )
            return
        try:
            with transaction.atomic():
                builder.build_all()
        except builder.MissingTranslations as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS("Loaded the demo content in English, 繁體中文 and 简体中文.")
        )
