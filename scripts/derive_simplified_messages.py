"""Fill untranslated zh_Hans interface strings from their zh_Hant translations.

Translators write Traditional Chinese once; this derives Simplified Chinese
as the site converts (the term base, then OpenCC's Hong Kong profile hk2s) for
every zh_Hans entry that is still empty or fuzzy, and never touches one a
person has already translated. Run by `make messages`; review the result like any other translation.

The term base is the shipped one (core/data/terms, core.terms.default_entries):
the catalogues are part of the project, derived the same way in every checkout,
with no database, rather than from one site's edited term base.
"""

import sys
from pathlib import Path

import polib

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import SIMPLIFIED, TRADITIONAL, convert  # noqa: E402
from core.terms import default_entries  # noqa: E402

LOCALE_DIR = PROJECT / "locale"


def to_simplified_with_terms(text):
    return convert(text, TRADITIONAL, SIMPLIFIED, default_entries())


def derive(domain="django"):
    traditional = polib.pofile(str(LOCALE_DIR / "zh_Hant/LC_MESSAGES" / f"{domain}.po"))
    simplified_path = LOCALE_DIR / "zh_Hans/LC_MESSAGES" / f"{domain}.po"
    simplified = polib.pofile(str(simplified_path))
    sources = {(entry.msgctxt, entry.msgid): entry for entry in traditional.translated_entries()}
    filled = 0
    for entry in simplified:
        if entry.obsolete or (entry.translated() and not entry.fuzzy):
            continue
        source = sources.get((entry.msgctxt, entry.msgid))
        if source is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {
                index: to_simplified_with_terms(text)
                for index, text in source.msgstr_plural.items()
            }
        else:
            entry.msgstr = to_simplified_with_terms(source.msgstr)
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        filled += 1
    simplified.save(str(simplified_path))
    sys.stdout.write(f"zh_Hans: derived {filled} strings from zh_Hant\n")


if __name__ == "__main__":
    derive()
