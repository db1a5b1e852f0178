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


# A system font with the en dash and curly quotes of the demo's titles ("Alibaba – PolyU"),
# found by Pillow in the system's font directories; Pillow's own default font lacks them.
FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf")
# What to draw instead of a character the font lacks (its missing-glyph box otherwise).
PLAIN_FORMS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})


def _font(size):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _drawing(font, text):
    mask = font.getmask(text)
    return mask.size, bytes(mask)


def drawable(text, font):
    """The text with the characters the font lacks (drawn as its missing-glyph box) in
    their plain forms: – as -."""
    missing = _drawing(font, "\ue000")  # a private-use code point: no font draws it
    return "".join(
        character.translate(PLAIN_FORMS) if _drawing(font, character) == missing else character
        for character in text
    )


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
    heading_font, subtitle_font = _font(width // 22), _font(width // 40)
    draw.text(
        (margin * 1.6, height * 0.32), drawable(heading, heading_font), font=heading_font, fill=INK
    )
    wrapped = "\n".join(textwrap.wrap(drawable(subtitle, subtitle_font), width=52))
    draw.multiline_text(
        (margin * 1.6, height * 0.5), wrapped, font=subtitle_font, fill=INK, spacing=14
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
    title_font, body_font = _font(64), _font(38)
    draw.text((90, 80), drawable(title, title_font), font=title_font, fill=INK)
    body = "\n\n".join(
        "\n".join(textwrap.wrap(drawable(line, body_font), width=48)) for line in lines
    )
    draw.multiline_text((90, 320), body, font=body_font, fill=(29, 29, 31), spacing=16)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()
