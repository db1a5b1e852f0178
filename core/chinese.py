"""Traditional ⇄ Simplified Chinese conversion with OpenCC's Hong Kong profiles.

The only place that builds an OpenCC converter: translation, search and the
scripts that derive catalogues all convert through here. Translators write
Traditional Chinese (Hong Kong) and derive Simplified Chinese from it
(`hk2s`), or the other way round (`s2hk`). Rich-text segments keep their
inline tags (`<b>`, `<a id="a1">`) untouched: only the text between tags is
converted.

Given the term base's entries (core.terms), conversion replaces terms first,
the longest match at each position, and converts the text between them with
OpenCC: 香港理工大學電子計算學系 stays the department's official name in each
script, 通訊 becomes 通信, where OpenCC alone would write 通讯. It also writes
each region's quotation marks (「」 in Hong Kong, “” on the mainland).
"""

import re
from functools import cache, lru_cache

import opencc

TRADITIONAL = "zh-hant"
SIMPLIFIED = "zh-hans"

#: Each Chinese locale's sibling: the locale its content can be converted from.
SIBLING = {TRADITIONAL: SIMPLIFIED, SIMPLIFIED: TRADITIONAL}

#: OpenCC profile for each (from, to) pair of language codes.
PROFILE = {(TRADITIONAL, SIMPLIFIED): "hk2s", (SIMPLIFIED, TRADITIONAL): "s2hk"}

TAG = re.compile(r"(<[^>]*>)")

#: Quotation marks each region writes, converted along with the term base: Hong Kong
#: 「」 and 『』, the mainland “” and ‘’.
QUOTES = {
    SIMPLIFIED: str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"}),
    TRADITIONAL: str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"}),
}


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


def convert(text, from_code, to_code, terms=None):
    """Convert `text` (plain or with inline HTML tags) from one Chinese script to the other.

    With `terms` (TermEntry objects), through the term base first; without, OpenCC alone.
    """
    if terms is None:
        converter_ = converter(PROFILE[(from_code, to_code)])
        parts = TAG.split(text)
        # split() with a capturing group alternates text, tag, text, tag...: odd items are tags.
        return "".join(part if i % 2 else converter_.convert(part) for i, part in enumerate(parts))
    return convert_with_terms(text, from_code, to_code, terms)[0]


def convert_with_terms(text, from_code, to_code, terms):
    """`text` converted through the term base `terms`, then OpenCC; and the entries applied.

    Returns (converted text, the TermEntry objects whose form was written, in order of
    first use, each once).
    """
    converter_ = converter(PROFILE[(from_code, to_code)])
    table = _term_table(tuple(terms), from_code)
    applied = {}
    out = []
    for i, part in enumerate(TAG.split(text)):
        if i % 2:
            out.append(part)  # a tag
        else:
            out.append(_convert_plain(part, converter_, table, to_code, applied))
    return "".join(out), list(applied)


def _convert_plain(text, converter_, table, to_code, applied):
    forms, longest = table
    quotes = QUOTES[to_code]
    out = []
    rest_start = 0
    i = 0
    while i < len(text):
        for length in range(min(longest, len(text) - i), 0, -1):
            entry = forms.get(text[i : i + length])
            if entry is not None:
                break
        else:
            i += 1
            continue
        out.append(converter_.convert(text[rest_start:i]).translate(quotes))
        matched = text[i : i + length]
        # Every kind is written in its form for the target script: a name's official
        # form, a region's word, or a word kept from being changed inside.
        written = entry.simplified if to_code == SIMPLIFIED else entry.traditional
        out.append(written or matched)
        applied.setdefault(entry, None)
        i += length
        rest_start = i
    out.append(converter_.convert(text[rest_start:]).translate(quotes))
    return "".join(out)


@lru_cache(maxsize=8)
def _term_table(terms, from_code):
    """({form in the source script: entry}, length of the longest form) for `terms`."""
    forms = {}
    for entry in terms:
        form = entry.traditional if from_code == TRADITIONAL else entry.simplified
        if form and form not in forms:
            forms[form] = entry
    return forms, max(map(len, forms), default=0)
