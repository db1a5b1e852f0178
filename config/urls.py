import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import TranslatedSitemap
from core.views import favicon, redirect_to_visitor_language, robots_txt
from page_cache.decorators import cache_publicly
from search import views as search_views

# Rendered without the database, in the language of the URL's prefix.
handler500 = "core.views.server_error"

urlpatterns = [
    path("", redirect_to_visitor_language, name="root"),
    # The same for every visitor (LocaleMiddleware's Vary: Accept-Language aside):
    # kept by the page cache and invalidated with the pages.
    path(
        "sitemap.xml",
        # `p`: the sitemap's page number (Django's sitemap view).
        cache_publicly(sitemap, ignored_vary=["Accept-Language"], query_params=["p"]),
        {"sitemaps": {"pages": TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images and documents from MEDIA_ROOT (development, `make serve`);
    # production puts them in object storage or behind the web server.
    from django.views.static import serve as serve_media

    urlpatterns.append(
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# The public site and search live under /en/, /zh-hant/ and /zh-hans/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
)
