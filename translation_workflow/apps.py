from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class TranslationWorkflowConfig(AppConfig):
    name = "translation_workflow"
    verbose_name = _("Translation workflow")

    def ready(self):
        from wagtail_localize.models import StringTranslation

        from .conversion import follow_correction_on_save

        # Every way a segment is saved (the editor, a PO upload, machine translation)
        # goes through StringTranslation.save().
        post_save.connect(
            follow_correction_on_save,
            sender=StringTranslation,
            dispatch_uid="translation_workflow.follow_correction",
        )
