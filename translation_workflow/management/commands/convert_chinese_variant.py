"""Fill untranslated Chinese segments from the other Chinese script, in bulk.

manage.py convert_chinese_variant --from zh-hant --to zh-hans --all
manage.py convert_chinese_variant --from zh-hans --to zh-hant --page 42 --dry-run
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from core.chinese import PROFILE
from translation_workflow.conversion import convert_from_sibling


class Command(BaseCommand):
    help = (
        "Fill every untranslated segment of the --to locale's translations from the --from "
        "locale's, converted through the term base and OpenCC. Never overwrites a translated "
        "segment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="from_code", required=True, help="zh-hant or zh-hans")
        parser.add_argument("--to", dest="to_code", required=True, help="zh-hans or zh-hant")
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument(
            "--page",
            type=int,
            help="A page ID: the page in any locale (its translation is found by key)",
        )
        scope.add_argument("--all", action="store_true", help="Every page and snippet")
        parser.add_argument("--dry-run", action="store_true", help="Print, but write nothing")

    def handle(self, *args, **options):
        from_code, to_code = options["from_code"], options["to_code"]
        page, dry_run = options["page"], options["dry_run"]
        if (from_code, to_code) not in PROFILE:
            raise CommandError(
                "--from and --to must be zh-hant and zh-hans, one each "
                f"(got {from_code} → {to_code})."
            )
        try:
            target = Locale.objects.get(language_code=to_code)
        except Locale.DoesNotExist as error:
            raise CommandError(f"There is no {to_code} locale.") from error

        translations = Translation.objects.filter(target_locale=target, enabled=True)
        if page is not None:
            found = Page.objects.filter(pk=page).first()
            if found is None:
                raise CommandError(f"There is no page with ID {page}.")
            translations = translations.filter(source__object_id=found.translation_key)
            if not translations.exists():
                raise CommandError(
                    f"Page {page} ({found.title}) has no {to_code} translation to fill: "
                    "translate it into that locale first."
                )

        total = 0
        prefix = "[dry run] " if dry_run else ""
        for translation in translations.select_related("source", "target_locale").order_by("pk"):
            result = convert_from_sibling(translation.source, target, dry_run=dry_run)
            for change in result.changes:
                self.stdout.write(
                    f"{prefix}{translation.source.object_repr} · {change.context_path}: "
                    f"{change.sibling_text} → {change.text}"
                )
            total += len(result.changes)
            if result.missing:
                self.stdout.write(
                    f"{prefix}{translation.source.object_repr}: {len(result.missing)} segment(s) "
                    f"untranslated in {from_code} too, left empty"
                )
        verb = "would fill" if dry_run else "filled"
        self.stdout.write(self.style.SUCCESS(f"{prefix}{verb} {total} segment(s) in {to_code}."))
