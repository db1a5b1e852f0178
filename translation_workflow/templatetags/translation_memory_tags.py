"""The translation editor's suggestions from the translation memory (memory.near_matches)."""

from django import template
from django.urls import reverse

from translation_workflow.memory import near_matches

register = template.Library()


@register.simple_tag
def memory_suggestions(translation):
    """Near matches for `translation`'s untranslated segments, each with the address of its
    "Use this translation" button; [] without a translation."""
    if translation is None:
        return []
    suggestions = near_matches(translation)
    for suggestion in suggestions:
        suggestion.use_url = reverse(
            "translation_workflow:use_remembered_translation",
            args=[translation.pk, suggestion.segment_id],
        )
    return suggestions
