from django.db import models
from wagtail_localize.models import String, StringTranslation, Translation, TranslationContext


class ConvertedSegment(models.Model):
    """A segment filled by converting the other Chinese version's translation of it.

    While its text is still `converted_text` (nobody has edited it since), it
    follows the other version: a correction there is converted again into it
    (conversion.follow_correction). Once edited, it is kept, and flagged when
    the other version's text is no longer `sibling_text`.
    """

    string_translation = models.OneToOneField(
        StringTranslation, on_delete=models.CASCADE, related_name="converted_segment"
    )
    #: The other version's text when this segment's current text was written.
    sibling_text = models.TextField()
    #: What conversion last wrote into the segment.
    converted_text = models.TextField()

    def __str__(self):
        return f"ConvertedSegment: {self.string_translation_id}"

    @property
    def edited_since(self):
        return self.string_translation.data != self.converted_text


class SourceSegmentChange(models.Model):
    """An English segment of a translation that changed when the source was updated.

    Written when "Sync translated pages" / "Update translations" (or any update of
    the TranslationSource) replaces a segment whose English text the translation
    had translated (changes.note_source_changes), so the editor can show the
    English it was translated from, the new English, and the translation of
    then. One per translation and new segment (context and English string);
    removed once someone saves that segment's translation by hand.
    """

    translation = models.ForeignKey(
        Translation, on_delete=models.CASCADE, related_name="source_changes"
    )
    context = models.ForeignKey(TranslationContext, on_delete=models.CASCADE, related_name="+")
    #: The English text now (the segment the translator sees in the editor).
    current_string = models.ForeignKey(String, on_delete=models.CASCADE, related_name="+")
    #: The English text the translation was made for.
    previous_string = models.ForeignKey(String, on_delete=models.CASCADE, related_name="+")
    #: The translation of previous_string at the time.
    previous_translation = models.TextField()
    #: Whether previous_translation was copied into the new segment as its starting point.
    prefilled = models.BooleanField(default=False)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "context", "current_string"],
                name="unique_source_segment_change",
            )
        ]

    def __str__(self):
        return f"SourceSegmentChange: {self.translation_id}, {self.context_id}"
