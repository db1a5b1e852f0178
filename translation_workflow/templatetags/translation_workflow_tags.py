from django import template
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from translation_workflow.conversion import button_label, sibling_locale_for
from translation_workflow.script_check import wrong_script_characters

register = template.Library()


@register.simple_tag
def chinese_conversion(translation):
    """The "Convert from Traditional/Simplified Chinese" button and script warnings, or None."""
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
    return {
        "label": button_label(translation.target_locale),
        "url": reverse("translation_workflow:convert", args=[translation.id]),
        "warnings": warnings,
        "simplified_target": code == "zh-hans",
    }
