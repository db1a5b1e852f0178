"""Load every image a page shows, with its renditions, in two queries.

Out of the box, Wagtail loads a body's images once per block type (one query
for the gallery's, another for the timeline's...) and then looks up each
image's renditions on its own: a query per image whenever the rendition cache
is cold. `preload_page_images` instead reads the image ids straight from the
body's stored JSON (plus the page's own image fields, e.g. logo and hero),
loads them all with `prefetch_renditions()` (two queries, however many
images), and converts the body while those are on hand: the image choosers
inside `AccessibleImageBlock` take them from there instead of the database.
"""

import contextlib
import copy
from contextvars import ContextVar

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

_preloaded_images = ContextVar("preloaded_images", default=None)


class PreloadedImageChooserBlock(ImageChooserBlock):
    """An image chooser that takes images preloaded by `preload_page_images` when it can."""

    def bulk_to_python(self, values):
        values = list(values)
        preloaded = _preloaded_images.get()
        if preloaded is None or any(v is not None and v not in preloaded for v in values):
            return super().bulk_to_python(values)
        # A copy each: the same image may appear twice with different alt texts.
        return [copy.copy(preloaded[v]) if v is not None else None for v in values]


def _image_id(raw):
    if isinstance(raw, dict):
        raw = raw.get("image")
    return raw if isinstance(raw, int) else None


def image_ids_in(block, raw):
    """The ids of every image in `raw`, the stored (JSON) value of `block`."""
    if raw is None:
        return
    if isinstance(block, ImageBlock | ImageChooserBlock):
        if (image_id := _image_id(raw)) is not None:
            yield image_id
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from image_ids_in(child, item.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_new_format = isinstance(item, dict) and item.get("type") == "item"
            yield from image_ids_in(block.child_block, item["value"] if is_new_format else item)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            yield from image_ids_in(child, raw.get(name))


@contextlib.contextmanager
def preloaded_images(image_ids):
    """Load `image_ids` with their renditions; image choosers use them inside the block."""
    image_ids = {image_id for image_id in image_ids if image_id is not None}
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions().in_bulk()
        if image_ids
        else {}
    )
    token = _preloaded_images.set(images)
    try:
        yield images
    finally:
        _preloaded_images.reset(token)


def preload_page_images(page, stream_field_names=("body",), image_field_names=()):
    """Load every image of `page` (body blocks and image fields) in two queries."""
    streams = [getattr(page, name) for name in stream_field_names]
    ids = [getattr(page, f"{name}_id") for name in image_field_names]
    for stream in streams:
        ids.extend(image_ids_in(stream.stream_block, list(stream.raw_data)))
    with preloaded_images(ids) as images:
        for stream in streams:
            list(stream)  # converts every block now, with the preloaded images at hand
    for name in image_field_names:
        image_id = getattr(page, f"{name}_id")
        if image_id in images:
            setattr(page, name, images[image_id])
