"""Template helpers for images."""

from django import template

register = template.Library()


@register.filter
def image_alt(image):
    """Alt text for an image: empty when decorative, the text chosen for this use, or its title.

    `{% picture image ... alt=image|image_alt %}`. Images from an ImageBlock
    carry `decorative` and `contextual_alt_text`; images from a plain foreign
    key (logos, hero images) have neither and fall back to their title.
    """
    if image is None or getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", None) or image.default_alt_text
