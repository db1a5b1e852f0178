from django import template
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from translation_workflow.conversion import (
    button_label,
    segments_behind_sibling,
    sibling_locale_for,
)
from translation_workflow.models import ConvertedSegment
from translation_workflow.script_check import wrong_script_characters

register = template.Library()


@register.simple_tag
def chinese_conversion(translation):
    """The "Convert from Traditional/Simplified Chinese" button, script warnings and converted
    segments edited since whose other version changed afterwards; or None."""
    if translation is None or sibling_locale_for(translation.target_locale) is None:
        return None
    code = translation.target_locale.language_code
    warnings = []
    for path, data in (
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
            translation_of__segments__source=translation.source,
        )
        .distinct()
        .order_by("context__path")
        .values_list("context__path", "data")
    ):
        characters = wrong_script_characters(data, code)
        if characters:
            warnings.append({"path": path, "characters": "".join(characters)})
    behind_sibling = (
        segments_behind_sibling(
            ConvertedSegment.objects.filter(
                string_translation__locale=translation.target_locale,
                string_translation__context__object_id=translation.source.object_id,
                string_translation__translation_of__segments__source=translation.source,
            )
        )
        .distinct()
        .order_by("string_translation__context__path")
        .values_list("string_translation__context__path", flat=True)
    )
    return {
        "label": button_label(translation.target_locale),
        "url": reverse("translation_workflow:convert", args=[translation.id]),
        "warnings": warnings,
        "behind_sibling": list(behind_sibling),
        "simplified_target": code == "zh-hans",
    }
