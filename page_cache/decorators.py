from functools import wraps

from .middleware import mark_cacheable


def cache_publicly(view=None, *, ignored_vary=(), query_params=()):
    """Let the page cache keep this view's anonymous responses, like a page's.

    Its stored responses are invalidated through `PAGE_CACHE_ALWAYS_INVALIDATE`
    (e.g. `/sitemap.xml` on every publish) or `invalidate_paths`.
    `query_params`: the query parameters the view reads (the others share
    its page); see `middleware.mark_cacheable`.
    """

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            mark_cacheable(request, ignored_vary, query_params)
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
