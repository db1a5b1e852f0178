"""Consistency with the term base (core.terms): warnings a translator reads in the editor
bar and in the status report.

Two kinds, per translated segment:

- the other region's word: a vocabulary term written the other region's way, in this
  locale's script (通讯 on a Simplified page, where the term base says 通信; 信息 on a
  Traditional one, where it says 資訊). A form that is this locale's own form of some
  term is never flagged (信息 where another term says 信息 too), nor one found inside
  a longer term written this locale's way (算法 inside 演算法 on a Traditional page);
- translated differently: the English source has the English of a name or a
  term kept as is (whole words, any case; the longest where terms overlap) and the
  translation has none of the forms the term base gives that English in this
  locale. Vocabulary is left to the first kind: its English is a gloss, and
  "application" or "information" are translated in many ways the term base
  cannot know (申請, 資料).

Characters of the wrong script are the script check's (script_check.py); inline tags
are ignored.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from core.chinese import SIMPLIFIED, TAG, TRADITIONAL, to_simplified, to_traditional
from core.terms import VOCABULARY, site_entries

OTHER_REGION = "other_region"
TRANSLATED_DIFFERENTLY = "translated_differently"


@dataclass(frozen=True)
class TermWarning:
    context_path: str
    kind: str
    #: The other region's word as written, or the English term translated differently.
    found: str
    #: The term base's form for this locale.
    expected: str
    language_code: str

    @property
    def message(self):
        values = {"path": self.context_path, "found": self.found, "expected": self.expected}
        if self.kind == TRANSLATED_DIFFERENTLY:
            return (
                gettext(
                    "“%(found)s” in %(path)s is not translated as in the term base: %(expected)s"
                )
                % values
            )
        if self.language_code == SIMPLIFIED:
            return (
                gettext("Hong Kong word in %(path)s: %(found)s (the term base says %(expected)s)")
                % values
            )
        return (
            gettext("Mainland word in %(path)s: %(found)s (the term base says %(expected)s)")
            % values
        )

    def __str__(self):
        return self.message


def plain_text(text):
    """`text` without its inline tags."""
    return "".join(TAG.split(text or "")[::2])


class TermChecker:
    """The term base's entries, read for one Chinese locale's translations."""

    def __init__(self, entries, language_code):
        self.language_code = language_code
        simplified = language_code == SIMPLIFIED
        to_script = to_simplified if simplified else to_traditional

        def own(entry):
            return entry.simplified if simplified else entry.traditional

        own_forms = {own(entry) for entry in entries if own(entry)}
        # {form: the locale's form it stands for, or None for a form that is right here}
        self.forms = dict.fromkeys(own_forms)
        for entry in entries:
            expected = own(entry)
            if entry.kind != VOCABULARY or not expected:
                continue
            other = to_script(entry.traditional if simplified else entry.simplified)
            if other and other not in own_forms:
                self.forms.setdefault(other, expected)
        self.lengths = sorted({len(form) for form in self.forms}, reverse=True)

        # {English, case-folded: the locale's forms, any of which a translation may use}
        self.english = {}
        for entry in entries:
            if entry.kind != VOCABULARY and entry.english.strip() and own(entry):
                self.english.setdefault(entry.english.strip().casefold(), set()).add(own(entry))
        words = sorted(self.english, key=len, reverse=True)
        self.english_pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)",
                re.IGNORECASE,
            )
            if words
            else None
        )

    def other_region_words(self, text):
        """[(the other region's word found, the locale's word)], each once, in order."""
        found = {}
        position = 0
        while position < len(text):
            for length in self.lengths:
                form = text[position : position + length]
                if form in self.forms:
                    expected = self.forms[form]
                    if expected is not None:
                        found.setdefault(form, expected)
                    position += length
                    break
            else:
                position += 1
        return list(found.items())

    def translated_differently(self, english, translation):
        """[(English term, the locale's form)] of the terms in `english` whose form
        `translation` does not have, each once, in order."""
        if self.english_pattern is None:
            return []
        found = {}
        for match in self.english_pattern.finditer(plain_text(english)):
            forms = self.english[match.group().casefold()]
            if not any(form in translation for form in forms):
                found.setdefault(
                    match.group().casefold(),
                    (match.group(), " / ".join(sorted(forms, key=lambda form: (len(form), form)))),
                )
        return list(found.values())

    def warnings(self, context_path, english, translation):
        """The TermWarnings of one segment: its English source and its translation."""
        text = plain_text(translation)
        return [
            *(
                TermWarning(context_path, OTHER_REGION, form, expected, self.language_code)
                for form, expected in self.other_region_words(text)
            ),
            *(
                TermWarning(
                    context_path, TRANSLATED_DIFFERENTLY, term, expected, self.language_code
                )
                for term, expected in self.translated_differently(english, text)
            ),
        ]


_checkers = {"entries": None, "by_language": {}}


def checker_for(language_code):
    """The TermChecker of the site's term base for a Chinese locale, or None for another
    locale; built again only when the term base changes (site_entries returns the same
    tuple until then)."""
    if language_code not in (TRADITIONAL, SIMPLIFIED):
        return None
    entries = site_entries()
    if _checkers["entries"] is not entries:
        _checkers.update(entries=entries, by_language={})
    by_language = _checkers["by_language"]
    if language_code not in by_language:
        by_language[language_code] = TermChecker(entries, language_code)
    return by_language[language_code]
