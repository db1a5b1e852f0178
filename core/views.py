import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .languages import language_from_accept_header
from .links import absolute_url

logger = logging.getLogger(__name__)

# The last resort when even the 500 template fails (say, static files not collected).
PLAIN_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="en"><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Server error</title><h1>Something went wrong</h1>"
    '<p>Please try again in a few minutes.</p><p><a href="/">Home page</a></p></html>'
)


def redirect_to_visitor_language(request):
    """Send `/` to the home page in the visitor's language (by Accept-Language)."""
    language = language_from_accept_header(request.headers.get("Accept-Language"))
    response = HttpResponseRedirect(f"/{language}/")
    # Caches must keep one redirect per language preference.
    patch_vary_headers(response, ["Accept-Language"])
    return response


def server_error(request, template_name="500.html"):
    """The 500 page in the language of the URL's prefix, made without the database.

    Whatever failed may be the database itself, so this renders with no
    context processors and tells base.html to leave out everything that
    reads the database or the cache (`offline`).
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            body = loader.get_template(template_name).render({"request": request, "offline": True})
        except Exception:
            logger.exception("The 500 page could not be rendered")
            body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(request, '/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says."""
    return HttpResponseRedirect(static("img/favicon.ico"), status=301)
