"""Site-wide navigation: language switcher, hreflang links, main menu, breadcrumbs, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.models import Page

from core import site_chrome
from core.languages import language_tag, page_language
from core.links import absolute_url

register = template.Library()


@register.filter
def bcp47(language_code):
    """`{{ "zh-hant"|bcp47 }}` -> "zh-Hant-HK"."""
    return language_tag(language_code)


@register.simple_tag(takes_context=True)
def language_alternates(context, page=None):
    """The current page in each of the site's languages.

    Each entry says where the switcher should send a visitor: the page's live
    translation when there is one (`is_translation`), that locale's home page
    otherwise. Pages without a Wagtail page (search, errors) map by URL prefix.
    """
    request = context.get("request")
    current = get_language()
    alternates = []
    if isinstance(page, Page) and page.pk:
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            if target is not None:
                url, full_url = target.get_url(request), target.get_full_url(request)
            else:
                # Not translated: the switcher offers that locale's home page instead.
                home = site_chrome.locale_homes().get(code)
                url, full_url = (home["url"] if home else f"/{code}/"), None
            alternates.append(
                {
                    "code": code,
                    "tag": language_tag(code),
                    "name_local": get_language_info(code)["name_local"],
                    "url": url,
                    "full_url": full_url,
                    "is_translation": code in translations,
                    "is_current": code == page.locale.language_code,
                }
            )
        return alternates

    path = request.get_full_path() if request else "/"
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        alternates.append(
            {
                "code": code,
                "tag": language_tag(code),
                "name_local": get_language_info(code)["name_local"],
                "url": url,
                # The 500 page (`offline`) has no hreflang links and must not
                # look up the site, which may mean the database.
                "full_url": None if context.get("offline") else absolute_url(request, url),
                "is_translation": True,
                "is_current": code == current,
            }
        )
    return alternates


@register.simple_tag
def default_language():
    return settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The locale's home page and its live children shown in menus (cached, no query)."""
    menu = site_chrome.menu_for(page_language(context.get("page")))
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for item in menu["items"]:
        url = item["url"] or ""
        items.append(
            {**item, "is_current": url == path, "is_active": bool(url) and path.startswith(url)}
        )
    return {"home": menu["home"], "items": items}


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page=None):
    """[{"title", "url", "full_url"}...] from the locale's home page to this page.

    For views without a Wagtail page: the home page, then "Search" on the search page.
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    title = gettext("Search") if match and match.url_name == "search" else ""
    if isinstance(page, Page) and page.pk:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2)
        return [
            {
                "title": ancestor.title,
                "url": ancestor.get_url(request),
                "full_url": ancestor.get_full_url(request),
            }
            for ancestor in ancestors
        ]
    home = site_chrome.menu_for(page_language(context.get("page")))["home"]
    trail = []
    if home:
        trail.append({**home, "full_url": absolute_url(request, home["url"])})
    if title:
        path = request.path if request else ""
        trail.append({"title": title, "url": path, "full_url": absolute_url(request, path)})
    return trail


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer snippet's content in the page's language, falling back to English (cached)."""
    return site_chrome.footer_for(page_language(context.get("page")))


@register.filter
def has_block(page, block_type):
    """Whether the page's body has a block of this type (no rendering)."""
    has = getattr(page, "has_block", None)
    return bool(has and has(block_type))
