"""Traditional ⇄ Simplified Chinese conversion with OpenCC's Hong Kong profiles.

The only place that builds an OpenCC converter: translation, search and the
scripts that derive catalogues all convert through here. Translators write
Traditional Chinese (Hong Kong) and derive Simplified Chinese from it
(`hk2s`), or the other way round (`s2hk`). Rich-text segments keep their
inline tags (`<b>`, `<a id="a1">`) untouched: only the text between tags is
converted.
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
def converter(profile):
    """OpenCC's converter for a profile ("hk2s", "s2hk", ...), built once per process."""
    return opencc.OpenCC(f"{profile}.json")


def to_simplified(text):
    """Plain text from Traditional (Hong Kong) to Simplified characters."""
    return converter("hk2s").convert(text)


def to_traditional(text):
    """Plain text from Simplified to Traditional (Hong Kong) characters."""
    return converter("s2hk").convert(text)


def convert(text, from_code, to_code):
    """Convert `text` (plain or with inline HTML tags) from one Chinese script to the other."""
    converter_ = converter(PROFILE[(from_code, to_code)])
    parts = TAG.split(text)
    # split() with a capturing group alternates text, tag, text, tag...: odd items are tags.
    return "".join(part if i % 2 else converter_.convert(part) for i, part in enumerate(parts))
