from django import template
from wagtail_localize.models import StringTranslation

from translation_workflow.consistency import checker_for

register = template.Library()


@register.simple_tag
def term_warnings(translation):
    """The term base warnings (consistency.TermWarning) of a Chinese translation's
    segments, in the order of their context paths; [] for any other locale."""
    checker = checker_for(translation.target_locale.language_code) if translation else None
    if checker is None:
        return []
    rows = (
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
            translation_of__segments__source=translation.source,
            has_error=False,
        )
        .distinct()
        .order_by("context__path")
        .values_list("context__path", "translation_of__data", "data")
    )
    return [
        warning for path, english, data in rows for warning in checker.warnings(path, english, data)
    ]
