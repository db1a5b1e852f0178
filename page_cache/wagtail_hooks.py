from wagtail import hooks

from .middleware import mark_cacheable


@hooks.register("before_serve_page")
def offer_page_to_the_cache(page, request, serve_args, serve_kwargs):
    """Every page Wagtail serves is a candidate; the middleware decides from the response."""
    mark_cacheable(request)
