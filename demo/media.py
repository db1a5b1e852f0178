"""Placeholder images and documents, drawn locally with Pillow.

The seed text shows its photographs as "[Image]" and its leaflet as a link
we do not have. Rather than invent a picture, each placeholder says plainly
what it stands for, and its alt text says it is a placeholder.
"""

import io
import textwrap

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

BRAND = (138, 21, 56)  # PolyU red
INK = (255, 255, 255)
WIDTH, HEIGHT = 1600, 1000


def _font(size):
    return ImageFont.load_default(size=size)


def placeholder_png(heading, subtitle, size=(WIDTH, HEIGHT), seed=0):
    """A deliberate-looking card: brand colour, a quiet pattern, and what it stands for."""
    width, height = size
    picture = PillowImage.new("RGB", size, BRAND)
    draw = ImageDraw.Draw(picture)
    # Diagonal bands, shifted per image so a gallery does not look like one tile repeated.
    for index, offset in enumerate(range(-height, width, 90)):
        shade = 16 + ((index + seed) % 4) * 8
        colour = tuple(min(255, channel + shade) for channel in BRAND)
        draw.polygon(
            [
                (offset, 0),
                (offset + 45, 0),
                (offset + 45 + height, height),
                (offset + height, height),
            ],
            fill=colour,
        )
    margin = width // 14
    draw.rectangle([margin, margin, width - margin, height - margin], outline=INK, width=6)
    draw.text((margin * 1.6, height * 0.32), heading, font=_font(width // 22), fill=INK)
    wrapped = "\n".join(textwrap.wrap(subtitle, width=52))
    draw.multiline_text(
        (margin * 1.6, height * 0.5), wrapped, font=_font(width // 40), fill=INK, spacing=14
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def placeholder_image_file(filename, heading, subtitle, size=(WIDTH, HEIGHT), seed=0):
    return ImageFile(io.BytesIO(placeholder_png(heading, subtitle, size, seed)), name=filename)


def placeholder_pdf(title, lines):
    """A one-page PDF that says what the real document is and where it comes from."""
    page = PillowImage.new("RGB", (1240, 1754), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, 220], fill=BRAND)
    draw.text((90, 80), title, font=_font(64), fill=INK)
    body = "\n\n".join("\n".join(textwrap.wrap(line, width=48)) for line in lines)
    draw.multiline_text((90, 320), body, font=_font(38), fill=(29, 29, 31), spacing=16)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()
