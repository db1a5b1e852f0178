from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class TranslationWorkflowConfig(AppConfig):
    name = "translation_workflow"
    verbose_name = _("Translation workflow")

    def ready(self):
        from wagtail_localize.models import (
            StringSegment,
            StringTranslation,
            Translation,
            TranslationSource,
        )
        from wagtail_localize.operations import TranslationCreator

        from . import changes, memory, related
        from .conversion import follow_correction_on_save

        # Every way a segment is saved (the editor, a PO upload, machine translation)
        # goes through StringTranslation.save().
        post_save.connect(
            follow_correction_on_save,
            sender=StringTranslation,
            dispatch_uid="translation_workflow.follow_correction",
        )
        # Translation memory: every translation created (post_save of Translation) and
        # every sync (TranslationSource.refresh_segments, which sends no signal).
        post_save.connect(
            memory.fill_on_translation_save,
            sender=Translation,
            dispatch_uid="translation_workflow.fill_from_memory",
        )
        if not getattr(TranslationSource.refresh_segments, "fills_from_memory", False):
            TranslationSource.refresh_segments = memory.fill_after_refreshing_segments(
                TranslationSource.refresh_segments
            )
        # What changed: every update of a source saves it, then replaces its segments.
        pre_save.connect(
            changes.remember_segments_before_update,
            sender=TranslationSource,
            dispatch_uid="translation_workflow.remember_segments_before_update",
        )
        post_delete.connect(
            changes.note_source_changes,
            sender=StringSegment,
            dispatch_uid="translation_workflow.note_source_changes",
        )
        post_save.connect(
            changes.forget_checked_change,
            sender=StringTranslation,
            dispatch_uid="translation_workflow.forget_checked_change",
        )
        # Every way a translation is started creates its Translation.
        post_save.connect(
            related.start_related_translations,
            sender=Translation,
            dispatch_uid="translation_workflow.start_related_translations",
        )
        # wagtail-localize's own related objects: never over an existing version.
        TranslationCreator.create_translations = related.only_into_untranslated_locales(
            TranslationCreator.create_translations
        )
