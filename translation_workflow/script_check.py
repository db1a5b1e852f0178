"""Flag characters of the wrong Chinese script: Simplified in Traditional content and back.

Character lists come from OpenCC's dictionaries (scripts/build_script_characters.py):
a character counts as Simplified-only when OpenCC's Traditional forms for it do not
include itself and both the Hong Kong and Taiwan profiles change it, so characters
both scripts share (干, 台, 后, 了) and Hong Kong or Taiwan standard forms (温, 户,
着, 峰) are never flagged.
"""

from functools import cache
from pathlib import Path

from core.chinese import SIMPLIFIED, TAG, TRADITIONAL

DATA = Path(__file__).resolve().parent / "data"


@cache
def _characters(name):
    return frozenset((DATA / f"{name}.txt").read_text(encoding="utf-8").strip())


def is_simplified_only(char):
    """True for a character that Traditional Chinese (Hong Kong) writes differently, e.g. 发."""
    return char in _characters("simplified_only")


def is_traditional_only(char):
    """True for a character that Simplified Chinese writes differently, e.g. 發."""
    return char in _characters("traditional_only")


_WRONG_SCRIPT = {TRADITIONAL: is_simplified_only, SIMPLIFIED: is_traditional_only}


def wrong_script_characters(text, language_code):
    """The characters in `text` that do not belong in `language_code`'s script, each once.

    Inline HTML tags are ignored; a locale other than Chinese has no wrong script.
    """
    check = _WRONG_SCRIPT.get(language_code)
    if check is None or not text:
        return []
    found = []
    for char in "".join(TAG.split(text)[::2]):
        if char not in found and check(char):
            found.append(char)
    return found
