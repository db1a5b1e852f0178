"""Fill a Chinese translation's untranslated segments from the sibling Chinese locale.

For each string segment of a translation source that has no translation yet in
the target locale (zh-hans, say), take the same segment's translation in the
sibling locale (zh-hant) and convert it with OpenCC. Segments already translated
in the target, by a person or a machine, are never touched; segments the sibling
has not translated either stay untranslated.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from core.chinese import convert, sibling_of

#: Stored as the StringTranslation's tool name, as wagtail-localize's machine translators do.
TOOL_NAME = "OpenCC"


@dataclass
class Change:
    context_path: str
    sibling_text: str
    text: str


@dataclass
class ConversionResult:
    target_locale: Locale
    sibling_locale: Locale | None
    changes: list[Change] = field(default_factory=list)
    #: Untranslated segments the sibling locale has no translation for either.
    missing: list[str] = field(default_factory=list)


def sibling_locale_for(target_locale):
    code = sibling_of(target_locale.language_code)
    return Locale.objects.filter(language_code=code).first() if code else None


def button_label(target_locale):
    """What the translation editor's conversion button says in `target_locale`'s translation."""
    code = sibling_of(target_locale.language_code)
    if code == "zh-hant":
        return _("Convert from Traditional Chinese")
    if code == "zh-hans":
        return _("Convert from Simplified Chinese")
    return None


def convert_from_sibling(source, target_locale, user=None, dry_run=False):
    """Fill `target_locale`'s untranslated segments of `source` (a TranslationSource).

    Returns a ConversionResult; with `dry_run` nothing is written.
    """
    sibling = sibling_locale_for(target_locale)
    result = ConversionResult(target_locale=target_locale, sibling_locale=sibling)
    if sibling is None:
        return result

    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    wanted = StringTranslation.objects.filter(
        translation_of__in={s.string_id for s in segments},
        context__in={s.context_id for s in segments},
    )
    translated = set(
        wanted.filter(locale=target_locale).values_list("translation_of_id", "context_id")
    )
    sibling_texts = {
        (string_id, context_id): data
        for string_id, context_id, data in wanted.filter(
            locale=sibling, has_error=False
        ).values_list("translation_of_id", "context_id", "data")
    }

    new_rows = []
    for segment in segments:
        key = (segment.string_id, segment.context_id)
        if key in translated:
            continue
        if source.locale_id == sibling.pk:
            # A source written in the sibling script converts directly.
            sibling_text = segment.string.data
        else:
            sibling_text = sibling_texts.get(key)
        if sibling_text is None:
            result.missing.append(segment.context.path)
            continue
        text = convert(sibling_text, sibling.language_code, target_locale.language_code)
        result.changes.append(Change(segment.context.path, sibling_text, text))
        new_rows.append((segment, text))

    if dry_run or not new_rows:
        return result

    with transaction.atomic():
        for segment, text in new_rows:
            StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                locale=target_locale,
                context_id=segment.context_id,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": TOOL_NAME,
                    "last_translated_by": user,
                    "has_error": False,
                    "field_error": "",
                },
            )
        Translation.objects.filter(source=source, target_locale=target_locale).update(
            translations_last_updated_at=timezone.now()
        )
    return result
