"""The site's three languages: their BCP 47 tags and how visitors are matched to them."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Page

# Django's language codes -> the tags browsers, screen readers and search
# engines expect in `lang` and `hreflang`.
LANGUAGE_TAGS = {
    "en": "en",
    "zh-hant": "zh-Hant-HK",
    "zh-hans": "zh-Hans",
}

# Regions whose readers expect Traditional characters when a browser sends
# only a region ("zh-HK") rather than a script ("zh-Hant"); other regions read
# Simplified.
TRADITIONAL_REGIONS = {"hk", "tw", "mo"}


def language_tag(language_code):
    """The BCP 47 tag for one of the site's language codes (e.g. "zh-Hant-HK")."""
    return LANGUAGE_TAGS.get(language_code, language_code)


def page_language(page=None):
    """The language a page is shown in: its locale's, else the request's (search, errors)."""
    if isinstance(page, Page) and page.pk:
        return page.locale.language_code
    return get_language() or settings.LANGUAGE_CODE


def site_language_for(browser_language):
    """Map one Accept-Language entry to a site language, or None if we have none for it."""
    subtags = browser_language.lower().replace("_", "-").split("-")
    if subtags[0] == "en":
        return "en"
    if subtags[0] != "zh":
        return None
    rest = set(subtags[1:])
    if "hant" in rest or rest & TRADITIONAL_REGIONS:
        return "zh-hant"
    # Plain "zh", "zh-Hans" and mainland/Singapore/Malaysia regions read Simplified.
    return "zh-hans"


def language_from_accept_header(header):
    """The visitor's first supported language by preference, English otherwise."""
    for browser_language, _quality in parse_accept_lang_header(header or ""):
        if browser_language == "*":
            continue
        language = site_language_for(browser_language)
        if language:
            return language
    return settings.LANGUAGE_CODE
