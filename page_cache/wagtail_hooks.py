from wagtail import hooks

from .middleware import mark_cacheable


@hooks.register("before_serve_page")
def offer_page_to_the_cache(page, request, serve_args, serve_kwargs):
    """Every page Wagtail serves is a candidate; the middleware decides from the response.

    A page type lists the query parameters it reads in `page_cache_query_params`
    (the partnerships index: `area`); any other parameter shares the page.
    """
    mark_cacheable(request, query_params=getattr(page, "page_cache_query_params", ()))
