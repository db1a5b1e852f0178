"""Model fields that several page types share."""

from django.db import models
from wagtail.fields import RichTextField
from wagtail_localize.fields import SynchronizedField

from .links import drop_unsafe_links, safe_link, validate_link, validate_rich_text_links

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


class LinkURLField(models.URLField):
    """A web address that may become a link (core.links): checked when entered and when read."""

    default_validators = [*models.URLField.default_validators, validate_link]

    def from_db_value(self, value, expression, connection):
        return safe_link(value)


class LinkCheckedRichTextField(RichTextField):
    """Rich text whose links may only have safe addresses (core.links), entered or read."""

    default_validators = [validate_rich_text_links]

    def from_db_value(self, value, expression, connection):
        return drop_unsafe_links(value)
