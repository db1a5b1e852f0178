"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): a broken file is a form error.

Wagtail's image field reads an upload's size and frame count through Willow,
which decodes the image with Pillow. For a file that only looks like an image
(a GIF header with no picture after it, a PNG cut off half way), Pillow raises
an error Wagtail does not expect, and the admin answered 500. Here any such
error is the field's own "not a valid image" error, in the editor's language
(Django's message, translated by Django), so the upload is refused and nothing
is stored: in the image add and edit views, the chooser's upload and the
multiple uploader alike, which all build their form on this one.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with any failure to read the image a validation error."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:
            # Pillow's errors have no common base (OSError, SyntaxError, ValueError...).
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail makes the file field itself (wagtail.images.forms.formfield_for_dbfield,
        # which get_image_form always uses). Declaring the field here instead would
        # add it to the multiple uploader's edit form too, which leaves the file out;
        # so this form's copy of Wagtail's field becomes the checked kind.
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = CheckedImageField
