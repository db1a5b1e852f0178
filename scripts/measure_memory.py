"""How much of a new English page the translation memory fills, on the demo content.

    .venv/bin/python scripts/measure_memory.py

Like the test suite, it works in a throwaway database (a temporary SQLite file, or
`test_<name>` on PostgreSQL), never the site's own: it loads the demo content, then
for each of the demo's English pages makes a new English page of the same type
built from that page's content (a copy under a new title, as an editor starts a
new partnership from an existing one), starts its translation into both Chinese
locales as "Translate this page" does, and prints, per page and locale, how many
of the new page's string segments the memory filled, and which stayed empty.

Then near matches: pages of the demo's pages' plain sentences (four words or more),
each with its last word left out, so none is filled exactly; it counts how many
segments the editor offers a suggestion for (memory.near_matches).
"""

import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

CODES = ("zh-hant", "zh-hans")


def new_page_from(page, number):
    """A new English page of `page`'s type and content, with a new title and slug."""
    copy = page.copy(
        update_attrs={
            "title": f"New partnership page {number}",
            "slug": f"new-page-from-demo-{number}",
        },
        keep_live=False,
        reset_translation_key=True,
        log_action=None,
    )
    copy.save_revision().publish()
    return copy.specific


def measure():
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Locale, Page
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    from translation_workflow.memory import TOOL_NAME

    call_command("load_demo_content", stdout=StringIO())
    locales = [Locale.objects.get(language_code=code) for code in CODES]
    demo_pages = list(
        Page.objects.filter(locale__language_code="en", depth__gt=2).order_by("path").specific()
    )
    totals = {code: [0, 0] for code in CODES}
    rows = []
    for number, page in enumerate(demo_pages, start=1):
        new = new_page_from(page, number)
        TranslationCreator(None, locales).create_translations(new, include_related_objects=False)
        source = TranslationSource.objects.get_for_instance(new)
        segments = list(StringSegment.objects.filter(source=source).select_related("string"))
        row = [f"{page.title} ({page.specific_class._meta.verbose_name})", len(segments)]
        for locale in locales:
            filled = {
                (string_id, context_id)
                for string_id, context_id in StringTranslation.objects.filter(
                    locale=locale, context__object_id=source.object_id, tool_name=TOOL_NAME
                ).values_list("translation_of_id", "context_id")
            }
            empty = [s.string.data for s in segments if (s.string_id, s.context_id) not in filled]
            totals[locale.language_code][0] += len(segments) - len(empty)
            totals[locale.language_code][1] += len(segments)
            row += [len(segments) - len(empty), empty]
        rows.append(row)

    out = sys.stdout.write
    out("| new page built from | segments | filled, zh-hant | filled, zh-hans | left empty |\n")
    out("|---|---|---|---|---|\n")
    for title, total, hant, hant_empty, hans, hans_empty in rows:
        empty = sorted(set(hant_empty) | set(hans_empty))
        out(f"| {title} | {total} | {hant} | {hans} | {'; '.join(empty)} |\n")
    for code, (filled, total) in totals.items():
        out(f"\n{code}: {filled} of {total} segments filled from memory")
    out("\n")
    measure_near_matches(locales, out)


def edited_sentences():
    """The demo pages' plain English sentences of four words or more, less their last word."""
    import re

    from wagtail.models import Page
    from wagtail_localize.models import StringSegment

    keys = Page.objects.filter(locale__language_code="en", depth__gt=2).values("translation_key")
    texts = sorted(
        set(
            StringSegment.objects.filter(source__object_id__in=keys).values_list(
                "string__data", flat=True
            )
        )
    )
    plain = [text for text in texts if not set(text) & set("<>&") and len(text.split()) >= 4]
    return [re.sub(r"\s+\S+$", "", text.rstrip(".")) + "." for text in plain]


def measure_near_matches(locales, out):
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import TranslationCreator

    from home.models import HomePage
    from partner_pages.models import StandardPage
    from translation_workflow.memory import MAX_SEGMENTS, near_matches

    sentences = edited_sentences()
    offered = dict.fromkeys((locale.language_code for locale in locales), 0)
    filled = dict(offered)
    # Pages of at most MAX_SEGMENTS segments: the editor compares that many at a time.
    for start in range(0, len(sentences), MAX_SEGMENTS - 1):
        chunk = sentences[start : start + MAX_SEGMENTS - 1]
        page = StandardPage(
            title=f"Near matches {start}",
            slug=f"near-matches-{start}",
            body=[("paragraph", f"<p>{text}</p>") for text in chunk],
        )
        HomePage.in_language("en").add_child(instance=page)
        page.save_revision().publish()
        TranslationCreator(None, locales).create_translations(page)
        for translation in Translation.objects.filter(
            source__object_id=page.translation_key
        ).select_related("source", "target_locale"):
            code = translation.target_locale.language_code
            filled[code] += translation.get_progress()[1]
            offered[code] += len({s.segment_id for s in near_matches(translation)})
    out(f"\nnear matches: {len(sentences)} demo sentences, each less its last word\n")
    for code in offered:
        out(f"{code}: {filled[code]} filled exactly, {offered[code]} offered a suggestion\n")


def main():
    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    scratch = tempfile.TemporaryDirectory(prefix="measure-memory-")
    if "sqlite" in database["ENGINE"]:
        database["TEST"] = {"NAME": str(Path(scratch.name) / "memory.sqlite3")}
    settings.MEDIA_ROOT = scratch.name
    django.setup()

    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        scratch.cleanup()


if __name__ == "__main__":
    main()
