from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers

from .languages import language_from_accept_header


def redirect_to_visitor_language(request):
    """Send `/` to the home page in the visitor's language (by Accept-Language)."""
    language = language_from_accept_header(request.headers.get("Accept-Language"))
    response = HttpResponseRedirect(f"/{language}/")
    # Caches must keep one redirect per language preference.
    patch_vary_headers(response, ["Accept-Language"])
    return response
