"""Related snippets travel with the page: starting a translation starts theirs.

wagtail-localize starts the translations of the objects a page refers to only
when they are "related object segments": a translatable ForeignKey field or a
chooser block. It does not see the objects a page refers to through an inline
child object that is not translatable itself (a programme's contacts,
ProgrammeContact.contact), nor a many-to-many field (a partner page's research
areas, synchronised as they are): so a Chinese programme page showed its
English contacts until someone found and translated each one.

Worse, for the objects it does see, it starts a translation into every chosen
locale even where the object already has a version: a contact translated by
hand into Traditional Chinese was overwritten with its English text and taken
offline (a draft) when its page was translated, so the Chinese page showed
"Manager" again. So its related objects now go only into the locales where they
have no version yet (only_into_untranslated_locales, installed in apps.py).

And whenever a Translation is created (the admin's "Translate this page",
its "include subtree", "Translate" on a snippet, and any code that creates a
Translation), every translatable object other than a page that the source
refers to, found generically through Wagtail's reference index (foreign keys,
chooser blocks, rich text, inline child objects) and the source's many-to-many
fields, gets a translation into the same locale, the way wagtail-localize
starts one (TranslationCreator, a draft), unless it already has one in that
locale, however made: those are not touched. Only one level, as
wagtail-localize does for its related objects: a snippet started here does not
start the snippets it refers to.

The locale is the one the page is being translated into, which the views that
start translations already limit to the user's own (permissions.py), so a
translator of Simplified Chinese starts no Traditional contacts.
"""

import functools
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex, TranslatableMixin
from wagtail_localize.operations import TranslationCreator

# Set while the related objects' own translations are being created: one level only.
_starting_related = ContextVar("translation_workflow_starting_related", default=False)


def _is_travelling_model(model):
    return (
        model is not None
        and issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)  # pages have their own translations, and fall back
    )


def referenced_objects(instance):
    """The translatable objects other than pages that `instance` refers to, by model."""
    keys_by_model = {}
    # The index is kept up to date by a task after each save; bring it up to date for this
    # object now (the task may run only once the transaction commits).
    ReferenceIndex.create_or_update_for_object(instance)
    for content_type_id, object_id in (
        ReferenceIndex.get_references_for_object(instance)
        .values_list("to_content_type_id", "to_object_id")
        .distinct()
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if _is_travelling_model(model):
            keys_by_model.setdefault(model, set()).add(object_id)
    objects_by_model = {
        model: list(model.objects.filter(pk__in=pks)) for model, pks in keys_by_model.items()
    }
    # The reference index does not follow many-to-many relations.
    for field in instance._meta.get_fields():
        if (
            field.many_to_many
            and not field.auto_created
            and _is_travelling_model(field.related_model)
        ):
            objects_by_model.setdefault(field.related_model, []).extend(
                getattr(instance, field.name).all()
            )
    return objects_by_model


def untranslated_references(instance, locale):
    """The objects `instance` refers to that have no version in `locale` yet."""
    missing = []
    for model, objects in referenced_objects(instance).items():
        translated = set(
            model.objects.filter(
                translation_key__in=[obj.translation_key for obj in objects], locale=locale
            ).values_list("translation_key", flat=True)
        )
        seen = set()
        for obj in objects:
            if obj.translation_key not in translated and obj.translation_key not in seen:
                seen.add(obj.translation_key)
                missing.append(obj)
    return missing


def start_related_translations(sender, instance, created, raw=False, **kwargs):
    """post_save of Translation (apps.py)."""
    if raw or not created or _starting_related.get():
        return
    try:
        source_instance = instance.source.get_source_instance()
    except instance.source.specific_content_type.model_class().DoesNotExist:
        return
    missing = untranslated_references(source_instance, instance.target_locale)
    if not missing:
        return
    creator = TranslationCreator(user=None, target_locales=[instance.target_locale])
    token = _starting_related.set(True)
    try:
        for obj in missing:
            if obj.locale_id != source_instance.locale_id:
                # Refers to another language's version: start from the source's language.
                obj = obj.get_translation_or_none(source_instance.locale) or obj
            if obj.locale_id != instance.target_locale_id:
                creator.create_translations(obj, include_related_objects=False)
    finally:
        _starting_related.reset(token)


def only_into_untranslated_locales(create_translations):
    """Wrap TranslationCreator.create_translations: a related object (include_related_objects
    False, as wagtail-localize calls it for the objects a page refers to, and as
    start_related_translations does) goes only into the locales where it has no version."""
    if getattr(create_translations, "only_into_untranslated_locales", False):
        return create_translations

    @functools.wraps(create_translations)
    def wrapper(self, instance, include_related_objects=True):
        if include_related_objects or isinstance(instance, Page):
            return create_translations(self, instance, include_related_objects)
        translated = set(instance.get_translations().values_list("locale_id", flat=True))
        locales = [locale for locale in self.target_locales if locale.pk not in translated]
        if not locales:
            return None
        chosen, self.target_locales = self.target_locales, locales
        try:
            return create_translations(self, instance, include_related_objects)
        finally:
            self.target_locales = chosen

    wrapper.only_into_untranslated_locales = True
    return wrapper
