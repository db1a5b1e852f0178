"""The site's machine translator: Traditional ⇄ Simplified Chinese, plus an optional delegate.

Set as `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` (see config/settings/base.py).

wagtail-localize's translation editor asks `can_translate(source, target)` with
the translation's *source* locale (English for most pages) and, behind its
"Translate with …" button, translates the source strings. So:

- zh-hant ⇄ zh-hans (content written in one Chinese script, translated into the
  other): offered; `translate()` converts the source strings through the
  term base (core.terms) and OpenCC.
- en → zh-hans or zh-hant: offered only when a delegate (DeepL…) is configured;
  the delegate translates and its output is normalised to the target script.
- The sibling conversion translators want most ("Convert from Traditional
  Chinese" in a Simplified translation of an English page) needs each segment's
  existing translation in the other Chinese locale, which `translate()` is never
  given: `conversion.convert_from_sibling()` does it, behind a button of its own
  in the translation editor (templates/wagtail_localize/admin/edit_translation.html)
  and in `manage.py convert_chinese_variant`.
"""

from django.utils.module_loading import import_string
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from core.chinese import PROFILE, convert, is_chinese, sibling_of
from core.terms import site_entries

from .conversion import TOOL_NAME


class ChineseVariantTranslator(BaseMachineTranslator):
    """OpenCC between the Chinese scripts; other pairs go to `OPTIONS["DELEGATE"]`, if any."""

    def __init__(self, options):
        super().__init__(options)
        delegate = options.get("DELEGATE")
        self.delegate = (
            import_string(delegate["CLASS"])(delegate.get("OPTIONS", {})) if delegate else None
        )
        self._pair = None

    @property
    def display_name(self):
        # wagtail-localize reads the name right after asking can_translate() for a
        # pair, on the same (per-request) instance: name the tool that pair uses.
        if self._pair in PROFILE or self.delegate is None:
            return TOOL_NAME
        return self.delegate.display_name

    @staticmethod
    def pair(source_locale, target_locale):
        return (source_locale.language_code, target_locale.language_code)

    def can_translate(self, source_locale, target_locale):
        self._pair = self.pair(source_locale, target_locale)
        if self._pair in PROFILE:
            return True
        return bool(self.delegate and self.delegate.can_translate(source_locale, target_locale))

    def translate(self, source_locale, target_locale, strings):
        pair = self.pair(source_locale, target_locale)
        if pair in PROFILE:
            terms = site_entries()
            return {string: StringValue(convert(string.data, *pair, terms)) for string in strings}
        if not (self.delegate and self.delegate.can_translate(source_locale, target_locale)):
            return {}
        translations = self.delegate.translate(source_locale, target_locale, strings)
        target = target_locale.language_code
        if is_chinese(target):
            # DeepL and others answer "zh" in one script: normalise to the target's.
            terms = site_entries()
            return {
                string: StringValue(convert(value.data, sibling_of(target), target, terms))
                for string, value in translations.items()
                if value is not None
            }
        return translations
