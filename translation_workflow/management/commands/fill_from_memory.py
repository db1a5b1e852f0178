"""Fill untranslated segments of existing translations from the translation memory.

manage.py fill_from_memory                 # every synced translation
manage.py fill_from_memory --locale zh-hans

New translations and syncs fill themselves (translation_workflow.memory); this is
for translations started before a sentence was translated, reviewed and published
elsewhere. Never overwrites a translated segment.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale
from wagtail_localize.models import Translation

from translation_workflow.memory import fill_from_memory


class Command(BaseCommand):
    help = (
        "Fill every untranslated segment of the synced translations whose English text is "
        "translated, reviewed and published elsewhere in the same locale. Never overwrites "
        "a translated segment."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale", dest="codes", action="append", help="A language code (repeatable)"
        )

    def handle(self, *args, codes=None, **options):
        translations = Translation.objects.filter(enabled=True).select_related(
            "source", "target_locale"
        )
        if codes:
            unknown = set(codes) - set(
                Locale.objects.filter(language_code__in=codes).values_list(
                    "language_code", flat=True
                )
            )
            if unknown:
                raise CommandError(f"No such locale: {', '.join(sorted(unknown))}")
            translations = translations.filter(target_locale__language_code__in=codes)
        filled = {}
        for translation in translations.order_by("target_locale__language_code", "pk"):
            count = fill_from_memory(translation.source, [translation.target_locale_id]).get(
                translation.target_locale_id, 0
            )
            code = translation.target_locale.language_code
            filled[code] = filled.get(code, 0) + count
            if count:
                self.stdout.write(f"{translation.source.object_repr} ({code}): {count}")
        for code, count in sorted(filled.items()):
            self.stdout.write(f"filled {count} segment(s) in {code}")
