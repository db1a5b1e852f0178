"""What every page's header and footer show, cached per language.

The main navigation (the locale's home page and its children shown in menus)
and the footer snippet (its published version: a draft waits for review)
change only when an editor publishes something, yet every page shows them.
They are computed once per language, kept in Django's cache as plain values,
and dropped when a page or the footer changes (`connect_signals`, called
from `CoreConfig.ready`). A page view therefore
costs no query for either once the cache is warm. The home page of each
locale is found here too, once for all languages (`locale_homes`): the menu,
the breadcrumbs and the language switcher's fallback all read it.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import FooterContent
from .review import is_revision_bookkeeping

CACHE_SECONDS = 60 * 60 * 24
HOMES_KEY = "site-data:homes"
MENU_KEY = "site-data:menu:{}"
FOOTER_KEY = "site-data:footer:{}"


def _keys():
    codes = [code for code, _name in settings.LANGUAGES]
    return [HOMES_KEY, *(key.format(code) for key in (MENU_KEY, FOOTER_KEY) for code in codes)]


def clear(**_kwargs):
    """Forget the cached navigation and footer in every language."""
    cache.delete_many(_keys())


def _clear_unless_bookkeeping(update_fields=None, **kwargs):
    # A draft saved (or a lock taken) on the footer changes nothing visitors see.
    if not is_revision_bookkeeping(update_fields):
        clear(**kwargs)


def _default_site():
    return (
        Site.objects.select_related("root_page").filter(is_default_site=True).first()
        or Site.objects.select_related("root_page").first()
    )


def _build_locale_homes(_language_code=None):
    site = _default_site()
    if site is None:
        return {}
    homes = {}
    for home in (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key)
        .select_related("locale")
    ):
        code = home.locale.language_code
        with translation.override(code):
            homes[code] = {
                "title": home.title,
                "url": home.get_url(),
                "path": home.path,
                "depth": home.depth,
            }
    return homes


def _build_menu(language_code):
    home = locale_homes().get(language_code)
    if home is None:
        return {"home": None, "items": []}
    with translation.override(language_code):
        items = [
            {"title": child.title, "url": child.get_url()}
            # The tree paths, not numchild (which get_children() would trust).
            for child in Page.objects.filter(path__startswith=home["path"], depth=home["depth"] + 1)
            .live()
            .public()
            .in_menu()
            .order_by("path")
        ]
    return {"home": {"title": home["title"], "url": home["url"]}, "items": items}


def _cached(key, build, language_code):
    value = cache.get(key)
    if value is None:
        value = build(language_code)
        cache.set(key, value, CACHE_SECONDS)
    return value


def locale_homes():
    """{language code: {"title", "url", "path", "depth"}} of each locale's live home page."""
    return _cached(HOMES_KEY, _build_locale_homes, None)


def menu_for(language_code):
    """{"home": {"title", "url"}, "items": [{"title", "url"}...]} for a language."""
    return _cached(MENU_KEY.format(language_code), _build_menu, language_code)


def _build_footer(language_code):
    footers = {
        footer.locale.language_code: footer
        for footer in FooterContent.objects.filter(
            live=True, locale__language_code__in=[language_code, settings.LANGUAGE_CODE]
        ).select_related("locale")
    }
    footer = footers.get(language_code) or footers.get(settings.LANGUAGE_CODE)
    if footer is None:
        return {}
    with translation.override(language_code):
        return {
            "address_lines": [line.strip() for line in footer.address.splitlines() if line.strip()],
            "phone": footer.phone,
            "tel_uri": footer.tel_uri,
            "email": footer.email,
            "links": [
                {"text": link.value["text"], "url": link.value.url}
                for link in footer.links
                if link.value.url
            ],
            "social_links": [
                {"name": str(link.value.name), "url": link.value["url"]}
                for link in footer.social_links
            ],
        }


def footer_for(language_code):
    """The footer's content for a language as plain values ({} when there is none)."""
    return _cached(FOOTER_KEY.format(language_code), _build_footer, language_code)


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear, dispatch_uid=f"site-data-{signal}")
    post_delete.connect(clear, sender=Page, dispatch_uid="site-data-page-delete")
    post_save.connect(
        _clear_unless_bookkeeping, sender=FooterContent, dispatch_uid="site-data-footer-save"
    )
    post_delete.connect(clear, sender=FooterContent, dispatch_uid="site-data-footer-delete")
    post_save.connect(clear, sender=Site, dispatch_uid="site-data-site")
