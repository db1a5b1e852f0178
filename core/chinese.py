"""Traditional ⇄ Simplified Chinese conversion with OpenCC's Hong Kong profiles.

Translators write Traditional Chinese (Hong Kong) and derive Simplified Chinese
from it (`hk2s`), or the other way round (`s2hk`). Rich-text segments keep
their inline tags (`<b>`, `<a id="a1">`) untouched: only the text between tags
is converted.
"""

import re
from functools import cache

import opencc

TRADITIONAL = "zh-hant"
SIMPLIFIED = "zh-hans"

#: Each Chinese locale's sibling: the locale its content can be converted from.
SIBLING = {TRADITIONAL: SIMPLIFIED, SIMPLIFIED: TRADITIONAL}

#: OpenCC profile for each (from, to) pair of language codes.
PROFILE = {(TRADITIONAL, SIMPLIFIED): "hk2s", (SIMPLIFIED, TRADITIONAL): "s2hk"}

TAG = re.compile(r"(<[^>]*>)")


def is_chinese(language_code):
    return language_code in SIBLING


def sibling_of(language_code):
    """The other Chinese script's language code, or None for a non-Chinese locale."""
    return SIBLING.get(language_code)


@cache
def _converter(profile):
    return opencc.OpenCC(f"{profile}.json")


def convert(text, from_code, to_code):
    """Convert `text` (plain or with inline HTML tags) from one Chinese script to the other."""
    converter = _converter(PROFILE[(from_code, to_code)])
    parts = TAG.split(text)
    # split() with a capturing group alternates text, tag, text, tag...: odd items are tags.
    return "".join(part if i % 2 else converter.convert(part) for i, part in enumerate(parts))
