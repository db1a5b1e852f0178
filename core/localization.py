"""Show translatable snippets in the visitor's locale, published versions only, in one query.

Snippet references copied into a translated page (research areas, contacts)
may still point at the English snippets; pages render them through
`localize_all`, which swaps each for its translation in the page's locale.

Visitors see only what has been published (`live`; a pending draft lives in a
revision, not in the row): a translation that is not published yet, or a
snippet whose translation does not exist, shows in the default language, as
a missing translation always has, and a snippet with no published version at
all is left out.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def _is_live(obj):
    return getattr(obj, "live", True)


def localized_versions(objects, locale=None):
    """{pk of each object: the version visitors see in `locale`}; left-out objects are absent.

    In order: its published translation in `locale`, the object itself if
    published, its published version in the default language.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    locale = locale or Locale.get_active()
    model = type(objects[0])
    pending = {
        obj.translation_key for obj in objects if obj.locale_id != locale.pk or not _is_live(obj)
    }
    in_locale, in_default = {}, {}
    if pending:
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        candidates = model.objects.filter(
            Q(locale=locale) | Q(locale__language_code=default_language),
            translation_key__in=pending,
        )
        if hasattr(model, "live"):
            candidates = candidates.filter(live=True)
        for candidate in candidates:
            found = in_locale if candidate.locale_id == locale.pk else in_default
            found[candidate.translation_key] = candidate
    versions = {}
    for obj in objects:
        key = obj.translation_key
        if obj.locale_id == locale.pk and _is_live(obj):
            versions[obj.pk] = obj
        elif shown := in_locale.get(key) or (obj if _is_live(obj) else in_default.get(key)):
            versions[obj.pk] = shown
    return versions


def localize_all(objects, locale=None):
    """The version visitors see of each object, in order, without those they cannot see."""
    objects = [obj for obj in objects if obj is not None]
    versions = localized_versions(objects, locale)
    return [versions[obj.pk] for obj in objects if obj.pk in versions]
