from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class TranslationWorkflowConfig(AppConfig):
    name = "translation_workflow"
    verbose_name = _("Translation workflow")

    def ready(self):
        from wagtail_localize.models import StringTranslation, Translation, TranslationSource

        from . import memory
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
