"""Load the renditions of every image in a page body in one query.

Wagtail's ImageChooserBlock already loads a body's images in bulk, but each
`{% picture %}` then looks up that image's renditions on its own: a query per
image when the rendition cache is cold. `prefetch_renditions` finds every
image in a StreamField value (however deeply nested in structs and lists) and
fills in the `prefetched_renditions` attribute that `Image.get_renditions`
consults before the cache or the database.
"""

import copy
from collections import defaultdict

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images import get_image_model


def _images_in(value):
    image_model = get_image_model()
    if isinstance(value, image_model):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _images_in(child.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _images_in(child)
    elif isinstance(value, ListValue):
        for child in value:
            yield from _images_in(child)


def prefetch_renditions(*values):
    """Attach the existing renditions to every image in `values` (StreamValues or images)."""
    images = [image for value in values for image in _images_in(value)]
    images = [image for image in images if image.pk and not hasattr(image, "prefetched_renditions")]
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    by_image = defaultdict(list)
    for rendition in rendition_model.objects.filter(image_id__in={image.pk for image in images}):
        by_image[rendition.image_id].append(rendition)
    for image in images:
        # Each image gets its own copies, pointing back at it (so they read its
        # contextual alt text without a query); renditions created while
        # rendering are appended to its list.
        renditions = [copy.copy(rendition) for rendition in by_image[image.pk]]
        for rendition in renditions:
            rendition.image = image
        image.prefetched_renditions = renditions
