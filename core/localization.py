"""Show translatable snippets in the visitor's locale, in one query.

Snippet references copied into a translated page (research areas, contacts)
still point at the English snippets; pages render them through
`localize_all`, which swaps each for its translation in the page's locale
when there is one, and keeps the original otherwise.
"""

from wagtail.models import Locale


def localize_all(objects, locale=None):
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    locale = locale or Locale.get_active()
    model = type(objects[0])
    pending = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    translations = {}
    if pending:
        translations = {
            translation.translation_key: translation
            for translation in model.objects.filter(translation_key__in=pending, locale=locale)
        }
    return [translations.get(obj.translation_key, obj) for obj in objects]
