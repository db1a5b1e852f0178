"""sitemap.xml: every live page in every language, each with its translations as alternates.

Wagtail's sitemap lists the default site's page tree only (our English home
and below) and has no hreflang alternates. This one lists the subtree of each
locale's home page and adds, for every page, an `xhtml:link rel="alternate"`
per live translation (BCP 47 tags, as in the pages' own hreflang links)
plus `x-default`, pointing at the default language's version.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .languages import language_tag


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).live()
        in_some_home = Q()
        for home in homes:
            in_some_home |= Q(path__startswith=home.path)
        if not homes:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .filter(in_some_home)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(dict)
        for item in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
        ):
            translations[item.translation_key][item.locale.language_code] = item

        urls = []
        last_mods = set()
        for item in pages:
            versions = translations[item.translation_key]
            alternates = []
            for code, _name in settings.LANGUAGES:
                version = versions.get(code)
                if version is not None:
                    alternates.append(
                        {
                            "lang_code": language_tag(code),
                            "location": version.get_full_url(self.request),
                        }
                    )
            default = versions.get(settings.LANGUAGE_CODE)
            if default is not None:
                alternates.append(
                    {"lang_code": "x-default", "location": default.get_full_url(self.request)}
                )
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
