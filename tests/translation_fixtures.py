"""Build translated content with wagtail-localize's own API, for the translation tests.

An English StandardPage with a title, summary and a rich-text paragraph, its
TranslationSource, and a Translation into each Chinese locale; `translate()`
writes StringTranslation rows the way the translation editor does.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import HomePage
from partner_pages.models import StandardPage

PARAGRAPH = (
    "<p>PolyU and <b>Alibaba</b> work on "
    '<a href="https://example.com/cloud">cloud computing</a>.</p>'
)


def make_english_page(title="Joint Laboratory", slug="joint-lab", summary="Big data research."):
    page = StandardPage(
        title=title,
        slug=slug,
        summary=summary,
        body=[("paragraph", PARAGRAPH)],
    )
    HomePage.in_language("en").add_child(instance=page)
    page.save_revision().publish()
    return page


def start_translations(instance, codes=("zh-hant", "zh-hans")):
    """Submit `instance` for translation into `codes`, as "Translate this page" does."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translations = {}
    for code in codes:
        locale = Locale.objects.get(language_code=code)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        # Pages start as drafts; snippets are published at once, as a Moderator
        # would (their review is test_snippet_review's).
        translation.save_target(publish=not isinstance(instance, Page))
        translations[code] = translation
    return source, translations


def segments(source):
    """The source's string segments by context path (e.g. "title", "summary", "body.<uuid>")."""
    return {
        segment.context.path: segment
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        )
    }


def segment_path(source, startswith):
    return next(path for path in segments(source) if path.startswith(startswith))


def translate(source, code, texts, kind=StringTranslation.TRANSLATION_TYPE_MANUAL, user=None):
    """Store translations: `texts` maps a context path (or its start) to the translated text."""
    locale = Locale.objects.get(language_code=code)
    by_path = segments(source)
    for start, text in texts.items():
        path = start if start in by_path else segment_path(source, start)
        segment = by_path[path]
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": kind,
                "tool_name": "",
                "last_translated_by": user,
            },
        )


def translated_texts(source, code):
    """{context path: translated text} for one locale."""
    locale = Locale.objects.get(language_code=code)
    by_context = {segment.context_id: path for path, segment in segments(source).items()}
    return {
        by_context[row.context_id]: row.data
        for row in StringTranslation.objects.filter(locale=locale, context_id__in=by_context)
    }


def target_of(translation):
    """The page a translation writes to, as its specific class."""
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).specific
