"""Translation memory: a sentence translated once is not typed again (wagtail-localize #657).

wagtail-localize stores each source text once (a `String`, shared by every page,
snippet and field that says it) and its translations per place
(`StringTranslation(translation_of=string, locale, context)`). So "has this English
sentence been translated into Simplified Chinese anywhere on the site?" is one
lookup by String and locale.

- Exact matches fill by themselves (`fill_from_memory`): whenever a translation
  is created or its source synced, each string segment with no translation yet in
  the target locale takes the translation of the same String in that locale from
  another place. It is stored as a machine translation with the tool name
  "Translation memory", so the editor says "Translated with Translation memory on
  …" and it is reviewed as OpenCC's conversions are. Nothing already translated
  is ever replaced. This runs before any conversion from the other Chinese
  version: conversion fills only what is still untranslated, and a reviewed text
  in this very locale beats a character conversion of the other one.
- Near matches are offered in the editor (`near_matches`): an untranslated
  segment whose English is at least 75 % similar (difflib's character ratio) to an
  English sentence translated before is shown that translation, with the
  difference between the two English sentences highlighted, and one click to use it.

Which translations the memory may copy (`remembered_translations`): only those in
the same locale (never across locales), without an error, that pass
wagtail-localize's own validation of translated HTML and links for the segment
they are copied to, and that are part of a page or snippet that is live and was
published after the text was last written. A translator is the least trusted
role: a draft, or a text waiting in review, is their word alone, and memory
copies can reach the live site without another review (a Moderator's "Sync
translated pages" with "Publish immediately"). A text a reviewer let onto the live
site is what the site already says.

When several places translate the same String, the most recently written one wins
(the primary key breaks ties): corrections and the term base's newer wording
spread, older variants do not, and the choice does not depend on database order.
"""

import difflib
import math
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

#: Stored as the StringTranslation's tool name, as wagtail-localize's machine translators do.
TOOL_NAME = "Translation memory"

#: Near matches: difflib.SequenceMatcher(None, a, b).ratio() on the two English texts.
SIMILARITY = 0.75
#: The editor compares at most this many untranslated segments (in page order) ...
MAX_SEGMENTS = 30
#: ... each with at most this many remembered translations, the most recent of those whose
#: length allows the ratio (a ratio of 0.75 needs the shorter text to be at least 60 % of
#: the longer one's length).
MAX_CANDIDATES = 500
#: And shows at most this many suggestions per segment.
SUGGESTIONS_PER_SEGMENT = 3

# The shortest text that can still reach SIMILARITY with another: 2m / (a + b) >= r
# with m <= min(a, b) gives min / max >= r / (2 - r).
LENGTH_RATIO = SIMILARITY / (2 - SIMILARITY)


def _published_models():
    """Page, and the translatable snippet models with drafts (live and last_published_at)."""
    snippets = [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and issubclass(model, DraftStateMixin)
    ]
    return [Page, *snippets]


def remembered_translations(locale_ids):
    """StringTranslations in `locale_ids` the memory may copy (see the module's docstring).

    Their HTML and links are checked again against the segment they are copied to
    (`valid_for`), as wagtail-localize's editor checks a translation.
    """
    published_since_written = Q()
    for model in _published_models():
        published_since_written |= Q(
            Exists(
                model.objects.filter(
                    translation_key=OuterRef("context__object_id"),
                    locale_id=OuterRef("locale_id"),
                    live=True,
                    last_published_at__gte=OuterRef("updated_at"),
                )
            )
        )
    return StringTranslation.objects.filter(
        published_since_written, locale_id__in=locale_ids, has_error=False
    )


def valid_for(source_text, translated_text):
    """Whether `translated_text` is a valid translation of `source_text` (a String's data):
    well-formed translated HTML with the same links (wagtail-localize's own checks)."""
    try:
        StringValue.from_translated_html(translated_text)
        validate_translation_links(source_text, translated_text)
    except ValueError:
        return False
    return True


# --- Exact matches ------------------------------------------------------------------


def fill_from_memory(source, locale_ids, user=None):
    """Fill `source`'s untranslated string segments in `locale_ids` from the memory.

    Returns {locale ID: segments filled}. A fixed number of queries, whatever the
    number of segments: seven when it fills any (one more per locale whose page title
    it fills), fewer when there is nothing to fill.
    """
    locale_ids = list(locale_ids)
    if not locale_ids:
        return {}
    segments = list(
        StringSegment.objects.filter(source_id=source.pk).values_list(
            "string_id", "context_id", "context__path"
        )
    )
    if not segments:
        return {}
    translated = set(
        StringTranslation.objects.filter(
            locale_id__in=locale_ids,
            translation_of_id__in={string_id for string_id, _, _ in segments},
            context_id__in={context_id for _, context_id, _ in segments},
        ).values_list("translation_of_id", "context_id", "locale_id")
    )
    missing = [
        (string_id, context_id, path, locale_id)
        for string_id, context_id, path in segments
        for locale_id in locale_ids
        if (string_id, context_id, locale_id) not in translated
    ]
    if not missing:
        return {}

    memory = {}
    for string_id, locale_id, data, source_text in (
        remembered_translations(locale_ids)
        .filter(translation_of_id__in={string_id for string_id, _, _, _ in missing})
        .order_by("translation_of_id", "locale_id", "-updated_at", "-pk")
        .values_list("translation_of_id", "locale_id", "data", "translation_of__data")
    ):
        if (string_id, locale_id) not in memory and valid_for(source_text, data):
            memory[(string_id, locale_id)] = data

    rows = []
    titles = {}
    for string_id, context_id, path, locale_id in missing:
        data = memory.get((string_id, locale_id))
        if data is None:
            continue
        rows.append(
            StringTranslation(
                translation_of_id=string_id,
                locale_id=locale_id,
                context_id=context_id,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                tool_name=TOOL_NAME,
                last_translated_by=user,
                has_error=False,
                field_error="",
            )
        )
        if path == "title":
            titles[locale_id] = data
    if not rows:
        return {}

    filled = {}
    for row in rows:
        filled[row.locale_id] = filled.get(row.locale_id, 0) + 1
    with transaction.atomic():
        # A row someone wrote in the meantime wins: the memory never replaces a translation.
        StringTranslation.objects.bulk_create(rows, ignore_conflicts=True)
        # What wagtail-localize's post_save of StringTranslation does for a page title
        # (bulk_create sends no signals): the translated page's title in the admin.
        for locale_id, title in titles.items():
            Page.objects.filter(translation_key=source.object_id, locale_id=locale_id).update(
                draft_title=title
            )
        Translation.objects.filter(source_id=source.pk, target_locale_id__in=filled).update(
            translations_last_updated_at=timezone.now()
        )
    return filled


