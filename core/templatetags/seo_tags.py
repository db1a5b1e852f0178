"""What search engines and link previews read: description, canonical URL, Open Graph, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import Page

from core.languages import page_language
from core.links import absolute_url

register = template.Library()

# Open Graph wants language_TERRITORY.
OG_LOCALES = {"en": "en_GB", "zh-hant": "zh_HK", "zh-hans": "zh_CN"}
DEFAULT_IMAGE = {"path": "img/og-default.png", "width": 1200, "height": 630}
POLYU_WEBSITE = "https://www.polyu.edu.hk/"
# For pages that have no description of their own (search, a home page not yet written).
DEFAULT_DESCRIPTION = gettext_noop(
    "How The Hong Kong Polytechnic University works with industry: partnerships, "
    "research programmes and how to take part."
)


def meta_description(page):
    """The page's own description: its summary, its search description, or its hero text."""
    if not isinstance(page, Page):
        return ""
    getter = getattr(page, "get_meta_description", None)
    description = getter() if callable(getter) else ""
    return (description or page.search_description or getattr(page, "hero_text", "") or "").strip()


def _share_image(page):
    """The image that represents the page: its hero image, else its logo (partners)."""
    for field, spec in (
        ("hero_image", "fill-1200x630|format-jpeg|jpegquality-80"),
        ("logo", "max-1200x630|format-png"),
    ):
        image = getattr(page, field, None)
        if image is not None:
            return image, spec
    return None, None


def _share_image_data(request, page):
    source, spec = _share_image(page) if isinstance(page, Page) else (None, None)
    if source is None:
        return {
            "url": absolute_url(request, static(DEFAULT_IMAGE["path"])),
            "width": DEFAULT_IMAGE["width"],
            "height": DEFAULT_IMAGE["height"],
            "alt": str(_("PolyU Industry Partnerships")),
        }
    rendition = source.get_rendition(spec)
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(source, "default_alt_text", "") or source.title,
    }


@register.simple_tag(takes_context=True)
def page_meta(context, page=None, description=""):
    """Canonical URL, description, language and share image of the page being shown."""
    request = context.get("request")
    language = page_language(page)
    if isinstance(page, Page) and page.pk:
        canonical = page.get_full_url(request)
    else:
        canonical = absolute_url(request, request.path) if request else ""

    # A page whose body comes from the fragment cache has its share image there
    # too (an image row, and a rendition, fewer to read).
    fragment = context.get("body_fragment")
    image = fragment.head.get("share_image") if fragment is not None else None
    if image is None:
        image = _share_image_data(request, page)
        if fragment is not None:
            fragment.head["share_image"] = image
    return {
        "canonical": canonical,
        "description": description or meta_description(page) or _(DEFAULT_DESCRIPTION),
        "og_locale": OG_LOCALES.get(language, language.replace("-", "_")),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
        ],
        "image": image,
    }


def json_ld(data):
    """JSON for a <script type="application/ld+json">: nothing in it can close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escape)
    return mark_safe(text)  # noqa: S308 - escaped above, and inside a script element


@register.simple_tag
def breadcrumb_json_ld(trail):
    """schema.org BreadcrumbList for a trail made by `breadcrumb_trail`."""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": crumb["title"], "item": url}
                for position, crumb in enumerate(trail, start=1)
                if (url := crumb.get("full_url"))
            ],
        }
    )


@register.simple_tag(takes_context=True)
def organization_json_ld(context, footer=None):
    """schema.org Organization for the home page, with the footer's address and accounts."""
    request = context.get("request")
    page = context.get("page")
    footer = footer or {}
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": _("PolyU Industry Partnerships"),
        "url": page.get_full_url(request) if isinstance(page, Page) else "",
        "logo": absolute_url(request, static("img/logo-512.png")) if request else "",
        "parentOrganization": {
            "@type": "CollegeOrUniversity",
            "name": _("The Hong Kong Polytechnic University"),
            "url": POLYU_WEBSITE,
        },
    }
    if footer.get("address_lines"):
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(footer["address_lines"]),
            "addressCountry": "HK",
        }
    if footer.get("phone"):
        data["telephone"] = footer["tel_uri"].removeprefix("tel:")
    if footer.get("email"):
        data["email"] = footer["email"]
    if footer.get("social_links"):
        data["sameAs"] = [link["url"] for link in footer["social_links"]]
    return json_ld(data)
