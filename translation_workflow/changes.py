"""What changed in the English since a translation was made (wagtail-localize #502).

When a TranslationSource is updated ("Sync translated pages", "Update
translations", any update_from_db / update_or_create_from_instance),
wagtail-localize replaces each string segment whose English changed by a new
one: the new English has no translation, and the old English and its
translation are no longer shown anywhere. Here, for each replaced segment that
a translation had translated:

- a SourceSegmentChange keeps the English it was translated from and that
  translation, so the editor shows old and new English with the difference
  highlighted (highlighted_diff) and the translation of then;
- the previous translation is copied into the new segment as its starting
  point, marked as a machine translation ("Translated with the previous
  translation on …"), so it is reviewed like one. Not when the segment already
  has a translation (translation memory or conversion filled it first) or when
  the previous translation's tags or links no longer fit the new English
  (wagtail-localize would store it as an error): then the editor only shows it.

The record stays until someone saves that segment's translation by hand (the
editor, a PO upload): until then the starting point has not been checked
against the new English, and a reviewer should see why it reads as it does.
If the English changes again before that, the record keeps the English and the
translation a person last saw (the oldest), not the intermediate English
nobody translated.

How: a pre_save of TranslationSource notes its string segments by context
before the update; the first post_delete of one of its StringSegments (which
refresh_segments sends after it has written the new segments and deleted the
replaced ones, all at once) compares them with the segments now. A context
(e.g. a rich-text block) may hold several strings: the old and new lists are
aligned with difflib, and a replaced string is paired with the new string at
its place. Wired in apps.py.
"""

import re
from difflib import SequenceMatcher
from html import unescape

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail_localize.models import String, StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue, validate_translation_links

from .models import SourceSegmentChange

#: Stored as the pre-filled StringTranslation's tool name: the editor says
#: "Translated with the previous translation on <date>".
TOOL_NAME = "the previous translation"

