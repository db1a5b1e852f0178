"""Every interface string has a Traditional and a Simplified Chinese translation."""

from pathlib import Path

import polib
import pytest

from translation_workflow.script_check import wrong_script_characters

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
    ("language", "language_code"), [("zh_Hant", "zh-hant"), ("zh_Hans", "zh-hans")]
)
def test_interface_strings_are_in_the_right_script(language, language_code):
    """No Simplified-only character in the Traditional file, and the reverse."""
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    wrong_script = {
        entry.msgid: characters
        for entry in catalogue.translated_entries()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if (characters := wrong_script_characters(text, language_code))
    }
    assert wrong_script == {}
