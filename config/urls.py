import re
from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import TranslatedSitemap
from core.views import favicon, redirect_to_visitor_language, robots_txt
from page_cache.decorators import cache_publicly
from partner_pages import feeds
from search import views as search_views
from security.password_reset import ThrottledPasswordResetView

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
    # Before Wagtail's own: the "Forgotten password?" form, throttled.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# The folders of MEDIA_ROOT anyone may read: original images, their renditions
# and editors' avatars. Never documents/: a document is served by Wagtail's
# view above (/documents/<id>/<file name>), which checks its collection's privacy.
PUBLIC_MEDIA_FOLDERS = ["original_images", "images", "avatar_images"]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images from MEDIA_ROOT (development, `make serve`); production
    # puts them in object storage or behind the web server. Each folder is its
    # own document root, so no path (`..` included) leads out of it.
    from django.views.static import serve as serve_media

    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(
            rf"^{media_prefix}{folder}/(?P<path>.*)$",
            serve_media,
            {"document_root": Path(settings.MEDIA_ROOT) / folder},
        )
        for folder in PUBLIC_MEDIA_FOLDERS
    ]

# The public site and search live under /en/, /zh-hant/ and /zh-hans/; so do
# the calendar and Atom feeds, in the language of their prefix (partner_pages.feeds).
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path(
        "calls.ics",
        cache_publicly(feeds.calendar_view, query_params=feeds.QUERY_PARAMS),
        name=feeds.CALENDAR_URL_NAME,
    ),
    path(
        "calls.atom",
        cache_publicly(feeds.atom_view, query_params=feeds.QUERY_PARAMS),
        name=feeds.ATOM_URL_NAME,
    ),
    path("", include(wagtail_urls)),
)
