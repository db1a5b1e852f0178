"""The translation editor's "Changed in the English" panel (translation_workflow.changes)."""

from django import template

from translation_workflow.changes import changed_segments as _changed_segments

register = template.Library()


@register.simple_tag
def changed_segments(translation):
    return _changed_segments(translation) if translation is not None else []