# Latin words (with their apostrophes) stay whole; every other character (Chinese,
# punctuation, a tag's angle bracket) is a token of its own, so a changed Chinese
# character in a mixed sentence is highlighted alone.
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+(?:['’][0-9A-Za-z\u00c0-\u024f]+)*|\s+|.", re.S)

#: {TranslationSource pk: {context pk: [String pk, ...] in order}}, from just before an update.
_before_update = {}


def highlighted_diff(old, new):
    """(old, new) as safe HTML: all text escaped, the removed parts in <del>, the added in <ins>."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    old_html, new_html = [], []
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if operation == "equal":
            old_html.append(format_html("{}", removed))
            new_html.append(format_html("{}", added))
            continue
        if removed:
            old_html.append(format_html("<del>{}</del>", removed))
        if added:
            new_html.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))  # noqa: S308 (escaped above)


def _strings_by_context(source_id):
    by_context = {}
    for context_id, string_id in (
        StringSegment.objects.filter(source_id=source_id)
        .order_by("order")
        .values_list("context_id", "string_id")
    ):
        by_context.setdefault(context_id, []).append(string_id)
    return by_context


def _replaced(before, after):
    """[(context pk, old String pk, new String pk)] of the strings replaced in place."""
    pairs = []
    for context_id, old in before.items():
        new = after.get(context_id)
        if not new or new == old:
            continue  # removed, or unchanged (perhaps moved)
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "replace":  # a longer side's extra strings were added or removed
                pairs.extend(
                    (context_id, o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=False)
                )
    return pairs


def _fits(english, translated):
    """Whether wagtail-localize accepts `translated` as a translation of `english` (tags, links)."""
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(english, translated)
    except ValueError:
        return False
    return True


def remember_segments_before_update(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of TranslationSource (apps.py)."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "content_json" not in update_fields:
        return
    _before_update[instance.pk] = _strings_by_context(instance.pk)


def note_source_changes(sender, instance, **kwargs):
    """post_delete of StringSegment (apps.py): the first one after an update compares."""
    before = _before_update.pop(instance.source_id, None)
    if before is not None:
        record_changes(instance.source_id, before)


def record_changes(source_id, before):
    """Record the replaced segments of each enabled translation of the source, and give each
    its previous translation as its starting point."""
    pairs = _replaced(before, _strings_by_context(source_id))
    if not pairs:
        return
    translations = list(Translation.objects.filter(source_id=source_id, enabled=True))
    if not translations:
        return
    context_ids = {context_id for context_id, _old, _new in pairs}
    string_ids = {string_id for _context, *ids in pairs for string_id in ids}
    existing = {
        (row.translation_of_id, row.context_id, row.locale_id): row
        for row in StringTranslation.objects.filter(
            translation_of_id__in=string_ids,
            context_id__in=context_ids,
            locale_id__in=[translation.target_locale_id for translation in translations],
        )
    }
    earlier = {
        (change.translation_id, change.context_id, change.current_string_id): change
        for change in SourceSegmentChange.objects.filter(
            translation__in=translations, context_id__in=context_ids
        )
    }
    english = String.objects.in_bulk({new for _context, _old, new in pairs})
    now = timezone.now()
    for translation in translations:
        locale_id = translation.target_locale_id
        for context_id, old_id, new_id in pairs:
            earlier_change = earlier.get((translation.pk, context_id, old_id))
            # Shown even when wagtail-localize marked it as an error (a PO upload may store
            # one); _fits() keeps it from being the starting point then.
            old_translation = existing.get((old_id, context_id, locale_id))
            if earlier_change is not None:
                # Changed again before anyone checked it: keep what a person last saw.
                previous_string_id = earlier_change.previous_string_id
                previous_text = earlier_change.previous_translation
                earlier_change.delete()
            elif old_translation is not None:
                previous_string_id, previous_text = old_id, old_translation.data
            else:
                continue  # never translated: nothing to start from
            starting_point = old_translation.data if old_translation else previous_text
            prefilled = (new_id, context_id, locale_id) not in existing and _fits(
                english[new_id].data, starting_point
            )
            if prefilled:
                StringTranslation(
                    translation_of_id=new_id,
                    context_id=context_id,
                    locale_id=locale_id,
                    data=starting_point,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                    tool_name=TOOL_NAME,
                ).save()
            SourceSegmentChange.objects.update_or_create(
                translation=translation,
                context_id=context_id,
                current_string_id=new_id,
                defaults={
                    "previous_string_id": previous_string_id,
                    "previous_translation": previous_text,
                    "prefilled": prefilled,
                    "changed_at": now,
                },
            )


def forget_checked_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of StringTranslation (apps.py): a segment saved by a person has been checked
    against the new English."""
    if raw or instance.translation_type != StringTranslation.TRANSLATION_TYPE_MANUAL:
        return
    if update_fields is not None and "data" not in update_fields:
        return
    SourceSegmentChange.objects.filter(
        context_id=instance.context_id,
        current_string_id=instance.translation_of_id,
        translation__target_locale_id=instance.locale_id,
    ).delete()


def changed_segments(translation):
    """The changes of `translation` still to check, in the order of the page, for the editor:
    one query, however many segments."""
    current_segment = StringSegment.objects.filter(
        source_id=translation.source_id,
        context_id=OuterRef("context_id"),
        string_id=OuterRef("current_string_id"),
    )
    changes = (
        SourceSegmentChange.objects.filter(translation=translation)
        .filter(Exists(current_segment))
        .annotate(order=Subquery(current_segment.values("order")[:1]))
        .select_related("context", "previous_string", "current_string")
        .order_by("order", "pk")
    )
    shown = []
    for change in changes:
        # Stored as wagtail-localize's HTML (text escaped, inline tags as <b>, <a id="a1">):
        # shown as the text the translator reads, tags included, escaped again on the way out.
        old_html, new_html = highlighted_diff(
            unescape(change.previous_string.data), unescape(change.current_string.data)
        )
        shown.append(
            {
                "path": change.context.path,
                "old_english": old_html,
                "new_english": new_html,
                "previous_translation": unescape(change.previous_translation),
                "prefilled": change.prefilled,
                "changed_at": change.changed_at,
            }
        )
    return shown
