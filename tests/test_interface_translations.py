"""Every interface string has a Traditional and a Simplified Chinese translation."""

from pathlib import Path

import opencc
import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["zh_Hant", "zh_Hans"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 10


@pytest.mark.parametrize(
    ("language", "conversion"),
    [("zh_Hant", "s2hk"), ("zh_Hans", "hk2s")],
)
def test_interface_strings_are_in_the_right_script(language, conversion):
    """A string is in the right script when converting it to that script changes nothing."""
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    converter = opencc.OpenCC(conversion)
    wrong_script = [
        entry.msgstr
        for entry in catalogue.translated_entries()
        if converter.convert(entry.msgstr) != entry.msgstr
    ]
    assert wrong_script == []
