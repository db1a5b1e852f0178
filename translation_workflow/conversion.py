"""Fill a Chinese translation's untranslated segments from the sibling Chinese locale.

For each string segment of a translation source that has no translation yet in
the target locale (zh-hans, say), take the same segment's translation in the
sibling locale (zh-hant) and convert it through the site's term base (core.terms:
proper names kept in their official form, regional vocabulary changed to the
target region's) and OpenCC for the rest. Segments already translated
in the target, by a person or a machine, are never touched; segments the sibling
has not translated either stay untranslated.

A converted segment then follows the sibling's corrections (follow_correction):
while nobody has edited it, a change to the sibling's text is converted into it
again. An edited one is kept, and flagged when the sibling's text changes after
the edit (segments_behind_sibling).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from core.chinese import SIBLING, convert, convert_with_terms, sibling_of
from core.terms import site_entries

from .models import ConvertedSegment

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
    #: The term base's entries (core.terms.TermEntry) the conversion used, each once.
    applied: list = field(default_factory=list)


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

    terms = site_entries()
    applied = {}
    new_rows = []
    # A source written in the sibling script converts its own (unchanging) strings:
    # there is no sibling translation to follow.
    follows_sibling = source.locale_id != sibling.pk
    for segment in segments:
        key = (segment.string_id, segment.context_id)
        if key in translated:
            continue
        if not follows_sibling:
            sibling_text = segment.string.data
        else:
            sibling_text = sibling_texts.get(key)
        if sibling_text is None:
            result.missing.append(segment.context.path)
            continue
        text, used = convert_with_terms(
            sibling_text, sibling.language_code, target_locale.language_code, terms
        )
        applied.update(dict.fromkeys(used))
        result.changes.append(Change(segment.context.path, sibling_text, text))
        new_rows.append((segment, sibling_text, text))
    result.applied = list(applied)

    if dry_run or not new_rows:
        return result

    records = []
    with transaction.atomic(), _writing_conversions():
        for segment, sibling_text, text in new_rows:
            row, created = StringTranslation.objects.get_or_create(
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
            if created and follows_sibling:
                records.append(
                    ConvertedSegment(
                        string_translation=row, sibling_text=sibling_text, converted_text=text
                    )
                )
        ConvertedSegment.objects.bulk_create(records)
        Translation.objects.filter(source=source, target_locale=target_locale).update(
            translations_last_updated_at=timezone.now()
        )
    return result


# --- Following the sibling's corrections ---------------------------------------------

# Set while conversion writes segments, so that its own writes are not taken for
# corrections to follow (nor for edits by hand).
_converting = ContextVar("converting", default=False)


@contextmanager
def _writing_conversions():
    token = _converting.set(True)
    try:
        yield
    finally:
        _converting.reset(token)


def follow_correction_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of StringTranslation (connected in apps.py), whoever saved it: the translation
    editor, a PO upload, machine translation."""
    if raw or (update_fields is not None and "data" not in update_fields):
        return  # e.g. wagtail-localize's own second save, which only sets has_error
    follow_correction(instance)


def follow_correction(string_translation):
    """After `string_translation` is saved: convert it again into the sibling's segment that
    follows it; if it is a converted segment itself, edited since, note what the sibling
    said when it was edited."""
    if _converting.get():
        return
    records = ConvertedSegment.objects.filter(
        string_translation__translation_of_id=string_translation.translation_of_id,
        string_translation__context_id=string_translation.context_id,
    ).select_related("string_translation__locale")
    for record in records:
        if record.string_translation_id == string_translation.pk:
            _note_edit(record, string_translation)
        else:
            _follow(record, string_translation)


def _note_edit(record, edited):
    if edited.data == record.converted_text:
        return  # saved unchanged: it still follows
    code = sibling_of(record.string_translation.locale.language_code)
    sibling_text = (
        StringTranslation.objects.filter(
            translation_of_id=edited.translation_of_id,
            context_id=edited.context_id,
            locale__language_code=code,
        )
        .values_list("data", flat=True)
        .first()
    )
    if sibling_text is not None and sibling_text != record.sibling_text:
        # Written after the sibling changed: no longer behind it.
        record.sibling_text = sibling_text
        record.save(update_fields=["sibling_text"])


def _follow(record, correction):
    target = record.string_translation
    if target.data != record.converted_text or correction.data == record.sibling_text:
        return  # edited by hand since (kept, and flagged), or nothing new to convert
    to_code = target.locale.language_code
    from_code = sibling_of(to_code)
    if correction.locale.language_code != from_code:
        return
    try:
        # wagtail-localize marks such a text has_error after this signal: don't spread it.
        StringValue.from_translated_html(correction.data)
        validate_translation_links(correction.translation_of.data, correction.data)
    except ValueError:
        return
    text = convert(correction.data, from_code, to_code, site_entries())
    with transaction.atomic(), _writing_conversions():
        if text != target.data:
            target.data = text
            target.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
            target.tool_name = TOOL_NAME
            target.has_error = False
            target.field_error = ""
            target.save()
            Translation.objects.filter(
                source__stringsegment__context_id=target.context_id,
                target_locale_id=target.locale_id,
            ).update(translations_last_updated_at=timezone.now())
        record.sibling_text = correction.data
        record.converted_text = text
        record.save(update_fields=["sibling_text", "converted_text"])


def segments_behind_sibling(converted_segments):
    """Those of `converted_segments` (a ConvertedSegment queryset) whose sibling's text has
    changed since their own text was written, each with the sibling's current text as
    `sibling_now`."""
    sibling_now = (
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_translation__translation_of_id"),
            context_id=OuterRef("string_translation__context_id"),
            locale__language_code__in=SIBLING,
        )
        .exclude(locale_id=OuterRef("string_translation__locale_id"))
        .values("data")[:1]
    )
    return (
        converted_segments.annotate(sibling_now=Subquery(sibling_now))
        .filter(sibling_now__isnull=False)
        .exclude(sibling_now=F("sibling_text"))
    )
