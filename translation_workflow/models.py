from django.db import models
from wagtail_localize.models import StringTranslation


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