def fill_on_translation_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of Translation (apps.py): a translation created, or restarted, in any way
    (the admin's "Translate this page" / "Translate", TranslationCreator, the demo, code)."""
    if raw or not instance.enabled:
        return
    if update_fields is not None and "enabled" not in update_fields:
        return
    fill_from_memory(instance.source, [instance.target_locale_id])


def fill_after_refreshing_segments(refresh_segments):
    """Wrap TranslationSource.refresh_segments (apps.py) to fill the synced source's new
    segments in every locale it is translated into.

    wagtail-localize sends no signal once it has extracted a source's segments; every
    sync ends in refresh_segments ("Sync translated pages", "Update translations",
    TranslationSource.update_from_db / update_or_create_from_instance in code), so
    wrapping that one method catches them all.
    """

    def refresh_segments_then_fill(source):
        refresh_segments(source)
        locale_ids = source.translations.filter(enabled=True).values_list(
            "target_locale_id", flat=True
        )
        fill_from_memory(source, list(locale_ids))

    refresh_segments_then_fill.__doc__ = refresh_segments.__doc__
    refresh_segments_then_fill.fills_from_memory = True
    return refresh_segments_then_fill


# --- Near matches -------------------------------------------------------------------


@dataclass
class Suggestion:
    segment_id: int
    context_path: str
    #: The remembered StringTranslation offered, and its text (plain text, unescaped).
    string_translation_id: int
    translation: str
    ratio: float
    #: The two English texts' difference: escaped, <del> what only the remembered
    #: sentence says, <ins> what only this segment says.
    diff: str

    @property
    def percent(self):
        return math.floor(self.ratio * 100)


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def highlighted_difference(remembered, current):
    """The word-by-word difference from `remembered` to `current`, as escaped HTML."""
    old, new = _TOKEN.findall(remembered), _TOKEN.findall(current)
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every text part is escaped above)


def plain_text(data):
    """A String's or StringTranslation's stored HTML as the text a reader sees."""
    return StringValue(data).render_text()


def similarity(a, b):
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio()


def near_matches(translation):
    """Suggestions for `translation`'s untranslated segments: remembered translations of
    English texts at least SIMILARITY alike, best first (at most SUGGESTIONS_PER_SEGMENT
    each). Two queries (three if the translation's source is not loaded yet).

    The ratio compares the texts as stored (rich text keeps its inline tags, which a
    translation must keep too); the difference is shown between the texts as read.
    """
    locale_id = translation.target_locale_id
    already = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
    )
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(Exists(already))
        .select_related("string", "context")
        .order_by("order")[:MAX_SEGMENTS]
    )
    if not segments:
        return []
    lengths = [len(segment.string.data) for segment in segments]
    candidates = {}
    for pk, string_id, english, data in (
        remembered_translations([locale_id])
        .filter(translation_of__locale_id=translation.source.locale_id)
        .annotate(length=Length("translation_of__data"))
        .filter(
            length__gte=math.floor(min(lengths) * LENGTH_RATIO),
            length__lte=math.ceil(max(lengths) / LENGTH_RATIO),
        )
        .order_by("-updated_at", "-pk")
        .values_list("pk", "translation_of_id", "translation_of__data", "data")[:MAX_CANDIDATES]
    ):
        # The most recent translation of each English text, as for exact matches.
        candidates.setdefault(string_id, (pk, english, data))

    suggestions = []
    for segment in segments:
        text = segment.string.data
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)  # what SequenceMatcher caches: compared with each candidate
        found = []
        for pk, english, data in candidates.values():
            shorter, longer = sorted((len(english), len(text)))
            if shorter < longer * LENGTH_RATIO:
                continue
            matcher.set_seq1(english)
            if (
                matcher.real_quick_ratio() >= SIMILARITY
                and matcher.quick_ratio() >= SIMILARITY
                and (ratio := matcher.ratio()) >= SIMILARITY
                and valid_for(text, data)
            ):
                found.append((ratio, pk, english, data))
        found.sort(key=lambda match: -match[0])  # stable: the most recent first among equals
        suggestions.extend(
            Suggestion(
                segment_id=segment.pk,
                context_path=segment.context.path,
                string_translation_id=pk,
                translation=plain_text(data),
                ratio=ratio,
                diff=highlighted_difference(plain_text(english), plain_text(text)),
            )
            for ratio, pk, english, data in found[:SUGGESTIONS_PER_SEGMENT]
        )
    return suggestions
