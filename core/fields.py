"""Model fields that several page types share."""

from django.db import models
from wagtail_localize.fields import SynchronizedField

# Every locale keeps the English slug, so switching language only swaps the
# /en/ prefix and links stay stable; translators may still override it.
SYNCHRONISED_SLUG = SynchronizedField("slug")


def image_field(verbose_name, **options):
    """An optional image chosen from the library; deleting the image empties the field."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )
